"""Read queries and scoping for training. Out of scope answers 404 like "does not exist"."""

from decimal import Decimal

from django.db.models import (
    Avg,
    Count,
    F,
    IntegerField,
    JSONField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    StdDev,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, JSONObject
from django.utils import timezone

from core.db import JSONList
from people.models import RoleAssignment
from people.selectors import MANAGING_ROLES, scope_for, subtree_q
from training.models import (
    Attempt,
    AttemptQuestion,
    Enrollment,
    Lesson,
    LessonRead,
    Module,
    ModuleCompetency,
    Option,
    Question,
)

AUTHOR_ROLES = (RoleAssignment.Role.HR,)


def is_author(user) -> bool:
    """Admins and HR write modules; leaders and staff only read the catalogue."""
    scope = scope_for(user)
    return scope.is_admin or scope.has_role(RoleAssignment.Role.HR)


def can_assign(user) -> bool:
    scope = scope_for(user)
    return scope.is_admin or bool(scope.paths(MANAGING_ROLES))


def modules_visible_for(*, user) -> QuerySet[Module]:
    """Published modules for learners; every module (drafts, archive) for authors."""
    queryset = Module.objects.prefetch_related(
        Prefetch("targets", queryset=ModuleCompetency.objects.select_related("competency"))
    ).annotate(lesson_count=Count("lessons", distinct=True))
    if is_author(user):
        return queryset
    return queryset.filter(status=Module.Status.PUBLISHED)


def _count(model, field: str, **filters) -> Subquery:
    rows = (
        model.objects.filter(**{field: OuterRef("pk")}, **filters)
        .order_by()
        .values(field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def with_progress(queryset: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    lessons = (
        Lesson.objects.filter(module=OuterRef("module_id"))
        .order_by()
        .values("module")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        lessons_read=_count(LessonRead, "enrollment"),
        lesson_total=Coalesce(Subquery(lessons, output_field=IntegerField()), Value(0)),
        attempt_count=_count(Attempt, "enrollment"),
    )


def enrollments_visible_for(*, user) -> QuerySet[Enrollment]:
    """Own enrolments plus those of employees in the subtrees the user leads or is HR for."""
    queryset = with_progress(
        Enrollment.objects.select_related("module", "employee", "employee__unit")
    )
    scope = scope_for(user)
    if scope.is_admin:
        return queryset
    own = Q(employee=scope.employee) if scope.employee else Q(pk__in=[])
    return queryset.filter(own | subtree_q(scope.paths(MANAGING_ROLES), "employee__unit__path"))


def own_enrollments(*, user) -> QuerySet[Enrollment]:
    employee = scope_for(user).employee
    queryset = with_progress(Enrollment.objects.select_related("module"))
    return queryset.filter(employee=employee) if employee else queryset.none()


def own_enrollment(*, user, module: Module) -> Enrollment | None:
    return own_enrollments(user=user).filter(module=module).first()


def attempts_visible_for(*, user) -> QuerySet[Attempt]:
    """A learner's own attempts only: nobody reads another person's quiz."""
    employee = scope_for(user).employee
    if employee is None:
        return Attempt.objects.none()
    return Attempt.objects.select_related("enrollment__module", "enrollment__employee").filter(
        enrollment__employee=employee
    )


def attempt_items(attempt: Attempt) -> list[AttemptQuestion]:
    """The attempt's questions in order, each with `choices`: its options as dicts
    (`id`, `text`, `correct`), read with the items in one statement.

    The statement also re-reads the attempt row (`item.attempt`): read after the
    enrolment lock, it is the attempt as it is now, not as the lock statement saw it."""
    options = (
        Option.objects.filter(question=OuterRef("question_id"))
        .order_by()
        .values("question")
        .annotate(rows=JSONList(JSONObject(id="id", text="text", correct="is_correct")))
        .values("rows")
    )
    items = list(
        AttemptQuestion.objects.filter(attempt_id=attempt.pk)
        .select_related("question", "attempt")
        .annotate(choices=Subquery(options, output_field=JSONField()))
        .order_by("position")
    )
    for item in items:
        item.choices = [
            {"id": row["id"], "text": row["text"], "correct": bool(row["correct"])}
            for row in item.choices or []
        ]
    return items


def attempt_for_update(*, attempt_id: int, user=None) -> Attempt:
    """One statement: the attempt with its enrolment and module, the enrolment row locked
    (the lock that guards every change to its attempts), and the scores of the enrolment's
    other submitted attempts for grading. With `user`, only that learner's own attempt is
    found; anyone else's raises Attempt.DoesNotExist.

    Read the attempt's own columns again after this (attempt_items does) before deciding
    anything: if the lock had to wait, PostgreSQL re-checks only the locked row."""
    others = Attempt.objects.filter(
        enrollment=OuterRef("enrollment"), state=Attempt.State.SUBMITTED
    ).exclude(pk=OuterRef("pk"))
    queryset = (
        Attempt.objects.select_related("enrollment__module")
        .select_for_update(of=("enrollment",))
        .annotate(
            prior_scores=Subquery(
                others.order_by()
                .values("enrollment")
                .annotate(rows=JSONList(JSONObject(number="number", score="score")))
                .values("rows"),
                output_field=JSONField(),
            )
        )
    )
    if user is not None:
        queryset = queryset.filter(enrollment__employee__user=user)
    return queryset.get(pk=attempt_id)


def overdue_in_scope(*, user) -> QuerySet[Enrollment]:
    scope = scope_for(user)
    queryset = (
        Enrollment.objects.select_related("module", "employee", "employee__unit")
        .filter(due_date__lt=timezone.localdate())
        .exclude(status=Enrollment.Status.COMPLETED)
    )
    if scope.is_admin:
        return queryset.order_by("due_date", "id")
    return queryset.filter(subtree_q(scope.paths(MANAGING_ROLES), "employee__unit__path")).order_by(
        "due_date", "id"
    )


def question_stats(*, module: Module) -> list[dict]:
    """Share correct and point-biserial discrimination per question, from submitted attempts.

    r_pb = (M1 − M0) / s × √(p·q), where M1/M0 are the mean attempt scores of those who got
    the question right/wrong, s the population standard deviation of attempt scores and p
    the share right. Computed by the database; the item is part of the total (uncorrected)."""
    submitted = AttemptQuestion.objects.filter(
        attempt__enrollment__module=module, attempt__state=Attempt.State.SUBMITTED
    )
    overall = Attempt.objects.filter(
        enrollment__module=module, state=Attempt.State.SUBMITTED
    ).aggregate(sd=StdDev("score"), n=Count("pk"))
    rows = (
        submitted.values("question_id")
        .annotate(
            answered=Count("pk"),
            right=Count("pk", filter=Q(is_correct=True)),
            mean_right=Avg("attempt__score", filter=Q(is_correct=True)),
            mean_wrong=Avg("attempt__score", filter=Q(is_correct=False)),
        )
        .order_by("question_id")
    )
    by_question = {row["question_id"]: row for row in rows}
    result = []
    for question in Question.objects.filter(module=module).order_by("id"):
        row = by_question.get(question.pk)
        share = discrimination = None
        if row and row["answered"]:
            p = row["right"] / row["answered"]
            share = round(p * 100, 1)
            sd = float(overall["sd"] or 0)
            if sd > 0 and row["mean_right"] is not None and row["mean_wrong"] is not None:
                diff = float(row["mean_right"]) - float(row["mean_wrong"])
                discrimination = round(diff / sd * (p * (1 - p)) ** 0.5, 2)
        result.append(
            {
                "question": question,
                "answered": row["answered"] if row else 0,
                "share_correct": share,
                "discrimination": discrimination,
            }
        )
    return result


def completion_by_unit(*, user, module: Module) -> list[dict]:
    """Enrolled, completed and rate per unit of the employee, within the caller's scope."""
    queryset = Enrollment.objects.filter(module=module)
    scope = scope_for(user)
    if not scope.is_admin:
        queryset = queryset.filter(subtree_q(scope.paths(MANAGING_ROLES), "employee__unit__path"))
    rows = (
        queryset.values(unit_id=F("employee__unit_id"), unit_name=F("employee__unit__name"))
        .annotate(
            enrolled=Count("pk"),
            completed=Count("pk", filter=Q(status=Enrollment.Status.COMPLETED)),
        )
        .order_by("unit_name")
    )
    return [
        {
            **row,
            "rate": (Decimal(row["completed"] * 100) / row["enrolled"]).quantize(Decimal("0.1")),
        }
        for row in rows
    ]
