"""Writes caused by learners, authors, HR and leaders. One transaction each.

One lock for a learner's quiz: the enrolment row (`_lock_attempt`, `attempt_start_for`).
Every change to an enrolment or its attempts holds it, so a start, a save and a submit on
the same enrolment run one after another and cannot deadlock.
"""

import random
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import update_rows
from people.models import OrgUnit
from people.selectors import MANAGING_ROLES, employees_managed_by, scope_for, units_managed_by
from training import integrations, selectors
from training.models import (
    Assignment,
    Attempt,
    AttemptQuestion,
    Enrollment,
    Lesson,
    LessonRead,
    Module,
    Question,
)
from training.selectors import is_author

HUNDRED = Decimal("100")
_rng = random.SystemRandom()


# --- authoring -------------------------------------------------------------------------


def _require_author(actor) -> None:
    if not is_author(actor):
        raise PermissionDenied(_("Only admins and HR may edit training modules."))


def module_problems(module: Module) -> list[str]:
    """Why a module cannot be published (empty when it can)."""
    problems = []
    if not module.lessons.exists():
        problems.append(_("Add at least one lesson."))
    questions = list(
        Question.objects.filter(module=module, is_active=True).prefetch_related("options")
    )
    if len(questions) < module.questions_per_attempt:
        problems.append(
            _("The quiz draws %(n)d questions but the bank has only %(have)d.")
            % {"n": module.questions_per_attempt, "have": len(questions)}
        )
    for question in questions:
        problem = question_problem(question, list(question.options.all()))
        if problem:
            problems.append(f"“{question.text[:60]}”: {problem}")
    if not 1 <= module.pass_mark <= 100:
        problems.append(_("The pass mark must be between 1 and 100."))
    return problems


def question_problem(question: Question, options: Sequence) -> str | None:
    correct = sum(1 for option in options if option.is_correct)
    if len(options) < 2:
        return _("A question needs at least two options.")
    if correct == 0:
        return _("Mark at least one option as correct.")
    if question.type != Question.Type.MULTIPLE and correct != 1:
        return _("A single-choice or true/false question has exactly one correct option.")
    if question.type == Question.Type.TRUE_FALSE and len(options) != 2:
        return _("A true/false question has exactly two options.")
    return None


@transaction.atomic
def module_publish(*, actor, module: Module) -> Module:
    """Publish only a module that can be completed: lessons and a passable quiz."""
    _require_author(actor)
    module = Module.objects.select_for_update().get(pk=module.pk)
    problems = module_problems(module)
    if problems:
        raise ValidationError(problems)
    module.status = Module.Status.PUBLISHED
    module.published_at = module.published_at or timezone.now()
    module.full_clean()
    module.save(update_fields=["status", "published_at", "updated_at"])
    return module


@transaction.atomic
def module_archive(*, actor, module: Module) -> Module:
    _require_author(actor)
    module.status = Module.Status.ARCHIVED
    module.save(update_fields=["status", "updated_at"])
    return module


@transaction.atomic
def module_save(*, actor, module: Module) -> Module:
    """Create or update a module from a validated (unsaved) instance. A published module
    that changes gets a new version number."""
    _require_author(actor)
    if module.pk is None:
        module.created_by = actor
    elif module.status == Module.Status.PUBLISHED:
        module.version = Module.objects.get(pk=module.pk).version + 1
    module.full_clean()
    module.save()
    return module


@transaction.atomic
def question_save(*, actor, question: Question, options: Sequence) -> Question:
    """Save a question with its options (unsaved Option instances, replacing the old ones)."""
    _require_author(actor)
    problem = question_problem(question, options)
    if problem:
        raise ValidationError(problem)
    question.full_clean()
    question.save()
    question.options.all().delete()
    for order, option in enumerate(options):
        option.pk = None
        option.question = question
        option.order = order
        option.full_clean()
        option.save()
    return question


# --- enrolment --------------------------------------------------------------------------


@transaction.atomic
def enrollment_create(*, actor, module: Module) -> tuple[Enrollment, bool]:
    """Self-enrolment in a published module; enrolling twice returns the first one."""
    employee = scope_for(actor).employee
    if employee is None:
        raise ValidationError(_("Only employees can enrol."))
    if module.status != Module.Status.PUBLISHED:
        raise ValidationError(_("This module is not open for enrolment."))
    return Enrollment.objects.get_or_create(employee=employee, module=module)


