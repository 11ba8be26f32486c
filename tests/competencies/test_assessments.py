"""Current level = latest non-self rating; who may rate whom."""

import datetime as dt
from functools import partial

import pytest

from competencies.models import Assessment, Competency
from competencies.selectors import employee_profile
from competencies.services import assessment_delete, assessment_record
from tests.competencies.conftest import rate
from tests.conftest import employee_of
from tests.races import needs_postgresql, race

pytestmark = pytest.mark.django_db
URL = "/api/v1/assessments/"


def _current(employee, code):
    row = next(r for r in employee_profile(employee=employee).rows if r.competency.code == code)
    return row.current, row.self_level


def test_current_is_latest_non_self_by_date_then_id(pegawai, requirements):
    employee = employee_of(pegawai)
    rate(employee, "T.1", 4, days_ago=30)
    rate(employee, "T.1", 2, days_ago=60)  # older date, newer id: not current
    assert _current(employee, "T.1") == (4, None)
    rate(employee, "T.1", 5, source="self", days_ago=1)  # self never becomes current
    assert _current(employee, "T.1") == (4, 5)
    rate(employee, "T.1", 3, days_ago=30)  # same date, higher id wins
    assert _current(employee, "T.1") == (3, 5)
    assert Assessment.objects.filter(employee=employee, is_current=True).count() == 1
    assert Assessment.objects.filter(employee=employee).count() == 4  # history is kept


def test_training_source_through_the_service(pegawai, requirements):
    employee = employee_of(pegawai)
    assessment = assessment_record(
        employee=employee, competency=Competency.objects.get(code="T.3"), level=2, source="training"
    )
    assert assessment.is_current and assessment.assessed_on == dt.date.today()
    assert _current(employee, "T.3") == (2, None)


def test_deleting_the_current_rating_falls_back_to_the_previous(pegawai, requirements):
    employee = employee_of(pegawai)
    rate(employee, "M.1", 1, days_ago=40)
    latest = rate(employee, "M.1", 3, days_ago=5)
    assessment_delete(assessment=latest)
    assert _current(employee, "M.1") == (1, None)


def _payload(employee, **extra):
    return {
        "employee": employee.pk,
        "competency": Competency.objects.get(code="M.2").pk,
        "level": 3,
        "assessed_on": "2025-01-10",
        **extra,
    }


@pytest.mark.parametrize(
    ("actor", "target", "expected"),
    [
        ("leader", "pegawai", 201),
        ("hr", "pegawai", 201),
        ("hr_a1", "pegawai", 201),
        ("admin", "pegawai", 201),
        ("leader_a2", "pegawai", 400),
        ("hr_b", "pegawai", 400),
        ("outsider", "pegawai", 400),
        ("pegawai", "outsider", 400),
        ("leader", "outsider", 400),
        ("hr", "outsider", 201),
    ],
)
def test_rating_permission_matrix(api, personas, requirements, actor, target, expected):
    response = api(personas[actor]).post(URL, _payload(employee_of(personas[target])))
    assert response.status_code == expected, response.json()
    created = Assessment.objects.filter(employee=employee_of(personas[target]))
    assert created.count() == (1 if expected == 201 else 0)
    if expected == 400:
        assert response.json() == {"employee": ["Pegawai tidak ditemukan."]}
    else:
        assert created.get().source == "supervisor" and created.get().is_current


def test_self_assessment_is_forced_to_self_and_not_current(api, pegawai, requirements):
    employee = employee_of(pegawai)
    response = api(pegawai).post(URL, _payload(employee, source="supervisor"))
    assert response.status_code == 201
    assert response.json()["source"] == "self" and response.json()["is_current"] is False
    assert _current(employee, "M.2") == (None, 3)


def test_leader_rating_themselves_is_a_self_assessment(api, leader, requirements):
    response = api(leader).post(URL, _payload(employee_of(leader)))
    assert response.json()["source"] == "self"


def test_bad_input_is_refused_and_nothing_written(api, leader, pegawai, requirements):
    employee = employee_of(pegawai)
    response = api(leader).post(URL, _payload(employee, level=7))
    assert response.status_code == 400 and "level" in response.json()
    response = api(leader).post(URL, _payload(employee, source="training"))
    assert response.status_code == 400
    assert response.json() == {"source": ["Pilih atasan atau assessment center."]}
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    response = api(leader).post(URL, _payload(employee, assessed_on=future))
    assert response.status_code == 400 and "assessed_on" in response.json()
    assert not Assessment.objects.exists()


def test_list_is_scoped(api, personas, requirements):
    rate(employee_of(personas["pegawai"]), "M.1", 2)
    rate(employee_of(personas["outsider"]), "M.1", 2)
    rate(employee_of(personas["hr_b"]), "M.1", 2)

    def names(who):
        return sorted(r["employee_name"] for r in api(personas[who]).get(URL).json()["results"])

    assert names("pegawai") == ["Pegawai"]
    assert names("leader") == ["Pegawai"]
    assert names("hr") == ["Outsider", "Pegawai"]
    assert names("hr_b") == ["Hr_b"]
    other = Assessment.objects.get(employee=employee_of(personas["outsider"]))
    assert api(personas["pegawai"]).get(f"{URL}{other.pk}/").status_code == 404


def test_list_query_count_is_constant(api, hr, world, requirements, django_assert_max_num_queries):
    from tests.factories import EmployeeFactory

    for _ in range(60):
        rate(EmployeeFactory(unit=world.a1a, position=world.position_a), "M.1", 2)
    with django_assert_max_num_queries(4):
        response = api(hr).get(URL, {"page_size": 50})
    assert len(response.json()["results"]) == 50


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_ratings_leave_exactly_one_current(world, dictionary):
    from competencies.services import requirement_defaults_apply
    from tests.factories import EmployeeFactory

    requirement_defaults_apply(world.position_a)
    employee = EmployeeFactory(unit=world.a1a, position=world.position_a)
    competency = Competency.objects.get(code="T.1")

    def rate(level: int):
        return assessment_record(
            employee=employee,
            competency=competency,
            level=level,
            source="supervisor",
            assessed_on=dt.date(2025, 1, 1),
        )

    result = race(*[partial(rate, n % 5 + 1) for n in range(6)])
    assert result.errors == []
    ratings = Assessment.objects.filter(employee=employee, competency=competency)
    assert ratings.count() == 6
    assert list(ratings.filter(is_current=True).values_list("pk", flat=True)) == [
        ratings.order_by("-id").first().pk
    ]
