"""A learner through the API: enrol, read lessons, fail then pass; grading methods;
nothing of the answer key before submission."""

import datetime as dt
import json
from decimal import Decimal

import pytest

from competencies.models import Assessment, LearningRecord
from competencies.services import assessment_record
from tests.conftest import employee_of
from tests.training.factories import answers_for, competency, make_module
from training.models import Attempt, Enrollment, Module

FORBIDDEN_KEYS = {"is_correct", "correct", "correct_options", "explanation", "score", "passed"}


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _start(client, module):
    client.post(f"/api/v1/modules/{module.pk}/enroll/")
    response = client.post(f"/api/v1/modules/{module.pk}/attempts/")
    assert response.status_code in (200, 201), response.content
    return response.json()


@pytest.mark.django_db
def test_end_to_end_fail_then_pass(api, pegawai, issued):
    module = make_module(attempts_allowed=2, pass_mark=75)
    client = api(pegawai)
    response = client.post(f"/api/v1/modules/{module.pk}/enroll/")
    assert response.status_code == 201
    enrollment = response.json()
    assert enrollment["state"] == "enrolled" and enrollment["lesson_total"] == 2
    for lesson in module.lessons.all():
        response = client.post(f"/api/v1/enrollments/{enrollment['id']}/lessons/{lesson.pk}/read/")
        assert response.status_code == 200
    assert response.json()["progress"] == 100
    assert response.json()["state"] == "in_progress"

    first = _start(client, module)
    result = client.post(
        f"/api/v1/attempts/{first['id']}/submit/", {"answers": answers_for(first, right=2)}
    ).json()
    assert (result["score"], result["passed"], result["grade"]) == ("50.00", False, "50.00")
    assert result["enrollment_status"] == "in_progress"
    assert issued == []

    second = _start(client, module)
    assert second["number"] == 2
    result = client.post(
        f"/api/v1/attempts/{second['id']}/submit/", {"answers": answers_for(second, right=3)}
    ).json()
    assert (result["score"], result["passed"], result["grade"]) == ("75.00", True, "75.00")
    assert result["enrollment_status"] == "completed"

    employee = employee_of(pegawai)
    record = LearningRecord.objects.get(source_key=f"training.enrollment:{enrollment['id']}")
    assert (record.employee, record.jp, record.kind) == (employee, Decimal("4.00"), "elearning")
    assessment = Assessment.objects.get(employee=employee)
    assert (assessment.level, assessment.source, assessment.competency.code) == (
        2,
        "training",
        "M.3",
    )
    assert len(issued) == 1
    assert issued[0]["source_key"] == f"training.enrollment:{enrollment['id']}"
    assert (issued[0]["kind"], issued[0]["recipient"], issued[0]["competencies"]) == (
        "training",
        employee,
        ["M.3"],
    )

    # Completed: no third attempt, and attempts allowed would refuse it anyway.
    response = client.post(f"/api/v1/modules/{module.pk}/attempts/")
    assert response.status_code == 400
    assert response.json() == {"detail": "Anda sudah lulus modul ini."}


@pytest.mark.django_db
def test_attempts_allowed_is_enforced(api, pegawai, issued):
    module = make_module(attempts_allowed=1)
    client = api(pegawai)
    first = _start(client, module)
    client.post(f"/api/v1/attempts/{first['id']}/submit/", {"answers": answers_for(first, right=0)})
    response = client.post(f"/api/v1/modules/{module.pk}/attempts/")
    assert response.status_code == 400
    assert response.json() == {"detail": "Kesempatan habis: 1 dari 1 sudah digunakan."}
    assert Attempt.objects.count() == 1


@pytest.mark.parametrize(
    ("method", "scores", "grade", "passed"),
    [
        ("highest", [1, 4], "100.00", True),
        ("average", [1, 4], "62.50", False),
        ("first", [1, 4], "25.00", False),
        ("last", [4, 1], "100.00", True),  # passes on the first attempt and stops there
        ("last", [1, 3], "75.00", True),
    ],
)
@pytest.mark.django_db
def test_grading_method(api, pegawai, issued, method, scores, grade, passed):
    module = make_module(grading_method=method, pass_mark=70)
    client = api(pegawai)
    for right in scores:
        attempt = _start(client, module)
        if attempt.get("state") != "open":
            break
        client.post(
            f"/api/v1/attempts/{attempt['id']}/submit/",
            {"answers": answers_for(attempt, right=right)},
        )
        if Enrollment.objects.get().status == "completed":
            break
    enrollment = Enrollment.objects.get()
    assert str(enrollment.grade) == grade
    assert (enrollment.status == "completed") is passed
    assert len(issued) == (1 if passed else 0)


