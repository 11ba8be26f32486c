"""Demo training: six published modules from `training/data/*.json`, enrolments, attempts.

Idempotent: modules are looked up by code (content is created once, never duplicated);
enrolments by (employee, module); attempts only for enrolments that have none. A seeded
random generator keeps the learners' answers and the question draws deterministic.
"""

import datetime as dt
import json
import random
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from competencies.models import Competency
from people.models import Employee, OrgUnit, RoleAssignment
from training import services
from training.models import (
    Assignment,
    Attempt,
    Enrollment,
    Lesson,
    LessonRead,
    Module,
    ModuleCompetency,
    Option,
    Question,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
ORDER = ["pp-kom-01", "pp-emp-01", "pp-int-01", "pp-std-01", "pp-adu-01", "pp-dig-01"]
# Used only when the competency dictionary's data migration has not created the code yet.
COMPETENCY_DEFAULTS = {
    "M.1": ("Integritas", Competency.Kind.MANAGERIAL),
    "M.3": ("Komunikasi", Competency.Kind.MANAGERIAL),
    "M.5": ("Pelayanan Publik", Competency.Kind.MANAGERIAL),
    "T.1": ("Empati dalam Pelayanan", Competency.Kind.TECHNICAL),
    "T.2": ("Standar Pelayanan dan Waktu Respons", Competency.Kind.TECHNICAL),
    "T.3": ("Penanganan Pengaduan dan Umpan Balik", Competency.Kind.TECHNICAL),
    "T.4": ("Pelayanan Publik Digital", Competency.Kind.TECHNICAL),
}


def load_module_data() -> list[dict]:
    return [json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8")) for name in ORDER]


def _competency(code: str) -> Competency:
    name, kind = COMPETENCY_DEFAULTS[code]
    return Competency.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})[0]


def seed_module(data: dict) -> Module:
    """Create a module with its lessons, targets and question bank, published."""
    existing = Module.objects.filter(code=data["code"]).first()
    if existing:
        return existing
    settings = {
        key: data[key]
        for key in (
            "questions_per_attempt",
            "pass_mark",
            "attempts_allowed",
            "time_limit_minutes",
            "overdue_rule",
            "grace_minutes",
            "grading_method",
            "review_option",
        )
    }
    module = Module(
        code=data["code"],
        title=data["title"],
        summary=data["summary"],
        jp=Decimal(data["jp"]),
        delivery=data["delivery"],
        **settings,
    )
    module.full_clean()
    module.save()
    for code, level in data["targets"]:
        ModuleCompetency.objects.create(module=module, competency=_competency(code), level=level)
    for order, lesson in enumerate(data["lessons"], start=1):
        Lesson.objects.create(
            module=module, order=order, title=lesson["title"], body=lesson["body"]
        )
    for item in data["questions"]:
        question = Question.objects.create(
            module=module,
            type=item["type"],
            text=item["text"],
            explanation=item.get("explanation", ""),
        )
        Option.objects.bulk_create(
            [
                Option(question=question, text=text, is_correct=correct, order=order)
                for order, (text, correct) in enumerate(item["options"])
            ]
        )
    problems = services.module_problems(module)
    if problems:
        raise ValueError(f"{module.code}: {problems}")
    module.status = Module.Status.PUBLISHED
    module.published_at = timezone.now()
    module.save(update_fields=["status", "published_at"])
    return module


def _take_quiz(enrollment: Enrollment, rng: random.Random, skill: float) -> Attempt:
    """One attempt answered by a learner who gets each question right with `skill`."""
    attempt, _created = services.attempt_start_for(enrollment=enrollment, rng=rng)
    answers = []
    for item in attempt.items.prefetch_related("question__options"):
        options = list(item.question.options.all())
        right = [o.pk for o in options if o.is_correct]
        wrong = [o.pk for o in options if not o.is_correct]
        chosen = right if rng.random() < skill else wrong[:1]
        answers.append({"question": item.question_id, "options": chosen})
    return services.attempt_submit(attempt_id=attempt.pk, answers=answers)[0]


