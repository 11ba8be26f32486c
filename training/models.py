"""Training: modules with lessons and a question bank, enrolments, quiz attempts.

The answer key (`Option.is_correct`, `Question.explanation`) never leaves the server before
an attempt is submitted; serialisers and templates read it only for submitted attempts.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from competencies.models import LEVEL_VALIDATORS, Competency
from core.models import TimeStampedModel
from people.models import Employee, OrgUnit
from training.sanitize import render_markdown


class Module(TimeStampedModel):
    class Delivery(models.TextChoices):
        ELEARNING = "elearning", _("E-learning")
        CLASSICAL = "classical", _("Classical")
        BLENDED = "blended", _("Blended")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class OverdueRule(models.TextChoices):
        AUTOSUBMIT = "autosubmit", _("Submit automatically at the deadline")
        GRACE = "grace", _("Grace period, then submit as saved")

    class Grading(models.TextChoices):
        HIGHEST = "highest", _("Highest grade")
        AVERAGE = "average", _("Average grade")
        FIRST = "first", _("First attempt")
        LAST = "last", _("Last attempt")

    class Review(models.TextChoices):
        SCORE_ONLY = "score_only", _("Score only")
        CORRECTNESS = "correctness", _("Score and which answers were right")
        ANSWERS = "answers", _("Score, correctness and the right answers")

    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    jp = models.DecimalField(
        _("JP"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.5"))]
    )
    delivery = models.CharField(
        _("delivery"), max_length=16, choices=Delivery.choices, default=Delivery.ELEARNING
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    competencies = models.ManyToManyField(
        Competency,
        through="ModuleCompetency",
        related_name="modules",
        verbose_name=_("competencies"),
    )
    # Quiz settings (one quiz per module).
    questions_per_attempt = models.PositiveSmallIntegerField(
        _("questions per attempt"), default=10, validators=[MinValueValidator(1)]
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty means unlimited."),
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty means no time limit."),
    )
    overdue_rule = models.CharField(
        _("when time runs out"),
        max_length=16,
        choices=OverdueRule.choices,
        default=OverdueRule.AUTOSUBMIT,
    )
    grace_minutes = models.PositiveSmallIntegerField(_("grace period (minutes)"), default=0)
    grading_method = models.CharField(
        _("grading method"), max_length=16, choices=Grading.choices, default=Grading.HIGHEST
    )
    review_option = models.CharField(
        _("after submitting, show"),
        max_length=16,
        choices=Review.choices,
        default=Review.CORRECTNESS,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class ModuleCompetency(models.Model):
    """The competency a module develops, and the level it develops it to."""

    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="targets", verbose_name=_("module")
    )
    competency = models.ForeignKey(
        Competency,
        on_delete=models.PROTECT,
        related_name="module_targets",
        verbose_name=_("competency"),
    )
    level = models.PositiveSmallIntegerField(_("target level"), validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = _("target competency")
        verbose_name_plural = _("target competencies")
        ordering = ["competency__order", "competency__code"]
        constraints = [
            models.UniqueConstraint(fields=["module", "competency"], name="module_competency_once")
        ]

    def __str__(self) -> str:
        return f"{self.competency.code} → {self.level}"


class Lesson(TimeStampedModel):
    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("module")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("content (Markdown)"))
    # Sanitised HTML rendered from `body` on every save; templates output only this.
    body_html = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["module", "order", "id"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body_html = render_markdown(self.body)
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)


class Question(TimeStampedModel):
    class Type(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True / false")

    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="questions", verbose_name=_("module")
    )
    type = models.CharField(_("type"), max_length=16, choices=Type.choices, default=Type.SINGLE)
    text = models.TextField(_("question"))
    explanation = models.TextField(_("explanation"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["module", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Option(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options", verbose_name=_("question")
    )
    text = models.CharField(_("option"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "order", "id"]

    def __str__(self) -> str:
        return self.text


class Assignment(TimeStampedModel):
    """A mandatory training handed out by HR or a leader, to people or a unit subtree."""

    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("module")
    )
    unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    enrolled_count = models.PositiveIntegerField(_("enrolled"), default=0)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-created_at"]


class Enrollment(TimeStampedModel):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("Enrolled")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="enrollments", verbose_name=_("employee")
    )
    module = models.ForeignKey(
        Module, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_("module")
    )
    assignment = models.ForeignKey(
        Assignment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrollments",
        verbose_name=_("assignment"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ENROLLED
    )
    grade = models.DecimalField(_("grade"), max_digits=5, decimal_places=2, null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "module"], name="enrollment_once")
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.employee} · {self.module}"

    @property
    def is_overdue(self) -> bool:
        return (
            self.status != self.Status.COMPLETED
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )

    @property
    def state(self) -> str:
        """enrolled / in_progress / completed / overdue (overdue is derived from the due date)."""
        return "overdue" if self.is_overdue else self.status


class LessonRead(models.Model):
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="reads")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "lesson"], name="lesson_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id}:{self.lesson_id}"


class Attempt(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    class ClosedBy(models.TextChoices):
        LEARNER = "learner", _("Submitted by the learner")
        DEADLINE = "deadline", _("Submitted automatically when time ran out")

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("enrolment")
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.OPEN)
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    closed_by = models.CharField(
        _("closed by"), max_length=16, choices=ClosedBy.choices, blank=True
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["enrollment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "number"], name="attempt_number_once"),
            models.UniqueConstraint(
                fields=["enrollment"], condition=models.Q(state="open"), name="one_open_attempt"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment} #{self.number}"


class AttemptQuestion(models.Model):
    """A drawn question, with the option order the learner saw and what they chose."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    option_order = models.JSONField(default=list)
    selected = models.JSONField(default=list, blank=True)
    is_correct = models.BooleanField(null=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="attempt_question_once")
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}#{self.position}"
