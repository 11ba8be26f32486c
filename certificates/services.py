"""Issuing, revoking and re-issuing certificates.

Numbering: serials `<prefix>/<year>/<6 digits>` come from a `SerialCounter` row locked
with `select_for_update` (`_locked_counter`, the one locking helper of this app), so they
are unique and gap-free per prefix and year.

Issuance runs in three short steps so that PDF rendering, the slow part, holds no lock and
several workers issue in parallel:
1. reserve (transaction, counter locked): re-check the source, take the next number, insert
   the row as PENDING with its snapshot;
2. render the PDF from the snapshot, outside any lock;
3. finish (transaction, row locked): store the file and its SHA-256, mark it VALID, audit.
If rendering fails the number is handed back when it is still the last one taken; otherwise
the PENDING row keeps it and the next attempt for the same source reuses it, so every
number always belongs to exactly one document. Called inside a caller's transaction (e.g.
training's pass), all three steps share it and a failure rolls back the number as well.
"""

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates import conf
from certificates.models import Certificate, CertificateAudit, SerialCounter, VerificationLog
from certificates.rendering import render_certificate_pdf
from certificates.selectors import certificates_managed_by
from people.models import Employee

Status = Certificate.Status


def _locked_counter(*, prefix: str, year: int) -> SerialCounter:
    """The counter row for (prefix, year), locked until the transaction ends; created on
    first use (a concurrent creator loses the insert race and then waits on the lock)."""
    counter = SerialCounter.objects.select_for_update().filter(prefix=prefix, year=year).first()
    if counter is not None:
        return counter
    try:
        with transaction.atomic():
            SerialCounter.objects.create(prefix=prefix, year=year, last=0)
    except IntegrityError:
        pass
    return SerialCounter.objects.select_for_update().get(prefix=prefix, year=year)


NEXT_NUMBER_SQL = (
    'UPDATE {table} SET "last" = "last" + 1 WHERE prefix = %s AND year = %s RETURNING "last"'
)


def _next_number(*, prefix: str, year: int) -> int:
    """Take the next number of (prefix, year). One `UPDATE … RETURNING` both increments and
    locks the counter row until the transaction ends, so numbers are unique and, since a
    failed transaction rolls its increment back, gap-free."""
    # The table name is the model's, quoted; the values are query parameters.
    table = connection.ops.quote_name(SerialCounter._meta.db_table)
    sql = NEXT_NUMBER_SQL.format(table=table)  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(sql, [prefix, year])
        row = cursor.fetchone()
    if row is not None:
        return row[0]
    _locked_counter(prefix=prefix, year=year)  # creates the row on first use
    return _next_number(prefix=prefix, year=year)


def _format_serial(prefix: str, year: int, number: int) -> str:
    return f"{prefix}/{year}/{number:06d}"


def _verification_url(code: str) -> str:
    return f"{conf.site_url()}/verify/{code}/?via=qr"


def _clean_jp(jp: Decimal | int | None) -> Decimal | None:
    if jp is None or jp == "":
        return None
    try:
        value = Decimal(str(jp))
    except InvalidOperation as error:
        raise ValidationError({"jp": _("JP must be a number.")}) from error
    if value < 0 or value > 1000:
        raise ValidationError({"jp": _("JP must be between 0 and 1000.")})
    return value


def _snapshot(
    *,
    recipient: Employee,
    kind: str,
    title: str,
    jp: Decimal | None,
    competencies: Sequence[str],
    period_start: date | None,
    period_end: date | None,
    citation: str,
    serial: str,
    code: str,
    issued_at: datetime,
) -> dict[str, Any]:
    """Everything printed, frozen at issue: later edits of the employee never change it."""
    signer = conf.signer()
    return {
        "kind": kind,
        "recipient_name": recipient.full_name,
        "nip_masked": recipient.nip_masked,
        "title": title,
        "jp": str(jp) if jp is not None else None,
        "competencies": list(competencies),
        "period_start": period_start.isoformat() if period_start else None,
        "period_end": period_end.isoformat() if period_end else None,
        "issued_on": timezone.localdate(issued_at).isoformat(),
        "citation": citation,
        "signer_name": signer["name"],
        "signer_position": signer["position"],
        "place": signer["place"],
        "agency_name": conf.agency_name(),
        "serial": serial,
        "verification_code": code,
        "verification_url": _verification_url(code),
        "verify_base_url": f"{conf.site_url()}/verify/",
    }