@transaction.atomic
def assignment_create(
    *,
    actor,
    module: Module,
    employee_ids: Iterable[int] = (),
    unit: OrgUnit | int | None = None,
    due_date: date | None = None,
) -> Assignment:
    """HR or a leader makes a module mandatory for people or a whole unit subtree.

    Only employees in the actor's managed subtrees can be named; an id outside answers as
    if it did not exist. Employees already enrolled keep their enrolment."""
    scope = scope_for(actor)
    if not (scope.is_admin or scope.paths(MANAGING_ROLES)):
        raise PermissionDenied(_("Only HR and leaders can assign training."))
    if module.status != Module.Status.PUBLISHED:
        raise ValidationError({"module": _("Only a published module can be assigned.")})
    if due_date is not None and due_date < timezone.localdate():
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})
    managed = employees_managed_by(user=actor).filter(is_active=True)
    employee_ids = list(dict.fromkeys(int(pk) for pk in employee_ids))
    unit_obj = None
    if unit is not None:
        unit_id = unit.pk if isinstance(unit, OrgUnit) else unit
        unit_obj = units_managed_by(user=actor).filter(pk=unit_id).first()
        if unit_obj is None:
            raise ValidationError({"unit": _("Unit not found.")})
        targets = list(
            managed.filter(unit__path__startswith=unit_obj.path).values_list("pk", flat=True)
        )
    elif employee_ids:
        targets = list(managed.filter(pk__in=employee_ids).values_list("pk", flat=True))
        missing = set(employee_ids) - set(targets)
        if missing:
            raise ValidationError(
                {
                    "employees": _("Employee not found: %(ids)s.")
                    % {"ids": ", ".join(str(i) for i in sorted(missing))}
                }
            )
    else:
        raise ValidationError({"employees": _("Choose employees or a unit.")})
    assignment = Assignment(module=module, unit=unit_obj, due_date=due_date, assigned_by=actor)
    assignment.full_clean()
    assignment.save()
    existing = set(
        Enrollment.objects.filter(module=module, employee_id__in=targets).values_list(
            "employee_id", flat=True
        )
    )
    new = [
        Enrollment(employee_id=pk, module=module, assignment=assignment, due_date=due_date)
        for pk in targets
        if pk not in existing
    ]
    Enrollment.objects.bulk_create(new, ignore_conflicts=True)
    assignment.enrolled_count = len(new)
    assignment.save(update_fields=["enrolled_count"])
    return assignment


@transaction.atomic
def lesson_mark_read(*, enrollment: Enrollment, lesson: Lesson) -> Enrollment:
    if lesson.module_id != enrollment.module_id:
        raise ValidationError({"lesson": _("This lesson belongs to another module.")})
    LessonRead.objects.get_or_create(enrollment=enrollment, lesson=lesson)
    if enrollment.status == Enrollment.Status.ENROLLED:
        Enrollment.objects.filter(pk=enrollment.pk, status=Enrollment.Status.ENROLLED).update(
            status=Enrollment.Status.IN_PROGRESS, updated_at=timezone.now()
        )
        enrollment.status = Enrollment.Status.IN_PROGRESS
    return enrollment


# --- quiz ---------------------------------------------------------------------------------


def _lock_attempt(attempt_id: int, *, learner=None) -> tuple[Attempt, list[AttemptQuestion]]:
    """Lock the attempt's enrolment (the one lock of this app: it guards the enrolment and
    all its attempts) and read the attempt and its questions. Two statements.

    The attempt's columns are taken from the second statement, which runs after the lock
    is held: a concurrent submit that committed while we waited is seen."""
    attempt = selectors.attempt_for_update(attempt_id=attempt_id, user=learner)
    items = selectors.attempt_items(attempt)
    if items:
        fresh = items[0].attempt
        for field in ("state", "deadline", "submitted_at", "closed_by", "score", "passed"):
            setattr(attempt, field, getattr(fresh, field))
        for item in items:
            item.attempt = attempt
    return attempt, items


def answer_window_end(attempt: Attempt):
    """Until when answers are accepted: the deadline, plus the grace period in grace mode."""
    if attempt.deadline is None:
        return None
    module = attempt.enrollment.module
    if module.overdue_rule == Module.OverdueRule.GRACE:
        return attempt.deadline + timedelta(minutes=module.grace_minutes)
    return attempt.deadline


def _is_past_window(attempt: Attempt) -> bool:
    end = answer_window_end(attempt)
    return end is not None and timezone.now() > end


@transaction.atomic
def attempt_start(*, actor, module: Module) -> tuple[Attempt, bool]:
    """Start (or resume) the learner's attempt. Returns (attempt, created)."""
    enrollment = Enrollment.objects.filter(
        employee=scope_for(actor).employee, module=module
    ).first()
    if enrollment is None:
        raise ValidationError(_("Enrol in this module before taking the quiz."))
    return attempt_start_for(enrollment=enrollment)


