"""Every write of the award life cycle: nominate -> approve (grant) / reject -> revoke.

Each transition is one transaction, checks its rules here (not in views), and writes an
AwardEvent. The quota is enforced under a row lock on the quota unit (see `_locked`), so
parallel approvals in one unit are serialised by the database."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Model, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Employee, OrgUnit, RoleAssignment
from people.selectors import scope_for, unit_in_scope
from recognition import integrations
from recognition.models import (
    EXCLUDING_LEVELS,
    Award,
    AwardEvent,
    AwardType,
    DisciplinaryRecord,
    Notification,
)

Role = RoleAssignment.Role
Status = Award.Status


def _locked(queryset: QuerySet, pk: int) -> Model:
    """The one locking helper of this app: the row, locked until the transaction ends."""
    return queryset.select_for_update(of=("self",)).get(pk=pk)


def _is_self(actor, employee: Employee) -> bool:
    own = scope_for(actor).employee
    return own is not None and own.pk == employee.pk


def may_nominate(*, actor, award_type: AwardType, recipient: Employee) -> bool:
    """Leaders and HR over the recipient's unit, or a peer in the same unit, per type."""
    scope = scope_for(actor)
    if scope.is_admin:
        return True
    unit = recipient.unit
    if award_type.nominate_leader and unit_in_scope(user=actor, unit=unit, roles=(Role.LEADER,)):
        return True
    if award_type.nominate_hr and unit_in_scope(user=actor, unit=unit, roles=(Role.HR,)):
        return True
    return bool(
        award_type.nominate_peer and scope.employee and scope.employee.unit_id == recipient.unit_id
    )


def may_decide(*, actor, award: Award) -> bool:
    """The type's approver role over the recipient's unit subtree (admin: everywhere)."""
    role = Role.HR if award.award_type.approver == AwardType.Approver.HR else Role.LEADER
    return unit_in_scope(user=actor, unit=award.recipient.unit, roles=(role,))


def may_revoke(*, actor, award: Award) -> bool:
    """Whoever could grant it, and HR over the recipient's unit."""
    return may_decide(actor=actor, award=award) or unit_in_scope(
        user=actor, unit=award.recipient.unit, roles=(Role.HR,)
    )


def _event(*, award: Award, actor, from_status: str, note: str = "") -> None:
    AwardEvent.objects.create(
        award=award, actor=actor, from_status=from_status, to_status=award.status, note=note
    )


def _check_long_service(*, award_type: AwardType, recipient: Employee, on: dt.date) -> None:
    """Satyalancana: N years from TMT CPNS by the end of the year, no moderate/heavy
    sanction ever (the strict reading), and each tier only once."""
    name = recipient.full_name
    years = award_type.service_years
    if recipient.employment_type != Employee.EmploymentType.PNS:
        raise ValidationError({"recipient": _("Satyalancana Karya Satya is for PNS only.")})
    if recipient.tmt_cpns > dt.date(on.year - years, 12, 31):
        raise ValidationError(
            {
                "recipient": _(
                    "%(name)s does not complete %(years)s years of service by the end of this year."
                )
                % {"name": name, "years": years}
            }
        )
    if DisciplinaryRecord.objects.filter(employee=recipient, level__in=EXCLUDING_LEVELS).exists():
        raise ValidationError(
            {
                "recipient": _(
                    "%(name)s has a moderate or heavy disciplinary sanction and cannot receive "
                    "Satyalancana Karya Satya."
                )
                % {"name": name}
            }
        )
    if Award.objects.filter(
        award_type=award_type, recipient=recipient, status=Status.GRANTED
    ).exists():
        raise ValidationError(
            {"recipient": _("%(name)s has already received this award.") % {"name": name}}
        )


def _duplicate_error(recipient: Employee) -> ValidationError:
    return ValidationError(
        {
            "recipient": _("%(name)s already has, or is nominated for, this award in this period.")
            % {"name": recipient.full_name}
        }
    )


