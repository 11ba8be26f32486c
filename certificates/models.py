"""Issued documents. A certificate is immutable once issued: what was printed lives in
`snapshot`, the rendered PDF in `pdf` with its SHA-256. A correction is a new version."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.models import Employee


def certificate_upload_to(instance: "Certificate", filename: str) -> str:
    return f"certificates/{instance.issued_at:%Y/%m}/{filename}"


class SerialCounter(models.Model):
    """The last serial number handed out per prefix and year; locked while issuing so the
    numbers are gap-free (a rolled-back issue rolls its number back too)."""

    prefix = models.CharField(_("prefix"), max_length=16)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("serial counter")
        verbose_name_plural = _("serial counters")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="serial_counter_once"),
        ]

    def __str__(self) -> str:
        return f"{self.prefix}/{self.year}: {self.last}"


class Certificate(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Training certificate")
        AWARD = "award", _("Award charter")

    class Status(models.TextChoices):
        # PENDING: the number is reserved and the PDF is being rendered; never public.
        PENDING = "pending", _("Being issued")
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        SUPERSEDED = "superseded", _("Superseded")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    recipient = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("recipient")
    )
    title = models.CharField(_("title"), max_length=300)
    serial = models.CharField(_("serial number"), max_length=40, unique=True)
    verification_code = models.CharField(_("verification code"), max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.VALID
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    source_key = models.CharField(_("source key"), max_length=120, db_index=True)
    snapshot = models.JSONField(_("printed content"), default=dict)
    pdf = models.FileField(_("PDF"), upload_to=certificate_upload_to, max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    reissue_reason = models.TextField(_("re-issue reason"), blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_reason = models.TextField(_("revocation reason"), blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-id"]
        constraints = [
            # At most one valid document per source: idempotent issuance, enforced by the DB.
            models.UniqueConstraint(
                fields=["source_key"],
                condition=Q(status__in=["valid", "pending"]),
                name="certificate_one_current_per_source",
            ),
            models.UniqueConstraint(
                fields=["source_key", "version"], name="certificate_version_once"
            ),
        ]
        indexes = [models.Index(fields=["recipient", "status"])]

    def __str__(self) -> str:
        return self.serial

    @property
    def download_name(self) -> str:
        return f"sertifikat-{self.serial.replace('/', '-')}.pdf"


class CertificateAudit(models.Model):
    class Action(models.TextChoices):
        ISSUE = "issue", _("Issued")
        REVOKE = "revoke", _("Revoked")
        REISSUE = "reissue", _("Re-issued")

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="audits", verbose_name=_("certificate")
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("certificate audit entry")
        verbose_name_plural = _("certificate audit entries")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.certificate} · {self.get_action_display()}"


class VerificationLog(models.Model):
    class Channel(models.TextChoices):
        PAGE = "page", _("Web page")
        API = "api", _("API")
        QR = "qr", _("QR code")

    certificate = models.ForeignKey(
        Certificate,
        on_delete=models.CASCADE,
        related_name="verifications",
        verbose_name=_("certificate"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    ip_hash = models.CharField(_("hashed IP address"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.certificate} · {self.at:%Y-%m-%d %H:%M}"


class BulkIssueJob(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    source = models.CharField(_("source"), max_length=64)
    cohort_id = models.CharField(_("cohort"), max_length=64)
    cohort_label = models.CharField(_("cohort name"), max_length=300, blank=True)
    reissue = models.BooleanField(_("re-issue existing"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    total = models.PositiveIntegerField(_("total"), default=0)
    done = models.PositiveIntegerField(_("done"), default=0)
    issued = models.PositiveIntegerField(_("newly issued"), default=0)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    certificates = models.ManyToManyField(
        Certificate, blank=True, related_name="+", verbose_name=_("certificates")
    )

    class Meta:
        verbose_name = _("bulk issuance job")
        verbose_name_plural = _("bulk issuance jobs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.source}:{self.cohort_id} ({self.done}/{self.total})"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}
