from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TimeStampedModel
from people.models import Employee, Position

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Competency(TimeStampedModel):
    """An entry of the competency dictionary (Permenpan RB 38/2017 or agency-technical)."""

    class Kind(models.TextChoices):
        MANAGERIAL = "managerial", _("Managerial")
        SOCIOCULTURAL = "sociocultural", _("Socio-cultural")
        TECHNICAL = "technical", _("Technical")

    code = models.CharField(_("code"), max_length=16, unique=True)  # "M.1", "SK.1", "T.1"
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    definition = models.TextField(_("definition"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CompetencyLevel(models.Model):
    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="levels", verbose_name=_("competency")
    )
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    indicators = models.JSONField(_("behavioural indicators"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("competency level")
        verbose_name_plural = _("competency levels")
        ordering = ["competency", "level"]
        constraints = [
            models.UniqueConstraint(fields=["competency", "level"], name="level_once"),
        ]

    def __str__(self) -> str:
        return f"{self.competency.code} {self.level}: {self.title}"


class PositionRequirement(TimeStampedModel):
    """The level a position requires in a competency."""

    position = models.ForeignKey(
        Position, on_delete=models.CASCADE, related_name="requirements", verbose_name=_("position")
    )
    competency = models.ForeignKey(
        Competency,
        on_delete=models.PROTECT,
        related_name="requirements",
        verbose_name=_("competency"),
    )
    required_level = models.PositiveSmallIntegerField(
        _("required level"), validators=LEVEL_VALIDATORS
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("position requirement")
        verbose_name_plural = _("position requirements")
        constraints = [
            models.UniqueConstraint(fields=["position", "competency"], name="requirement_once"),
        ]


class Assessment(TimeStampedModel):
    """A rating of an employee's competency. The latest non-self rating is the current level."""

    class Source(models.TextChoices):
        SELF = "self", _("Self-assessment")
        SUPERVISOR = "supervisor", _("Supervisor")
        ASSESSMENT_CENTRE = "assessment_centre", _("Assessment centre")
        TRAINING = "training", _("Training")

    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("employee")
    )
    competency = models.ForeignKey(
        Competency,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("competency"),
    )
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessor"),
    )
    assessed_on = models.DateField(_("date"))
    notes = models.TextField(_("notes"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to="evidence/assessments/%Y/", blank=True)
    # Marks the latest non-self rating of (employee, competency), kept by the services
    # (`assessment_refresh_current`), so reports join one row instead of searching history.
    is_current = models.BooleanField(_("current"), default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["-assessed_on", "-id"]
        indexes = [models.Index(fields=["employee", "competency", "source", "-assessed_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "competency"],
                condition=models.Q(is_current=True),
                name="assessment_one_current",
            ),
        ]


class LearningRecord(TimeStampedModel):
    """The JP ledger: one line per completed competency-development activity.

    1 JP = 45 minutes. Training completions write here (with `source_key` so a completion
    is recorded once); HR also records external trainings with evidence."""

    class Kind(models.TextChoices):
        CLASSICAL = "classical", _("Classical")
        ELEARNING = "elearning", _("E-learning")
        COACHING = "coaching", _("Coaching")
        MENTORING = "mentoring", _("Mentoring")
        SELF_LEARNING = "self_learning", _("Self-learning")
        OTHER = "other", _("Other non-classical")

    employee = models.ForeignKey(
        Employee,
        on_delete=models.CASCADE,
        related_name="learning_records",
        verbose_name=_("employee"),
    )
    title = models.CharField(_("activity"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    jp = models.DecimalField(
        _("JP"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)]
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    year = models.PositiveSmallIntegerField(_("year"), editable=False)  # from end_date
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    evidence = models.FileField(_("evidence"), upload_to="evidence/learning/%Y/", blank=True)
    # e.g. "training.enrollment:42": makes recording a completion idempotent.
    source_key = models.CharField(_("source"), max_length=64, null=True, blank=True, unique=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("learning record")
        verbose_name_plural = _("learning records")
        ordering = ["-end_date", "-id"]
        indexes = [models.Index(fields=["year", "employee"])]

    def save(self, *args, **kwargs) -> None:
        self.year = self.end_date.year
        super().save(*args, **kwargs)