@transaction.atomic
def award_nominate(
    *,
    actor,
    award_type: AwardType,
    recipient: Employee,
    citation: str = "",
    evidence=None,
    on: dt.date | None = None,
) -> Award:
    """Propose an award. The period is fixed now, from the nomination date."""
    on = on or timezone.localdate()
    if not award_type.is_active:
        raise ValidationError({"award_type": _("This award type is not active.")})
    if not recipient.is_active:
        raise ValidationError({"recipient": _("This employee is no longer active.")})
    if _is_self(actor, recipient):
        raise ValidationError({"recipient": _("You cannot nominate yourself.")})
    if not may_nominate(actor=actor, award_type=award_type, recipient=recipient):
        raise ValidationError(
            {
                "recipient": _(
                    "You may not nominate this employee for this award type: they are outside "
                    "your scope."
                )
            }
        )
    citation = (citation or "").strip()
    if award_type.citation_required and not citation:
        raise ValidationError({"citation": _("A citation is required for this award type.")})
    if award_type.service_years:
        _check_long_service(award_type=award_type, recipient=recipient, on=on)
    period = award_type.period_start(on)
    live = Award.objects.filter(
        award_type=award_type,
        recipient=recipient,
        period_start=period,
        status__in=[Status.NOMINATED, Status.GRANTED],
    )
    if live.exists():
        raise _duplicate_error(recipient)
    award = Award(
        award_type=award_type,
        recipient=recipient,
        nominated_by=actor,
        citation=citation,
        period_start=period,
        status=Status.NOMINATED,
    )
    if evidence:
        award.evidence = evidence
    award.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            award.save()
    except IntegrityError as error:  # a parallel nomination won the unique constraint
        raise _duplicate_error(recipient) from error
    _event(award=award, actor=actor, from_status="", note=citation)
    return award


def _check_decider(*, actor, award: Award, own_message: str) -> None:
    if award.status != Status.NOMINATED:
        raise ValidationError(_("Only a pending nomination can be approved or rejected."))
    if _is_self(actor, award.recipient):
        raise ValidationError(own_message)
    if not may_decide(actor=actor, award=award):
        raise ValidationError(_approver_message(award.award_type))


def _approver_message(award_type: AwardType) -> str:
    if award_type.approver == AwardType.Approver.HR:
        return _("Only HR over the recipient's unit may decide on this award.")
    return _(
        "Only a leader of the recipient's unit, or of a unit above it, may decide on this award."
    )


