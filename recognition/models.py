"""Appreciation awards: types with their rules, awards with an audited life cycle,
disciplinary records (which exclude from Satyalancana) and in-app notifications."""

import datetime as dt

from django.conf import settings
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from people.models import Employee


class AwardType(TimeStampedModel):
    """What an award is and who may propose and decide it.

    `quota` counts granted awards of this type per quota unit per period. The quota unit
    is the recipient's ancestor at `quota_unit_depth` (1 = agency, 2 = dinas/badan, 3 =
    bidang); a recipient in a shallower unit counts at their own unit."""

    class Period(models.TextChoices):
        MONTH = "month", _("Month")
        QUARTER = "quarter", _("Quarter")
        YEAR = "year", _("Year")

    class Approver(models.TextChoices):
        LEADER = "leader", _("Leader of the recipient's unit or an ancestor unit")
        HR = "hr", _("HR over the recipient's unit")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    criteria = models.TextField(_("criteria"), blank=True)
    nominate_leader = models.BooleanField(_("leaders may nominate"), default=True)
    nominate_peer = models.BooleanField(_("peers in the same unit may nominate"), default=False)
    nominate_hr = models.BooleanField(_("HR may nominate"), default=False)
    approver = models.CharField(
        _("approved by"), max_length=16, choices=Approver.choices, default=Approver.LEADER
    )
    requires_two_people = models.BooleanField(
        _("approver must differ from nominator"), default=True
    )
    quota = models.PositiveSmallIntegerField(_("quota per unit per period"), null=True, blank=True)
    period = models.CharField(
        _("period"), max_length=8, choices=Period.choices, default=Period.YEAR
    )
    quota_unit_depth = models.PositiveSmallIntegerField(
        _("quota counted at unit depth"),
        default=2,
        validators=[MinValueValidator(1)],
        help_text=_("1 = agency, 2 = dinas/badan, 3 = bidang."),
    )
    citation_required = models.BooleanField(_("citation required"), default=True)
    issues_charter = models.BooleanField(_("issues a charter (piagam)"), default=True)
    service_years = models.PositiveSmallIntegerField(
        _("years of service (Satyalancana)"),
        null=True,
        blank=True,
        help_text=_("Set for long-service awards: eligibility is tracked from TMT CPNS."),
        # A career runs from at least 18 to at most 65: no service is longer than 50 years.
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def period_start(self, day: dt.date) -> dt.date:
        """The first day of the period that contains `day`."""
        if self.period == self.Period.MONTH:
            return day.replace(day=1)
        if self.period == self.Period.QUARTER:
            return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return dt.date(day.year, 1, 1)


class Award(TimeStampedModel):
    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        GRANTED = "granted", _("Granted")
        REJECTED = "rejected", _("Rejected")
        REVOKED = "revoked", _("Revoked")

    award_type = models.ForeignKey(
        AwardType, on_delete=models.PROTECT, related_name="awards", verbose_name=_("award type")
    )
    recipient = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="awards", verbose_name=_("recipient")
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nominated by"),
    )
    citation = models.TextField(_("citation"), blank=True)
    evidence = models.FileField(
        _("evidence"),
        upload_to="evidence/awards/%Y/",
        blank=True,
        validators=[FileExtensionValidator(["pdf", "jpg", "jpeg", "png"])],
        help_text=_("PDF, JPG or PNG, at most 5 MB."),
    )
    period_start = models.DateField(_("period"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOMINATED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # The piagam issued through the certificates app when the award is granted.
    charter_certificate = models.ForeignKey(
        "certificates.Certificate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("charter"),
    )

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["award_type", "status", "period_start"])]
        constraints = [
            models.UniqueConstraint(
                fields=["award_type", "recipient", "period_start"],
                condition=Q(status__in=["nominated", "granted"]),
                name="award_once_per_person_type_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award_type} · {self.recipient}"

    @property
    def source_key(self) -> str:
        return f"recognition.award:{self.pk}"


class AwardEvent(models.Model):
    """One row per transition: who did what to which award, when, and why."""

    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="events", verbose_name=_("award")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("actor"),
    )
    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Award.Status.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("award event")
        verbose_name_plural = _("award events")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.award_id}: {self.from_status or '-'} -> {self.to_status}"


class DisciplinaryRecord(TimeStampedModel):
    """A disciplinary sanction (PP 94/2021). Moderate and heavy ones exclude Satyalancana."""

    class Level(models.TextChoices):
        LIGHT = "light", _("Light (ringan)")
        MODERATE = "moderate", _("Moderate (sedang)")
        HEAVY = "heavy", _("Heavy (berat)")

    employee = models.ForeignKey(
        Employee,
        on_delete=models.CASCADE,
        related_name="disciplinary_records",
        verbose_name=_("employee"),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    decided_on = models.DateField(_("decided on"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("disciplinary record")
        verbose_name_plural = _("disciplinary records")
        ordering = ["-decided_on", "-id"]


EXCLUDING_LEVELS = (DisciplinaryRecord.Level.MODERATE, DisciplinaryRecord.Level.HEAVY)


class Notification(models.Model):
    """An in-app message for a user, shown on the dashboard until read."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="recognition_notifications",
        verbose_name=_("recipient"),
    )
    text = models.CharField(_("text"), max_length=300)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.text