@pytest.mark.django_db
def test_no_correctness_before_submit(api, pegawai, issued):
    module = make_module(review_option=Module.Review.ANSWERS, time_limit_minutes=30)
    client = api(pegawai)
    started = _start(client, module)
    assert not _keys(started) & FORBIDDEN_KEYS
    assert len(started["questions"]) == 4
    assert all(len(q["options"]) == 2 for q in started["questions"])
    saved = client.put(
        f"/api/v1/attempts/{started['id']}/answers/", {"answers": answers_for(started, right=1)}
    )
    assert saved.status_code == 200
    assert not _keys(saved.json()) & FORBIDDEN_KEYS
    detail = client.get(f"/api/v1/attempts/{started['id']}/")
    assert not _keys(detail.json()) & FORBIDDEN_KEYS
    resumed = client.post(f"/api/v1/modules/{module.pk}/attempts/")
    assert resumed.status_code == 200 and resumed.json()["id"] == started["id"]
    assert not _keys(resumed.json()) & FORBIDDEN_KEYS
    # The text of the payload does not hint at the key either.
    assert "is_correct" not in json.dumps(detail.json())
    # Saved answers come back on resume, in the same order.
    assert [q["id"] for q in resumed.json()["questions"]] == [q["id"] for q in started["questions"]]
    assert resumed.json()["questions"][0]["selected"] != []
    # After submitting, the review option decides: here, the right answers too.
    result = client.post(f"/api/v1/attempts/{started['id']}/submit/").json()
    assert result["score"] == "25.00"
    assert {"correct", "correct_options", "explanation"} <= set(result["questions"][0])


@pytest.mark.parametrize(
    ("review", "present", "absent"),
    [
        ("score_only", set(), {"correct", "correct_options", "explanation"}),
        ("correctness", {"correct"}, {"correct_options", "explanation"}),
        ("answers", {"correct", "correct_options", "explanation"}, set()),
    ],
)
@pytest.mark.django_db
def test_review_options(api, pegawai, issued, review, present, absent):
    module = make_module(review_option=review)
    client = api(pegawai)
    started = _start(client, module)
    result = client.post(
        f"/api/v1/attempts/{started['id']}/submit/", {"answers": answers_for(started, right=4)}
    ).json()
    keys = set(result["questions"][0])
    assert present <= keys and not keys & absent
    assert result["score"] == "100.00"


@pytest.mark.django_db
def test_bad_answers_are_refused_and_change_nothing(api, pegawai, outsider, issued):
    module = make_module()
    other = make_module(code="OTHER")
    client = api(pegawai)
    started = _start(client, module)
    foreign_option = other.questions.first().options.first().pk
    response = client.put(
        f"/api/v1/attempts/{started['id']}/answers/",
        {"answers": [{"question": started["questions"][0]["id"], "options": [foreign_option]}]},
    )
    assert response.status_code == 400
    assert "bukan milik" in response.json()["answers"][0]
    response = client.put(
        f"/api/v1/attempts/{started['id']}/answers/",
        {
            "answers": [
                {
                    "question": started["questions"][0]["id"],
                    "options": [o["id"] for o in started["questions"][0]["options"]],
                }
            ]
        },
    )
    assert response.status_code == 400
    assert Attempt.objects.get().items.exclude(selected=[]).count() == 0


@pytest.mark.django_db
def test_attempt_of_another_learner_is_404(api, pegawai, outsider, leader, hr, issued):
    module = make_module()
    started = _start(api(pegawai), module)
    for user in (outsider, leader, hr):
        client = api(user)
        assert client.get(f"/api/v1/attempts/{started['id']}/").status_code == 404
        assert (
            client.put(f"/api/v1/attempts/{started['id']}/answers/", {"answers": []}).status_code
            == 404
        )
        assert client.post(f"/api/v1/attempts/{started['id']}/submit/").status_code == 404
    assert Attempt.objects.get().state == "open"


@pytest.mark.django_db
def test_double_submit_returns_same_result(api, pegawai, issued):
    module = make_module()
    client = api(pegawai)
    started = _start(client, module)
    first = client.post(
        f"/api/v1/attempts/{started['id']}/submit/", {"answers": answers_for(started, right=4)}
    ).json()
    second = client.post(
        f"/api/v1/attempts/{started['id']}/submit/", {"answers": answers_for(started, right=0)}
    ).json()
    assert first == second
    assert len(issued) == 1 and LearningRecord.objects.count() == 1


@pytest.mark.django_db
def test_training_assessment_never_lowers_level(api, pegawai, leader, issued):
    module = make_module(target=("M.3", 2))
    employee = employee_of(pegawai)
    assessment_record(
        employee=employee,
        competency=competency("M.3"),
        level=3,
        source="supervisor",
        assessed_on=dt.date(2026, 1, 5),
    )
    client = api(pegawai)
    started = _start(client, module)
    client.post(
        f"/api/v1/attempts/{started['id']}/submit/", {"answers": answers_for(started, right=4)}
    )
    assert Enrollment.objects.get().status == "completed"
    assert not Assessment.objects.filter(source="training").exists()
    assert LearningRecord.objects.count() == 1