def quota_unit_for(award: Award) -> OrgUnit:
    """The recipient's ancestor at the type's quota depth (their own unit if shallower)."""
    path = award.recipient.unit.path
    depth = min(award.award_type.quota_unit_depth, len(path) // OrgUnit.steplen)
    return OrgUnit.objects.get(path=path[: depth * OrgUnit.steplen])


def _check_quota(award: Award) -> None:
    """Lock the quota unit, then count: two approvals in one unit cannot both pass."""
    award_type = award.award_type
    if award_type.quota is None:
        return
    unit = _locked(OrgUnit.objects.all(), quota_unit_for(award).pk)
    granted = Award.objects.filter(
        award_type=award_type,
        period_start=award.period_start,
        status=Status.GRANTED,
        recipient__unit__path__startswith=unit.path,
    ).count()
    if granted >= award_type.quota:
        raise ValidationError(
            _("The quota for this award in %(unit)s for this period (%(quota)s) has been reached.")
            % {"unit": unit.name, "quota": award_type.quota}
        )


def _load(award: Award) -> Award:
    queryset = Award.objects.select_related("award_type", "recipient__unit", "recipient__user")
    return _locked(queryset, award.pk)


@transaction.atomic
def award_approve(*, actor, award: Award, note: str = "") -> Award:
    """Approve a nomination: the award is granted, the charter issued, the recipient told."""
    award = _load(award)
    _check_decider(actor=actor, award=award, own_message=_("You cannot approve your own award."))
    if award.award_type.requires_two_people and award.nominated_by_id == actor.pk:
        raise ValidationError(
            _("This award needs two people: whoever nominated it cannot approve it.")
        )
    _check_quota(award)
    award.status, award.decided_by, award.decided_at = Status.GRANTED, actor, timezone.now()
    award.reason = (note or "").strip()
    award.full_clean(validate_constraints=False)
    award.save(update_fields=["status", "decided_by", "decided_at", "reason", "updated_at"])
    _event(award=award, actor=actor, from_status=Status.NOMINATED, note=award.reason)
    if award.award_type.issues_charter:
        charter = integrations.charter_issue(award=award, actor=actor)
        award.charter_certificate_id = charter.pk
        award.save(update_fields=["charter_certificate_id", "updated_at"])
    _tell_recipient(award)
    return award


@transaction.atomic
def award_reject(*, actor, award: Award, reason: str = "") -> Award:
    award = _load(award)
    _check_decider(actor=actor, award=award, own_message=_("You cannot decide on your own award."))
    award.status, award.decided_by, award.decided_at = Status.REJECTED, actor, timezone.now()
    award.reason = (reason or "").strip()
    award.save(update_fields=["status", "decided_by", "decided_at", "reason", "updated_at"])
    _event(award=award, actor=actor, from_status=Status.NOMINATED, note=award.reason)
    return award


@transaction.atomic
def award_revoke(*, actor, award: Award, reason: str) -> Award:
    """Withdraw a granted award with a reason; its charter is revoked with it."""
    award = _load(award)
    reason = (reason or "").strip()
    if award.status != Status.GRANTED:
        raise ValidationError(_("Only a granted award can be revoked."))
    if _is_self(actor, award.recipient):
        raise ValidationError(_("You cannot decide on your own award."))
    if not may_revoke(actor=actor, award=award):
        raise ValidationError(_approver_message(award.award_type))
    if not reason:
        raise ValidationError({"reason": _("A reason is required to revoke an award.")})
    award.status, award.decided_by, award.decided_at = Status.REVOKED, actor, timezone.now()
    award.reason = reason
    award.save(update_fields=["status", "decided_by", "decided_at", "reason", "updated_at"])
    _event(award=award, actor=actor, from_status=Status.GRANTED, note=reason)
    if award.charter_certificate_id is not None:
        integrations.charter_revoke(award=award, actor=actor, reason=reason)
    return award


def _tell_recipient(award: Award) -> None:
    """In-app notification now; the e-mail only once the grant is committed."""
    recipient = award.recipient
    url = reverse("recognition:award-detail", args=[award.pk])
    user = recipient.user
    if user is not None:
        Notification.objects.create(
            recipient=user,
            url=url,
            text=_("You have received the award “%(award)s”.") % {"award": award.award_type.name},
        )
    address = recipient.email or (user.email if user else "")
    if address:
        transaction.on_commit(lambda: _send_grant_email(award_id=award.pk, address=address))


def _send_grant_email(*, award_id: int, address: str) -> None:
    award = Award.objects.select_related("award_type", "recipient").get(pk=award_id)
    context = {
        "award": award,
        "url": settings.SITE_URL + reverse("recognition:award-detail", args=[award.pk]),
        "agency": settings.AGENCY_NAME,
    }
    subject = render_to_string("recognition/emails/award_granted_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("recognition/emails/award_granted.txt", context),
        to=[address],
    )
    message.attach_alternative(
        render_to_string("recognition/emails/award_granted.html", context), "text/html"
    )
    message.send()


@transaction.atomic
def notification_mark_read(*, user, notification_id: int) -> None:
    Notification.objects.filter(recipient=user, pk=notification_id, read_at__isnull=True).update(
        read_at=timezone.now()
    )