def _validate(
    *, kind: str, title: str, source_key: str, period_start: date | None, period_end: date | None
) -> None:
    errors: dict[str, str] = {}
    if kind not in Certificate.Kind.values:
        errors["kind"] = _("Unknown certificate kind.")
    if not title.strip():
        errors["title"] = _("A certificate needs a title.")
    if not source_key.strip():
        errors["source_key"] = _("A certificate needs a source key.")
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = _("The period cannot end before it starts.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def _reserve(
    *,
    recipient: Employee,
    kind: str,
    title: str,
    jp: Decimal | None,
    competencies: Sequence[str],
    period_start: date | None,
    period_end: date | None,
    source_key: str,
    actor,
    citation: str,
    version: int = 1,
    supersedes: Certificate | None = None,
    reason: str = "",
) -> Certificate:
    """Step 1: a number and a PENDING row. If the source already has a current row (issued
    meanwhile, or reserved by an attempt that crashed before finishing) the insert breaks
    the one-current-per-source constraint and this transaction, number included, rolls
    back: see `certificate_issue`."""
    issued_at = timezone.now()
    prefix = conf.serial_prefix(kind)
    number = _next_number(prefix=prefix, year=issued_at.year)
    serial = _format_serial(prefix, issued_at.year, number)
    code = secrets.token_urlsafe(16)
    certificate = Certificate(
        kind=kind,
        recipient=recipient,
        title=title,
        serial=serial,
        verification_code=code,
        status=Status.PENDING,
        version=version,
        supersedes=supersedes,
        source_key=source_key,
        issued_at=issued_at,
        issued_by=actor if getattr(actor, "pk", None) else None,
        reissue_reason=reason,
        snapshot=_snapshot(
            recipient=recipient,
            kind=kind,
            title=title,
            jp=jp,
            competencies=competencies,
            period_start=period_start,
            period_end=period_end,
            citation=citation,
            serial=serial,
            code=code,
            issued_at=issued_at,
        ),
    )
    # Uniqueness (serial, code, one current per source) is enforced by the database's
    # constraints inside this locked transaction; skipping the duplicate SELECTs keeps
    # issuance close to bare rendering speed.
    # The related rows are passed in as instances: no need to query that they exist.
    certificate.full_clean(
        exclude=["pdf", "sha256", "recipient", "supersedes", "issued_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    certificate.save()
    # Audited with the reservation: a failed render deletes the row and, with it, this line.
    CertificateAudit.objects.create(
        certificate=certificate,
        actor=certificate.issued_by,
        reason=reason,
        action=CertificateAudit.Action.REISSUE if supersedes else CertificateAudit.Action.ISSUE,
    )
    return certificate


def _finish(*, certificate: Certificate, pdf: bytes) -> Certificate:
    """Step 3: store the rendered file once. The row moves from PENDING to VALID in one
    conditional UPDATE (a single statement: atomic without a transaction block), so of two
    concurrent finishers exactly one wins; the loser removes the file it wrote and returns
    the winner's row."""
    certificate.sha256 = hashlib.sha256(pdf).hexdigest()
    certificate.pdf.save(certificate.download_name, ContentFile(pdf), save=False)
    won = Certificate.objects.filter(pk=certificate.pk, status=Status.PENDING).update(
        pdf=certificate.pdf.name, sha256=certificate.sha256, status=Status.VALID
    )
    if not won:
        certificate.pdf.storage.delete(certificate.pdf.name)
        return Certificate.objects.get(pk=certificate.pk)
    certificate.status = Status.VALID
    return certificate


@transaction.atomic
def _release(*, certificate: Certificate) -> None:
    """After a failed render: hand the number back if nobody took a later one."""
    prefix, year, number = certificate.serial.rsplit("/", 2)
    counter = _locked_counter(prefix=prefix, year=int(year))
    row = (
        Certificate.objects.select_for_update()
        .filter(pk=certificate.pk, status=Status.PENDING)
        .first()
    )
    if row is not None and counter.last == int(number):
        row.delete()
        counter.last -= 1
        counter.save(update_fields=["last"])


def _render_and_finish(*, certificate: Certificate) -> Certificate:
    try:
        pdf = render_certificate_pdf(certificate.snapshot)
    except BaseException:
        _release(certificate=certificate)
        raise
    return _finish(certificate=certificate, pdf=pdf)


def certificate_issue(
    *,
    recipient: Employee,
    kind: str,
    title: str,
    jp: Decimal | int | None = None,
    competencies: Sequence[str] = (),
    period_start: date | None = None,
    period_end: date | None = None,
    source_key: str,
    actor=None,
    citation: str = "",
    render_after_commit: bool = False,
) -> Certificate:
    """Issue the document earned through `source_key` (e.g. "training.enrollment:42").

    Idempotent: the current certificate of that source is returned if there is one (valid,
    or revoked: a rerun never undoes a revocation), so reruns and concurrent calls never
    create a duplicate. A row left PENDING by an attempt that crashed after reserving is
    finished with its number.

    The PDF is rendered once, here; with `render_after_commit` (request paths that must
    stay fast, such as a quiz submit) the number is reserved in the caller's transaction
    and the `certificates.finish_pending` task renders it once that commits: in a Celery
    worker when a broker is configured, in-process right after the commit otherwise.
    Until then the row is PENDING, which no list and no verification shows.
    """
    _validate(
        kind=kind,
        title=title,
        source_key=source_key,
        period_start=period_start,
        period_end=period_end,
    )
    try:
        certificate = _reserve(
            recipient=recipient,
            kind=kind,
            title=title.strip(),
            jp=_clean_jp(jp),
            competencies=competencies,
            period_start=period_start,
            period_end=period_end,
            source_key=source_key,
            actor=actor,
            citation=citation.strip(),
        )
    except IntegrityError:
        # The source has a document already (its version 1 exists): return the current
        # version — valid, revoked (a rerun never undoes a revocation) or still pending.
        certificate = (
            Certificate.objects.select_related("recipient")
            .filter(source_key=source_key)
            .exclude(status=Status.SUPERSEDED)
            .order_by("-version")
            .first()
        )
        if certificate is None:
            raise
    if certificate.status != Status.PENDING:
        return certificate
    if not render_after_commit:
        return _render_and_finish(certificate=certificate)
    from certificates.tasks import finish_pending

    # robust: without a broker the render runs in-process; its failure must not turn the
    # caller's committed transaction into an error page (the row stays PENDING).
    transaction.on_commit(partial(finish_pending.delay, certificate.pk), robust=True)
    return certificate


def certificate_finish_pending(*, certificate_id: int) -> Certificate | None:
    """Render and store a reserved certificate (the task behind `render_after_commit`).

    A failed render leaves the row PENDING with its number, so the task's retry, or the
    next issue for the same source, finishes it; nothing is handed back."""
    certificate = (
        Certificate.objects.select_related("recipient")
        .filter(pk=certificate_id, status=Status.PENDING)
        .first()
    )
    if certificate is None:
        return None  # finished meanwhile, or its reservation rolled back
    return _finish(certificate=certificate, pdf=render_certificate_pdf(certificate.snapshot))


def _require_hr(*, actor, certificate: Certificate) -> None:
    if not certificates_managed_by(user=actor).filter(pk=certificate.pk).exists():
        raise PermissionDenied(_("Only HR in charge of this employee may do this."))


def _require_reason(reason: str) -> str:
    if not reason or not reason.strip():
        raise ValidationError({"reason": _("Please give a reason.")})
    return reason.strip()


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Withdraw a valid certificate; verification shows it as revoked from now on."""
    _require_hr(actor=actor, certificate=certificate)
    reason = _require_reason(reason)
    locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.status != Status.VALID:
        raise ValidationError({"detail": _("Only a valid certificate can be revoked.")})
    locked.status = Status.REVOKED
    locked.revoked_at = timezone.now()
    locked.revoked_reason = reason
    locked.save(update_fields=["status", "revoked_at", "revoked_reason"])
    CertificateAudit.objects.create(
        certificate=locked, action=CertificateAudit.Action.REVOKE, actor=actor, reason=reason
    )
    return locked


def certificate_reissue(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """A corrected version n+1 with a fresh snapshot (e.g. after a name fix), a new serial
    and code; the old version becomes superseded and points to the new one."""
    _require_hr(actor=actor, certificate=certificate)
    reason = _require_reason(reason)
    return certificate_reissue_unchecked(certificate=certificate, actor=actor, reason=reason)


@transaction.atomic
def certificate_reissue_unchecked(*, certificate: Certificate, actor, reason: str) -> Certificate:
    """Re-issue without the HR check: for bulk re-issue after a template change, which its
    caller has already authorised."""
    old = Certificate.objects.select_for_update().select_related("recipient").get(pk=certificate.pk)
    if old.status != Status.VALID:
        raise ValidationError({"detail": _("Only a valid certificate can be re-issued.")})
    # One current row per source (a partial unique constraint): the old version stops being
    # valid before the new one is reserved; all in this transaction, so a failure undoes it.
    old.status = Status.SUPERSEDED
    old.save(update_fields=["status"])
    printed = old.snapshot
    new = _reserve(
        recipient=old.recipient,
        kind=old.kind,
        title=old.title,
        jp=_clean_jp(printed.get("jp")),
        competencies=printed.get("competencies") or (),
        period_start=_date(printed.get("period_start")),
        period_end=_date(printed.get("period_end")),
        source_key=old.source_key,
        actor=actor,
        citation=printed.get("citation") or "",
        version=old.version + 1,
        supersedes=old,
        reason=reason,
    )
    return _render_and_finish(certificate=new)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def verification_log(*, certificate: Certificate, channel: str, ip: str | None) -> None:
    """Record a public verification. The IP address is kept only as a keyed hash: enough to
    spot abuse, useless to identify a visitor."""
    ip_hash = ""
    if ip:
        ip_hash = hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()
    VerificationLog.objects.create(certificate=certificate, channel=channel, ip_hash=ip_hash)