def _learners(unit_code: str, count: int) -> list[Employee]:
    unit = OrgUnit.objects.filter(code=unit_code).first()
    if unit is None:
        return []
    return list(
        Employee.objects.filter(unit__path__startswith=unit.path, is_active=True).order_by("id")[
            :count
        ]
    )


def _enrol(employee: Employee, module: Module, **extra) -> tuple[Enrollment, bool]:
    return Enrollment.objects.get_or_create(employee=employee, module=module, defaults=extra)


def _read_lessons(enrollment: Enrollment, count: int | None = None) -> None:
    for lesson in list(enrollment.module.lessons.all())[:count]:
        services.lesson_mark_read(enrollment=enrollment, lesson=lesson)


def _hr_user():
    role = (
        RoleAssignment.objects.filter(role=RoleAssignment.Role.HR)
        .select_related("user")
        .order_by("id")
        .first()
    )
    return role.user if role else None


@transaction.atomic
def seed(*, stdout=None) -> None:
    rng = random.Random(2009)  # noqa: S311  (demo data)  # nosec B311
    modules = {data["code"]: seed_module(data) for data in load_module_data()}
    today = timezone.localdate()
    hr = _hr_user()
    kom, emp, integ = modules["PP-KOM-01"], modules["PP-EMP-01"], modules["PP-INT-01"]

    # Mandatory integrity training for the Dukcapil office, due in a month.
    dukcapil = OrgUnit.objects.filter(code="DUKCAPIL").first()
    if dukcapil and hr and not Assignment.objects.filter(module=integ, unit=dukcapil).exists():
        services.assignment_create(
            actor=hr, module=integ, unit=dukcapil, due_date=today + dt.timedelta(days=30)
        )
    # Completed, failed-then-passed and in-progress learners in the service units.
    for index, employee in enumerate(_learners("DUKCAPIL", 24) + _learners("DPMPTSP", 12)):
        module = kom if index % 2 == 0 else emp
        enrollment, created = _enrol(employee, module)
        if not created:
            continue
        if index % 3 == 2:
            _read_lessons(enrollment, 2)  # in progress, no attempt yet
            continue
        _read_lessons(enrollment)
        skill = 0.95 if index % 3 == 0 else 0.55
        attempt = _take_quiz(enrollment, rng, skill)
        if not attempt.passed:
            enrollment.refresh_from_db()
            _take_quiz(enrollment, rng, 0.9)
    _seed_pegawai(modules, rng, today, hr)
    if stdout:
        stdout.write(
            f"training: {Module.objects.count()} modules, "
            f"{Enrollment.objects.count()} enrolments, "
            f"{Attempt.objects.count()} attempts, "
            f"{LessonRead.objects.count()} lessons read"
        )


def _seed_pegawai(modules: dict[str, Module], rng: random.Random, today, hr) -> None:
    """The `pegawai` demo login: one completed, one overdue mandatory, one in progress."""
    employee = Employee.objects.filter(user__username="pegawai").first()
    if employee is None:
        return
    done, created = _enrol(employee, modules["PP-KOM-01"])
    if created or not done.attempts.exists():
        _read_lessons(done)
        _take_quiz(done, rng, 1.0)
    std = modules["PP-STD-01"]
    if not Enrollment.objects.filter(employee=employee, module=std).exists():
        # Assigned earlier in the year; its due date has passed (services refuse past dates,
        # so the seed writes the historical record directly).
        assignment = Assignment.objects.create(
            module=std,
            unit=employee.unit,
            due_date=today - dt.timedelta(days=7),
            assigned_by=hr,
            enrolled_count=1,
        )
        Enrollment.objects.create(
            employee=employee, module=std, assignment=assignment, due_date=assignment.due_date
        )
    progress, created = _enrol(employee, modules["PP-ADU-01"])
    if created:
        _read_lessons(progress, 1)
