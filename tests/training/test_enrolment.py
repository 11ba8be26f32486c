"""Enrolment, assignment scope, catalogue visibility and list query counts."""

import datetime as dt

import pytest
from django.utils import timezone

from people.models import Employee
from tests.conftest import employee_of
from tests.factories import EmployeeFactory
from tests.training.factories import make_module
from training.models import Assignment, Enrollment, Module


@pytest.mark.django_db
def test_self_enrol_only_in_published(api, pegawai):
    draft = make_module(code="DRAFT", status=Module.Status.DRAFT)
    client = api(pegawai)
    assert client.post(f"/api/v1/modules/{draft.pk}/enroll/").status_code == 404
    published = make_module(code="PUB")
    assert client.post(f"/api/v1/modules/{published.pk}/enroll/").status_code == 201
    assert client.post(f"/api/v1/modules/{published.pk}/enroll/").status_code == 200
    assert Enrollment.objects.count() == 1


@pytest.mark.django_db
def test_catalogue_drafts_only_for_authors(api, pegawai, hr, leader):
    make_module(code="DRAFT", status=Module.Status.DRAFT)
    make_module(code="PUB")
    assert [m["code"] for m in api(pegawai).get("/api/v1/modules/").json()["results"]] == ["PUB"]
    assert [m["code"] for m in api(leader).get("/api/v1/modules/").json()["results"]] == ["PUB"]
    assert {m["code"] for m in api(hr).get("/api/v1/modules/").json()["results"]} == {
        "DRAFT",
        "PUB",
    }


@pytest.mark.django_db
def test_catalogue_filters(api, pegawai):
    make_module(code="KOM", target=("M.3", 2))
    make_module(code="INT", target=("M.1", 3), delivery="classical")
    client = api(pegawai)
    codes = lambda q: [m["code"] for m in client.get(f"/api/v1/modules/?{q}").json()["results"]]  # noqa: E731
    assert codes("competency=M.1") == ["INT"]
    assert codes("delivery=classical") == ["INT"]
    assert codes("search=kom") == ["KOM"]
    assert codes("jp_min=5") == []
    assert sorted(codes("jp_max=4")) == ["INT", "KOM"]


@pytest.mark.django_db
def test_hr_assigns_a_unit_subtree_and_skips_existing(api, hr, pegawai, leader, outsider):
    module = make_module()
    Enrollment.objects.create(employee=employee_of(pegawai), module=module)
    due = timezone.localdate() + dt.timedelta(days=30)
    response = api(hr).post(
        "/api/v1/enrollments/",
        {"module": module.pk, "unit": leader.employee.unit_id, "due_date": due.isoformat()},
    )
    assert response.status_code == 201, response.content
    # Dinas A1 subtree: leader (A1), hr? no (hr sits in agency A), pegawai (A1a, kept).
    assert response.json()["enrolled_count"] == 1
    assert set(Enrollment.objects.values_list("employee__user__username", flat=True)) == {
        "pegawai",
        "leader",
    }
    assert Enrollment.objects.get(employee__user=leader).due_date == due
    assert Enrollment.objects.get(employee__user=pegawai).due_date is None


@pytest.mark.django_db
def test_hr_of_a1_cannot_assign_to_a2(api, hr_a1, outsider, world):
    module = make_module()
    client = api(hr_a1)
    response = client.post("/api/v1/enrollments/", {"module": module.pk, "unit": world.a2.pk})
    assert response.status_code == 400
    assert response.json() == {"unit": ["Unit tidak ditemukan."]}
    response = client.post(
        "/api/v1/enrollments/", {"module": module.pk, "employees": [outsider.employee.pk]}
    )
    assert response.status_code == 400
    assert "employees" in response.json()
    assert Enrollment.objects.count() == 0 and Assignment.objects.count() == 0


@pytest.mark.django_db
def test_pegawai_cannot_assign(api, pegawai, outsider):
    module = make_module()
    response = api(pegawai).post(
        "/api/v1/enrollments/", {"module": module.pk, "employees": [outsider.employee.pk]}
    )
    assert response.status_code == 403
    assert Enrollment.objects.count() == 0


