"""Field-level writes: every writable API endpoint is sent, beside a valid body, the model
fields the caller must not set (owner, unit out of scope, status, score, serial, approver,
timestamps, derived values...). Each test compares the database before and after: none of
those values may be stored, and a request that targets something out of scope changes
nothing at all."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from certificates.models import Certificate
from competencies.models import Assessment, Competency, LearningRecord, PositionRequirement
from people.models import Employee, OrgUnit, Position
from recognition.models import Award, AwardType
from tests.conftest import employee_of
from tests.factories import valid_nip
from training.models import Attempt, Enrollment

pytestmark = pytest.mark.django_db

LONG_AGO = "2001-02-03T04:05:06Z"


def row(obj) -> dict:
    """Every stored column of `obj`, fresh from the database."""
    values = type(obj).objects.filter(pk=obj.pk).values().get()
    for field in type(obj)._meta.concrete_fields:
        values[field.name] = values[field.attname]  # "unit" as well as "unit_id"
    return values


def new_rows(model, before: set[int]):
    return list(model.objects.exclude(pk__in=before))


def pks(model) -> set[int]:
    return set(model.objects.values_list("pk", flat=True))


def assert_unchanged(obj, before: dict, fields) -> None:
    after = row(obj)
    for name in fields:
        assert after[name] == before[name], f"{type(obj).__name__}.{name} was changed"


def assert_nothing_created(model, before: set[int]) -> None:
    assert not new_rows(model, before), f"a {model.__name__} was created"


# -- people ----------------------------------------------------------------------------


def test_employee_create_ignores_user_and_derived_fields(api, hr, world, cast):
    other_user = cast["staff_b1"].user
    before = pks(Employee)
    body = {
        "nip": valid_nip(500),
        "name": "Baru",
        "employment_type": "PNS",
        "golongan": "III/a",
        "unit": world.a1.pk,
        "user": other_user.pk,
        "birth_date": "1999-09-09",
        "tmt_cpns": "2019-01-01",
        "sex": "P" if valid_nip(500)[14] == "1" else "L",
        "id": 987654,
    }
    response = api(hr).post("/api/v1/employees/", body, format="json")
    assert response.status_code == 201, response.content
    (created,) = new_rows(Employee, before)
    assert created.pk != 987654
    assert created.user_id != other_user.pk
    assert created.birth_date == dt.date(1970, 1, 1) + dt.timedelta(days=500)  # from the NIP
    assert created.tmt_cpns != dt.date(2019, 1, 1)
    assert created.sex != body["sex"]


def test_employee_create_in_a_unit_out_of_scope_is_refused(api, hr, world, cast):
    before = pks(Employee)
    body = {
        "nip": valid_nip(501),
        "name": "Baru",
        "employment_type": "PNS",
        "golongan": "III/a",
        "unit": world.b1.pk,
    }
    assert api(hr).post("/api/v1/employees/", body, format="json").status_code in (400, 404)
    assert_nothing_created(Employee, before)


def test_employee_update_ignores_protected_fields_and_foreign_units(api, hr, world, cast):
    staff = cast["staff_a1a"]
    before = row(staff)
    base = {
        "nip": staff.nip,
        "name": staff.name,
        "employment_type": staff.employment_type,
        "golongan": staff.golongan,
        "unit": staff.unit_id,
    }
    response = api(hr).put(
        f"/api/v1/employees/{staff.pk}/",
        {
            **base,
            "user": cast["hr"].pk,
            "birth_date": "1999-09-09",
            "sex": "X",
            "tmt_cpns": "2019-01-01",
            "id": 987654,
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    assert_unchanged(staff, before, ["user", "birth_date", "sex", "tmt_cpns", "unit"])
    response = api(hr).patch(
        f"/api/v1/employees/{staff.pk}/", {**base, "unit": world.b1.pk}, format="json"
    )
    assert response.status_code in (400, 404)
    assert_unchanged(staff, before, ["unit", "position", "name"])


@pytest.mark.parametrize("role", ["pegawai", "leader", "leader_a2", "hr_b"])
def test_employee_update_by_a_role_without_the_right_changes_nothing(api, cast, role):
    staff = cast["staff_a1a"]
    before = row(staff)
    response = api(cast[role]).patch(
        f"/api/v1/employees/{staff.pk}/", {"name": "Diubah", "is_active": False}, format="json"
    )
    assert response.status_code in (403, 404)
    assert_unchanged(staff, before, before.keys())


def test_unit_writes_ignore_tree_columns_and_refuse_foreign_parents(api, hr, world):
    before = pks(OrgUnit)
    response = api(hr).post(
        "/api/v1/units/",
        {
            "parent": world.a1.pk,
            "code": "A1b",
            "name": "Bidang A1b",
            "path": "0009",
            "depth": 1,
            "numchild": 7,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    (created,) = new_rows(OrgUnit, before)
    assert created.path.startswith(world.a1.path) and created.depth == world.a1.depth + 1
    assert created.numchild == 0
    before = pks(OrgUnit)
    response = api(hr).post(
        "/api/v1/units/",
        {"parent": world.b1.pk, "code": "B1x", "name": "Disusupkan"},
        format="json",
    )
    assert response.status_code in (400, 403, 404)
    assert_nothing_created(OrgUnit, before)
    unit_before = row(world.a1a)
    response = api(hr).patch(
        f"/api/v1/units/{world.a1a.pk}/",
        {"parent": world.b1.pk, "path": "0009", "depth": 1},
        format="json",
    )
    assert response.status_code in (200, 400, 403, 404)
    assert_unchanged(world.a1a, unit_before, ["path", "depth", "numchild"])


def test_position_writes_cannot_move_to_another_agency(api, hr, world):
    before = pks(Position)
    response = api(hr).post(
        "/api/v1/positions/",
        {"agency": world.agency_b.pk, "code": "X1", "name": "Jabatan X", "type": "pelaksana"},
        format="json",
    )
    assert response.status_code in (201, 400, 403, 404)
    for created in new_rows(Position, before):
        assert created.agency_id != world.agency_b.pk
    position_before = row(world.position_a)
    response = api(hr).patch(
        f"/api/v1/positions/{world.position_a.pk}/", {"agency": world.agency_b.pk}, format="json"
    )
    assert response.status_code in (200, 400, 403, 404)
    assert_unchanged(world.position_a, position_before, ["agency"])


# -- competencies -----------------------------------------------------------------------


def test_assessment_create_ignores_assessor_and_current_flag(api, leader, hr, cast):
    staff = cast["staff_a1a"]
    before = pks(Assessment)
    competency = Competency.objects.get(code="M.1")
    response = api(leader).post(
        "/api/v1/assessments/",
        {
            "employee": staff.pk,
            "competency": competency.pk,
            "level": 3,
            "source": "supervisor",
            "assessor": hr.pk,
            "is_current": False,
            "id": 987654,
            "created_at": LONG_AGO,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    (created,) = new_rows(Assessment, before)
    assert created.assessor_id == leader.pk and created.pk != 987654
    assert created.is_current is True
    assert created.employee_id == staff.pk


@pytest.mark.parametrize(
    "role,target",
    [
        ("leader", "staff_b1"),
        ("leader_a2", "staff_a1a"),
        ("hr_b", "staff_a1a"),
        ("pegawai", "staff_a1a"),
    ],
)
def test_assessment_for_someone_out_of_scope_is_not_stored(api, cast, role, target):
    before = pks(Assessment)
    response = api(cast[role]).post(
        "/api/v1/assessments/",
        {
            "employee": cast[target].pk,
            "competency": Competency.objects.get(code="M.1").pk,
            "level": 5,
            "source": "supervisor",
        },
        format="json",
    )
    assert response.status_code in (400, 403, 404)
    assert_nothing_created(Assessment, before)


def test_position_requirement_writes_stay_in_the_agency(api, hr, world, cast):
    before = pks(PositionRequirement)
    competency = Competency.objects.get(code="M.2")
    response = api(hr).post(
        "/api/v1/position-requirements/",
        {
            "position": world.position_b.pk,
            "competency": competency.pk,
            "required_level": 4,
        },
        format="json",
    )
    assert response.status_code in (400, 403, 404)
    assert_nothing_created(PositionRequirement, before)
    requirement = PositionRequirement.objects.create(
        position=world.position_a, competency=competency, required_level=2
    )
    requirement_before = row(requirement)
    response = api(hr).patch(
        f"/api/v1/position-requirements/{requirement.pk}/",
        {"position": world.position_b.pk, "required_level": 3},
        format="json",
    )
    assert response.status_code in (200, 400, 403, 404)
    assert_unchanged(requirement, requirement_before, ["position"])
    hr_b_response = api(cast["hr_b"]).patch(
        f"/api/v1/position-requirements/{requirement.pk}/", {"required_level": 5}, format="json"
    )
    assert hr_b_response.status_code in (403, 404)
    assert row(requirement)["required_level"] != 5


def test_learning_record_create_ignores_year_source_key_and_recorder(api, hr, leader, cast):
    staff = cast["staff_a1a"]
    before = pks(LearningRecord)
    response = api(hr).post(
        "/api/v1/learning-records/",
        {
            "employee": staff.pk,
            "title": "Diklat",
            "kind": "classical",
            "jp": "8",
            "start_date": "2025-03-01",
            "end_date": "2025-03-02",
            "year": 1999,
            "source_key": "training.enrollment:1",
            "recorded_by": leader.pk,
            "created_at": LONG_AGO,
            "id": 987654,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    (created,) = new_rows(LearningRecord, before)
    assert created.year == 2025 and created.pk != 987654
    assert created.source_key != "training.enrollment:1"
    assert created.recorded_by_id == hr.pk
    assert created.created_at.year == timezone.now().year


@pytest.mark.parametrize(
    "role,target", [("hr", "staff_b1"), ("pegawai", "staff_a1a"), ("hr_b", "staff_a1a")]
)
def test_learning_record_for_someone_out_of_scope_is_not_stored(api, cast, role, target):
    before = pks(LearningRecord)
    response = api(cast[role]).post(
        "/api/v1/learning-records/",
        {
            "employee": cast[target].pk,
            "title": "Diklat",
            "kind": "classical",
            "jp": "8",
            "start_date": "2025-03-01",
            "end_date": "2025-03-02",
        },
        format="json",
    )
    assert response.status_code in (400, 403, 404)
    assert_nothing_created(LearningRecord, before)


@pytest.mark.parametrize("role", ["hr", "leader", "pegawai"])
def test_competency_dictionary_writes_are_admin_only(api, cast, role):
    competency = Competency.objects.get(code="M.1")
    before, count = row(competency), Competency.objects.count()
    client = api(cast[role])
    assert (
        client.patch(
            f"/api/v1/competencies/{competency.pk}/", {"name": "Diubah"}, format="json"
        ).status_code
        == 403
    )
    assert (
        client.post(
            "/api/v1/competencies/",
            {"code": "T.99", "name": "Baru", "kind": "technical", "levels": []},
            format="json",
        ).status_code
        == 403
    )
    assert client.delete(f"/api/v1/competencies/{competency.pk}/").status_code == 403
    assert_unchanged(competency, before, before.keys())
    assert Competency.objects.count() == count


def test_competency_update_by_admin_ignores_the_id(api, admin_user):
    competency = Competency.objects.get(code="M.1")
    response = api(admin_user).patch(
        f"/api/v1/competencies/{competency.pk}/",
        {"id": 987654, "name": competency.name},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert Competency.objects.filter(pk=competency.pk).exists()
    assert not Competency.objects.filter(pk=987654).exists()


@pytest.mark.parametrize("role", ["hr", "leader", "pegawai"])
def test_award_type_writes_are_admin_only(api, cast, role):
    award_type = AwardType.objects.get(code="pegawai-teladan")
    before = row(award_type)
    response = api(cast[role]).patch(
        f"/api/v1/award-types/{award_type.pk}/", {"quota": 99, "approver": "leader"}, format="json"
    )
    assert response.status_code == 403
    assert_unchanged(award_type, before, before.keys())


# -- training ---------------------------------------------------------------------------


def test_assign_ignores_status_grade_and_out_of_scope_employees(api, hr, cast, objects):
    module = objects.module()
    before = pks(Enrollment)
    response = api(hr).post(
        "/api/v1/enrollments/",
        {
            "module": module.pk,
            "employees": [cast["staff_a1a"].pk],
            "status": "completed",
            "grade": "100",
            "completed_at": LONG_AGO,
            "employee": cast["staff_b1"].pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    created = new_rows(Enrollment, before)
    assert [e.employee_id for e in created] == [cast["staff_a1a"].pk]
    assert created[0].status != "completed" and created[0].grade is None
    assert created[0].completed_at is None
    before = pks(Enrollment)
    response = api(hr).post(
        "/api/v1/enrollments/",
        {"module": module.pk, "employees": [cast["staff_b1"].pk]},
        format="json",
    )
    assert response.status_code in (400, 403, 404)
    assert_nothing_created(Enrollment, before)


def test_enroll_is_for_the_caller_only(api, pegawai, cast, objects):
    module = objects.module()
    response = api(pegawai).post(
        f"/api/v1/modules/{module.pk}/enroll/",
        {
            "employee": cast["staff_a1a"].pk,
            "status": "completed",
            "grade": "100",
            "due_date": "2001-01-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    enrollment = Enrollment.objects.get(module=module)
    assert enrollment.employee == employee_of(pegawai)
    assert enrollment.status != "completed" and enrollment.grade is None
    assert enrollment.due_date is None
    assert not Enrollment.objects.filter(employee=cast["staff_a1a"]).exists()


FORBIDDEN_ATTEMPT = {
    "score": "100",
    "passed": True,
    "state": "submitted",
    "number": 9,
    "closed_by": "timeout",
    "deadline": LONG_AGO,
    "started_at": LONG_AGO,
    "enrollment": 1,
}


def test_answers_cannot_set_score_or_state(api, pegawai, objects):
    attempt = Attempt.objects.get(pk=objects.kwargs("attempt", employee_of(pegawai))["pk"])
    before = row(attempt)
    response = api(pegawai).put(
        f"/api/v1/attempts/{attempt.pk}/answers/",
        {"answers": [], **FORBIDDEN_ATTEMPT},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert_unchanged(
        attempt,
        before,
        ["score", "passed", "state", "number", "closed_by", "deadline", "started_at", "enrollment"],
    )


def test_submit_scores_on_the_server(api, pegawai, objects):
    attempt = Attempt.objects.get(pk=objects.kwargs("attempt", employee_of(pegawai))["pk"])
    before = row(attempt)
    response = api(pegawai).post(
        f"/api/v1/attempts/{attempt.pk}/submit/",
        {"answers": [], **FORBIDDEN_ATTEMPT},
        format="json",
    )
    assert response.status_code == 200, response.content
    after = row(attempt)
    assert after["score"] == Decimal("0") and after["passed"] is False
    assert after["number"] == before["number"] and after["closed_by"] != "timeout"
    assert after["enrollment"] == before["enrollment"]
    enrollment = Enrollment.objects.get(pk=before["enrollment"])
    assert enrollment.status != "completed"


# -- certificates -----------------------------------------------------------------------

FORBIDDEN_CERTIFICATE = {
    "serial": "PALSU/1",
    "verification_code": "palsu",
    "sha256": "f" * 64,
    "version": 9,
    "status": "valid",
    "recipient": 1,
    "kind": "award",
    "title": "Palsu",
    "issued_at": LONG_AGO,
    "source_key": "palsu",
}
CERTIFICATE_COLUMNS = [
    "serial",
    "verification_code",
    "sha256",
    "version",
    "recipient",
    "kind",
    "title",
    "issued_at",
    "source_key",
    "snapshot",
    "pdf",
]


def test_revoke_sets_only_the_revocation(api, hr, cast, objects):
    certificate = objects.certificate(cast["staff_a1a"])
    before = row(certificate)
    response = api(hr).post(
        f"/api/v1/certificates/{certificate.pk}/revoke/",
        {"reason": "Salah data", **FORBIDDEN_CERTIFICATE},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert_unchanged(certificate, before, CERTIFICATE_COLUMNS)
    assert row(certificate)["status"] == "revoked"


def test_reissue_numbers_on_the_server(api, hr, cast, objects):
    certificate = objects.certificate(cast["staff_a1a"])
    before, existing = row(certificate), pks(Certificate)
    response = api(hr).post(
        f"/api/v1/certificates/{certificate.pk}/reissue/",
        {"reason": "Salah nama", **FORBIDDEN_CERTIFICATE},
        format="json",
    )
    assert response.status_code == 201, response.content
    (new,) = new_rows(Certificate, existing)
    assert new.serial != "PALSU/1" and new.verification_code != "palsu"
    assert new.sha256 != "f" * 64 and new.version == before["version"] + 1
    assert new.recipient_id == cast["staff_a1a"].pk and new.kind == before["kind"]
    assert new.source_key == before["source_key"] and new.title == before["title"]
    assert_unchanged(certificate, before, CERTIFICATE_COLUMNS)


@pytest.mark.parametrize("action", ["revoke", "reissue"])
@pytest.mark.parametrize("role", ["pegawai", "leader", "hr_b"])
def test_certificate_actions_without_the_right_change_nothing(api, cast, objects, role, action):
    certificate = objects.certificate(cast["staff_a1a"])
    before, existing = row(certificate), pks(Certificate)
    response = api(cast[role]).post(
        f"/api/v1/certificates/{certificate.pk}/{action}/", {"reason": "Coba"}, format="json"
    )
    assert response.status_code in (403, 404)
    assert_unchanged(certificate, before, before.keys())
    assert_nothing_created(Certificate, existing)


# -- recognition ------------------------------------------------------------------------

FORBIDDEN_AWARD = {
    "status": "granted",
    "decided_at": LONG_AGO,
    "period_start": "2001-01-01",
    "created_at": LONG_AGO,
    "reason": "palsu",
    "id": 987654,
}


def test_nominate_ignores_status_decider_nominator_and_charter(api, leader, hr, cast, objects):
    charter = objects.certificate(cast["staff_a1a"])
    award_type = AwardType.objects.get(code="pegawai-teladan")
    before = pks(Award)
    response = api(leader).post(
        "/api/v1/awards/",
        {
            "award_type": award_type.pk,
            "recipient": cast["staff_a1a"].pk,
            "citation": "Teladan",
            "nominated_by": hr.pk,
            "decided_by": hr.pk,
            "charter_certificate": charter.pk,
            **FORBIDDEN_AWARD,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    (award,) = new_rows(Award, before)
    assert award.pk != 987654 and award.status == Award.Status.NOMINATED
    assert award.nominated_by_id == leader.pk and award.decided_by_id is None
    assert award.decided_at is None and award.charter_certificate_id is None
    assert award.period_start.year == timezone.localdate().year and award.reason == ""


@pytest.mark.parametrize(
    "role,target", [("leader", "staff_b1"), ("leader_a2", "staff_a1a"), ("hr_b", "staff_a1a")]
)
def test_nominate_out_of_scope_is_not_stored(api, cast, role, target):
    before = pks(Award)
    response = api(cast[role]).post(
        "/api/v1/awards/",
        {
            "award_type": AwardType.objects.get(code="pegawai-teladan").pk,
            "recipient": cast[target].pk,
            "citation": "Teladan",
        },
        format="json",
    )
    assert response.status_code in (400, 403, 404)
    assert_nothing_created(Award, before)


AWARD_COLUMNS = [
    "award_type",
    "recipient",
    "nominated_by",
    "citation",
    "period_start",
    "created_at",
]


@pytest.mark.parametrize(
    "action,start,end",
    [
        ("approve", "nominated", "granted"),
        ("reject", "nominated", "rejected"),
        ("revoke", "granted", "revoked"),
    ],
)
def test_decisions_set_decider_and_status_on_the_server(
    api, hr, leader, cast, objects, action, start, end
):
    award = objects.award(cast["staff_a1a"], status=start)
    other_charter = objects.certificate(cast["staff_b1"])
    before = row(award)
    response = api(hr).post(
        f"/api/v1/awards/{award.pk}/{action}/",
        {
            "note": "Ok",
            "reason": "Alasan",
            "status": "nominated" if end != "nominated" else "x",
            "decided_by": leader.pk,
            "recipient": cast["staff_b1"].pk,
            "nominated_by": leader.pk,
            "charter_certificate": other_charter.pk,
            "award_type": AwardType.objects.get(code="inovasi-pelayanan").pk,
            "period_start": "2001-01-01",
            "citation": "Diubah",
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    after = row(award)
    assert after["status"] == end
    assert after["charter_certificate"] != other_charter.pk
    assert_unchanged(award, before, AWARD_COLUMNS)
    if action != "revoke":
        assert after["decided_by"] == hr.pk


@pytest.mark.parametrize("action", ["approve", "reject", "revoke"])
@pytest.mark.parametrize("role", ["pegawai", "leader_a2", "hr_b"])
def test_decisions_without_the_right_change_nothing(api, cast, objects, role, action):
    start = "granted" if action == "revoke" else "nominated"
    award = objects.award(cast["staff_a1a"], status=start)
    before = row(award)
    response = api(cast[role]).post(
        f"/api/v1/awards/{award.pk}/{action}/", {"reason": "Alasan", "note": "Ok"}, format="json"
    )
    assert response.status_code in (403, 404)
    assert_unchanged(award, before, before.keys())


@pytest.mark.parametrize("role", ["pegawai", "leader", "leader_a2"])
def test_hr_only_creates_with_a_valid_body_are_refused(api, cast, world, role):
    """An empty body answers 400 (validation runs first); a valid one must answer 403."""
    client, before = api(cast[role]), (pks(Position), pks(PositionRequirement))
    response = client.post(
        "/api/v1/positions/",
        {"agency": world.agency_a.pk, "code": "Z", "name": "Z", "type": "pelaksana"},
        format="json",
    )
    assert response.status_code == 403
    response = client.post(
        "/api/v1/position-requirements/",
        {
            "position": world.position_a.pk,
            "competency": Competency.objects.get(code="M.4").pk,
            "required_level": 2,
        },
        format="json",
    )
    assert response.status_code == 403
    assert_nothing_created(Position, before[0])
    assert_nothing_created(PositionRequirement, before[1])


@pytest.mark.parametrize(
    "role,target,status",
    [("pegawai", "staff_a1a", 403), ("leader_a2", "staff_a1a", 400), ("hr_b", "staff_a1a", 400)],
)
def test_assign_by_a_role_without_scope_enrols_nobody(api, cast, objects, role, target, status):
    module, before = objects.module(), pks(Enrollment)
    response = api(cast[role]).post(
        "/api/v1/enrollments/", {"module": module.pk, "employees": [cast[target].pk]}, format="json"
    )
    assert response.status_code == status
    assert_nothing_created(Enrollment, before)