@transaction.atomic
def attempt_start_for(*, enrollment: Enrollment, rng: random.Random = _rng) -> tuple[Attempt, bool]:
    """Lock the enrolment, so parallel starts resume one attempt and respect the limit."""
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("module")
        .get(pk=enrollment.pk)
    )
    module = enrollment.module
    open_attempt = enrollment.attempts.filter(state=Attempt.State.OPEN).first()
    if open_attempt is not None:
        open_attempt = _close_if_overdue(open_attempt)
        if open_attempt.state == Attempt.State.OPEN:
            return open_attempt, False
        enrollment.refresh_from_db()
    if enrollment.status == Enrollment.Status.COMPLETED:
        raise ValidationError(_("You have already passed this module."))
    if module.status != Module.Status.PUBLISHED:
        raise ValidationError(_("This module is not open."))
    used = enrollment.attempts.count()
    if module.attempts_allowed is not None and used >= module.attempts_allowed:
        raise ValidationError(
            _("No attempts left: %(n)d of %(n)d used.") % {"n": module.attempts_allowed}
        )
    question_ids = list(
        Question.objects.filter(module=module, is_active=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if len(question_ids) < module.questions_per_attempt:
        raise ValidationError(_("This quiz is not ready yet."))
    drawn = rng.sample(question_ids, module.questions_per_attempt)
    now = timezone.now()
    deadline = (
        now + timedelta(minutes=module.time_limit_minutes) if module.time_limit_minutes else None
    )
    attempt = Attempt.objects.create(
        enrollment=enrollment, number=used + 1, started_at=now, deadline=deadline
    )
    options: dict[int, list[int]] = {}
    for question in Question.objects.filter(pk__in=drawn).prefetch_related("options"):
        options[question.pk] = [option.pk for option in question.options.all()]
    items = []
    for position, question_id in enumerate(drawn, start=1):
        order = options[question_id][:]
        rng.shuffle(order)
        items.append(
            AttemptQuestion(
                attempt=attempt, question_id=question_id, position=position, option_order=order
            )
        )
    AttemptQuestion.objects.bulk_create(items)
    if enrollment.status == Enrollment.Status.ENROLLED:
        enrollment.status = Enrollment.Status.IN_PROGRESS
        enrollment.save(update_fields=["status", "updated_at"])
    return attempt, True


def _apply_answers(
    items: Sequence[AttemptQuestion], answers: Sequence[dict[str, Any]]
) -> list[AttemptQuestion]:
    """Set each answered item's `selected`; validate everything before changing anything.
    Returns the items that changed."""
    by_question = {item.question_id: item for item in items}
    chosen_by_item = []
    for answer in answers:
        item = by_question.get(answer.get("question"))
        if item is None:
            raise ValidationError(
                {
                    "answers": _("Question %(id)s is not part of this attempt.")
                    % {"id": answer.get("question")}
                }
            )
        chosen = list(dict.fromkeys(int(pk) for pk in answer.get("options") or []))
        if any(pk not in item.option_order for pk in chosen):
            raise ValidationError(
                {
                    "answers": _("An option does not belong to question %(id)s.")
                    % {"id": item.question_id}
                }
            )
        if item.question.type != Question.Type.MULTIPLE and len(chosen) > 1:
            raise ValidationError(
                {"answers": _("Question %(id)s takes one answer.") % {"id": item.question_id}}
            )
        chosen_by_item.append((item, chosen))
    for item, chosen in chosen_by_item:
        item.selected = chosen
    return [item for item, _chosen in chosen_by_item]


@transaction.atomic
def attempt_save_answers(
    *, attempt_id: int, answers: Sequence[dict[str, Any]], learner=None
) -> tuple[Attempt, list[AttemptQuestion]]:
    """Save answers as the learner goes: only while open and inside the answer window.
    With `learner`, only that learner's own attempt is found (Attempt.DoesNotExist)."""
    attempt, items = _lock_attempt(attempt_id, learner=learner)
    if attempt.state != Attempt.State.OPEN:
        raise ValidationError(_("This attempt has been submitted."))
    if _is_past_window(attempt):
        _score(attempt, items, closed_by=Attempt.ClosedBy.DEADLINE)
        raise ValidationError(
            _("Time is up: the attempt was submitted with the answers saved before the deadline.")
        )
    changed = _apply_answers(items, answers)
    if changed:
        update_rows(changed, ["selected"])
    return attempt, items


@transaction.atomic
def attempt_submit(
    *, attempt_id: int, answers: Sequence[dict[str, Any]] | None = None, actor=None, learner=None
) -> tuple[Attempt, list[AttemptQuestion]]:
    """Score the attempt once. A second submit returns the same result; a submit after the
    answer window is scored as saved (the answers it carries are not accepted).

    A submit that does not complete the module is five statements: the lock, the items,
    and one UPDATE each for the attempt, its items and the enrolment (docs/decisions/0003).
    With `learner`, only that learner's own attempt is found (Attempt.DoesNotExist)."""
    attempt, items = _lock_attempt(attempt_id, learner=learner)
    if attempt.state == Attempt.State.SUBMITTED:
        return attempt, items
    if _is_past_window(attempt):
        return _score(attempt, items, closed_by=Attempt.ClosedBy.DEADLINE, actor=actor), items
    _apply_answers(items, answers or [])
    return _score(attempt, items, closed_by=Attempt.ClosedBy.LEARNER, actor=actor), items


def _close_if_overdue(attempt: Attempt) -> Attempt:
    if attempt.state == Attempt.State.OPEN and _is_past_window(attempt):
        with transaction.atomic():
            attempt, items = _lock_attempt(attempt.pk)
            if attempt.state == Attempt.State.OPEN:
                _score(attempt, items, closed_by=Attempt.ClosedBy.DEADLINE)
    return attempt


def attempt_refresh(*, attempt: Attempt) -> Attempt:
    """Any read of an attempt first applies the overdue rule, so the clock is the server's."""
    return _close_if_overdue(attempt)


def _item_correct(item: AttemptQuestion, correct_ids: set[int]) -> bool:
    """All or nothing: exactly the right set of options (documented in docs/decisions)."""
    return bool(item.selected) and set(item.selected) == correct_ids


def _score(
    attempt: Attempt, items: Sequence[AttemptQuestion], *, closed_by: str, actor=None
) -> Attempt:
    """Mark every item, close the attempt and grade the enrolment: three UPDATEs (more
    only when this completes the module: the ledger, evidence and certificate)."""
    right = 0
    for item in items:
        correct_ids = {choice["id"] for choice in item.choices if choice["correct"]}
        item.is_correct = _item_correct(item, correct_ids)
        right += item.is_correct
    module = attempt.enrollment.module
    score = (Decimal(right) * HUNDRED / len(items)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    now = timezone.now()
    attempt.state = Attempt.State.SUBMITTED
    end = answer_window_end(attempt)
    attempt.submitted_at = min(now, end) if end and closed_by == Attempt.ClosedBy.DEADLINE else now
    attempt.closed_by = closed_by
    attempt.score = score
    attempt.passed = score >= module.pass_mark
    attempt.save(update_fields=["state", "submitted_at", "closed_by", "score", "passed"])
    update_rows(items, ["selected", "is_correct"])
    _grade_enrollment(attempt, actor=actor)
    return attempt


def grade(method: str, scores: Sequence[Decimal]) -> Decimal | None:
    """Grade across submitted attempts (in attempt order) by the module's grading method."""
    if not scores:
        return None
    if method == Module.Grading.FIRST:
        return scores[0]
    if method == Module.Grading.LAST:
        return scores[-1]
    if method == Module.Grading.AVERAGE:
        return (sum(scores) / len(scores)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return max(scores)


def _prior_scores(attempt: Attempt) -> list[Decimal]:
    """Scores of the enrolment's other submitted attempts in attempt order, as read by the
    lock statement (`prior_scores`)."""
    rows = sorted(attempt.prior_scores or [], key=lambda row: row["number"])
    return [
        Decimal(str(row["score"])).quantize(Decimal("0.01"))
        for row in rows
        if row["score"] is not None
    ]


def _grade_enrollment(attempt: Attempt, *, actor=None) -> None:
    enrollment = attempt.enrollment
    module = enrollment.module
    scores = [*_prior_scores(attempt), attempt.score]
    enrollment.grade = grade(module.grading_method, scores)
    fields = ["grade", "updated_at"]
    newly_passed = (
        enrollment.status != Enrollment.Status.COMPLETED
        and enrollment.grade is not None
        and enrollment.grade >= module.pass_mark
    )
    if newly_passed:
        enrollment.status = Enrollment.Status.COMPLETED
        enrollment.completed_at = timezone.now()
        fields += ["status", "completed_at"]
    enrollment.save(update_fields=fields)
    if newly_passed:
        integrations.on_passed(enrollment=enrollment, actor=actor)