@pytest.mark.django_db
def test_enrollment_list_scope(api, personas):
    module = make_module()
    for name in ("pegawai", "outsider", "leader"):
        Enrollment.objects.create(employee=employee_of(personas[name]), module=module)

    def seen(user):
        return {e["employee_name"] for e in api(user).get("/api/v1/enrollments/").json()["results"]}

    assert seen(personas["pegawai"]) == {"Pegawai"}
    assert seen(personas["outsider"]) == {"Outsider"}
    assert seen(personas["leader"]) == {"Pegawai", "Leader"}
    assert seen(personas["hr_a1"]) == {"Pegawai", "Leader"}
    assert seen(personas["hr"]) == {"Pegawai", "Leader", "Outsider"}
    assert seen(personas["hr_b"]) == set()
    pk = Enrollment.objects.get(employee__user=personas["outsider"]).pk
    assert api(personas["hr_a1"]).get(f"/api/v1/enrollments/{pk}/").status_code == 404


@pytest.mark.django_db
def test_overdue_state(api, pegawai):
    module = make_module()
    Enrollment.objects.create(
        employee=employee_of(pegawai),
        module=module,
        due_date=timezone.localdate() - dt.timedelta(days=1),
    )
    row = api(pegawai).get("/api/v1/enrollments/").json()["results"][0]
    assert (row["state"], row["is_overdue"]) == ("overdue", True)
    assert api(pegawai).get("/api/v1/enrollments/?state=overdue").json()["count"] == 1


@pytest.mark.django_db
def test_catalogue_query_count_is_constant(api, pegawai, django_assert_max_num_queries):
    for n in range(50):
        make_module(code=f"M{n:02d}", questions=0, lessons=1, per_attempt=1)
    client = api(pegawai)
    # session/auth: user, role assignments, employee; count; page; prefetch targets.
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/modules/?page_size=50")
    assert len(response.json()["results"]) == 50


@pytest.mark.django_db
def test_enrollment_list_query_count_is_constant(api, hr, world, django_assert_max_num_queries):
    module = make_module(questions=0, per_attempt=1)
    for _n in range(50):
        Enrollment.objects.create(employee=EmployeeFactory(unit=world.a1a), module=module)
    assert Employee.objects.count() == 51
    with django_assert_max_num_queries(5):
        response = api(hr).get("/api/v1/enrollments/?page_size=50")
    assert len(response.json()["results"]) == 50


@pytest.mark.django_db
def test_leader_assigns_only_inside_own_subtree(api, leader, leader_a2, pegawai, world):
    module = make_module()
    response = api(leader_a2).post(
        "/api/v1/enrollments/", {"module": module.pk, "employees": [pegawai.employee.pk]}
    )
    assert response.status_code == 400
    assert response.json() == {"employees": [f"Pegawai tidak ditemukan: {pegawai.employee.pk}."]}
    response = api(leader).post(
        "/api/v1/enrollments/", {"module": module.pk, "employees": [pegawai.employee.pk]}
    )
    assert response.status_code == 201
    assert Enrollment.objects.get().employee == pegawai.employee


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/modules/"),
        ("post", "/api/v1/modules/1/enroll/"),
        ("get", "/api/v1/enrollments/"),
        ("post", "/api/v1/enrollments/"),
        ("post", "/api/v1/modules/1/attempts/"),
        ("get", "/api/v1/attempts/1/"),
        ("put", "/api/v1/attempts/1/answers/"),
        ("post", "/api/v1/attempts/1/submit/"),
    ],
)
@pytest.mark.django_db
def test_anonymous_is_refused(api, method, path):
    assert getattr(api(), method)(path).status_code in (401, 403)


@pytest.mark.django_db
def test_past_due_date_is_refused(api, hr, world):
    module = make_module()
    response = api(hr).post(
        "/api/v1/enrollments/", {"module": module.pk, "unit": world.a1.pk, "due_date": "2000-01-01"}
    )
    assert response.status_code == 400
    assert response.json() == {"due_date": ["Tenggat tidak boleh di masa lalu."]}
    assert Enrollment.objects.count() == 0
