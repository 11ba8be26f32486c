from dataclasses import dataclass
from io import StringIO

import pytest

from competencies.hooks import recommendations_for
from competencies.models import LearningRecord
from tests.conftest import employee_of
from tests.training.factories import competency, make_module
from training import integrations
from training.demo import load_module_data, seed
from training.models import Enrollment, Module


@dataclass
class Gap:
    competency: object
    required: int
    current: int | None


@pytest.mark.django_db
def test_recommendations_reach_toward_required_level(pegawai):
    m3, m1 = competency("M.3"), competency("M.1", "Integritas")
    make_module(code="K2", target=("M.3", 2))
    make_module(code="K3", target=("M.3", 3))
    make_module(code="K4", target=("M.3", 4))
    make_module(code="K1", target=("M.3", 1))
    make_module(code="DRAFT", target=("M.3", 3), status=Module.Status.DRAFT)
    make_module(code="I2", target=("M.1", 2))
    employee = employee_of(pegawai)
    result = recommendations_for(employee, [Gap(m3, 3, 1), Gap(m1, 2, 2)])
    # K3 reaches the required level, K2 goes toward it, K4 overshoots; K1 is not above 1;
    # M.1 has no gap; drafts are never recommended.
    assert [r.title for r in result] == ["Modul K3", "Modul K2", "Modul K4"]
    assert result[0].url == f"/training/modules/{Module.objects.get(code='K3').pk}/"
    assert result[0].competency_code == "M.3"
    assert [r.title for r in recommendations_for(employee, [Gap(m1, 3, None)])] == ["Modul I2"]


@pytest.mark.django_db
def test_pending_certificate_requests(pegawai, outsider):
    module = make_module()
    done = Enrollment.objects.create(
        employee=employee_of(pegawai), module=module, status="completed"
    )
    Enrollment.objects.create(employee=employee_of(outsider), module=module)
    requests = integrations.pending_certificate_requests(module.pk)
    assert [r.source_key for r in requests] == [f"training.enrollment:{done.pk}"]
    assert requests[0].kind == "training" and list(requests[0].competencies) == ["M.3"]


def test_seed_content_is_complete():
    modules = {m["code"]: m for m in load_module_data()}
    for code in ("PP-KOM-01", "PP-EMP-01", "PP-INT-01"):
        assert len(modules[code]["lessons"]) >= 4
        assert len(modules[code]["questions"]) >= 15
        assert all(len(lesson["body"]) > 800 for lesson in modules[code]["lessons"])
    for module in modules.values():
        for question in module["questions"]:
            assert any(correct for _text, correct in question["options"]), question["text"]


@pytest.mark.django_db
def test_seed_is_idempotent(issued):
    from people.demo import seed as seed_people

    seed_people()
    seed(stdout=StringIO())
    counts = (Module.objects.count(), Enrollment.objects.count(), LearningRecord.objects.count())
    out = StringIO()
    seed(stdout=out)
    assert (
        Module.objects.count(),
        Enrollment.objects.count(),
        LearningRecord.objects.count(),
    ) == counts
    assert counts[0] == 6 and counts[2] > 0
    assert Module.objects.filter(status="published").count() == 6
    states = {
        e.module.code: e.state
        for e in Enrollment.objects.filter(employee__user__username="pegawai").select_related(
            "module"
        )
    }
    assert states["PP-STD-01"] == "overdue" and states["PP-KOM-01"] == "completed"
    assert "training: 6 modules" in out.getvalue()


@pytest.mark.django_db
def test_question_stats_and_completion_by_unit(pegawai, outsider, hr, hr_a1, issued):
    from training import selectors, services

    module = make_module()
    for user, right in ((pegawai, True), (outsider, False)):
        enrollment = Enrollment.objects.create(employee=employee_of(user), module=module)
        attempt, _ = services.attempt_start_for(enrollment=enrollment)
        answers = [
            {
                "question": item.question_id,
                "options": [o.pk for o in item.question.options.all() if o.is_correct == right],
            }
            for item in attempt.items.all()
        ]
        services.attempt_submit(attempt_id=attempt.pk, answers=answers)
    rows = selectors.question_stats(module=module)
    assert [(r["answered"], r["share_correct"], r["discrimination"]) for r in rows] == [
        (2, 50.0, 1.0)
    ] * 4
    by_unit = {
        r["unit_name"]: (r["enrolled"], r["completed"], str(r["rate"]))
        for r in selectors.completion_by_unit(user=hr, module=module)
    }
    assert by_unit == {"Bidang A1a": (1, 1, "100.0"), "Dinas A2": (1, 0, "0.0")}
    assert [r["unit_name"] for r in selectors.completion_by_unit(user=hr_a1, module=module)] == [
        "Bidang A1a"
    ]
