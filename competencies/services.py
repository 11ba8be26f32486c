"""Writes of the competency section. Each runs in one transaction, validates with
`full_clean()` and raises `ValidationError` with a translated message."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from competencies.models import Assessment, Competency, LearningRecord, PositionRequirement
from people.models import Employee, Position, RoleAssignment
from people.selectors import employees_managed_by, positions_visible_for, scope_for

PT = Position.Type
LV = Position.Level
HR_ONLY = (RoleAssignment.Role.HR,)

# Managerial and socio-cultural defaults (Permenpan RB 38/2017 practice): JPT 4-5,
# administrator 3, pengawas 2, pelaksana 1; functional positions by their level.
MANAGERIAL_BY_TYPE = {
    PT.JPT_UTAMA: 5,
    PT.JPT_MADYA: 5,
    PT.JPT_PRATAMA: 4,
    PT.ADMINISTRATOR: 3,
    PT.PENGAWAS: 2,
    PT.PELAKSANA: 1,
}
MANAGERIAL_BY_LEVEL = {
    LV.AHLI_PERTAMA: 1,
    LV.AHLI_MUDA: 2,
    LV.AHLI_MADYA: 3,
    LV.AHLI_UTAMA: 4,
    LV.PEMULA: 1,
    LV.TERAMPIL: 1,
    LV.MAHIR: 1,
    LV.PENYELIA: 1,
}
# Technical competencies of public service: front-line staff need them at work level,
# supervisors run them for a team, administrators and JPT set them for the organisation.
TECHNICAL_BY_TYPE = {
    PT.JPT_UTAMA: 4,
    PT.JPT_MADYA: 4,
    PT.JPT_PRATAMA: 4,
    PT.ADMINISTRATOR: 3,
    PT.PENGAWAS: 3,
    PT.PELAKSANA: 2,
}
TECHNICAL_BY_LEVEL = {
    LV.AHLI_PERTAMA: 2,
    LV.AHLI_MUDA: 3,
    LV.AHLI_MADYA: 3,
    LV.AHLI_UTAMA: 4,
    LV.PEMULA: 1,
    LV.TERAMPIL: 2,
    LV.MAHIR: 2,
    LV.PENYELIA: 3,
}


def requirement_defaults(position: Position) -> dict[str, int]:
    """The default level per competency code for a position type (and functional level)."""
    functional = position.type in {PT.FUNGSIONAL_AHLI, PT.FUNGSIONAL_TERAMPIL}
    if functional:
        managerial = MANAGERIAL_BY_LEVEL.get(position.level, 1)
        technical = TECHNICAL_BY_LEVEL.get(position.level, 2)
    else:
        managerial = MANAGERIAL_BY_TYPE.get(position.type, 1)
        technical = TECHNICAL_BY_TYPE.get(position.type, 2)
    by_kind = {
        Competency.Kind.MANAGERIAL: managerial,
        Competency.Kind.SOCIOCULTURAL: managerial,
        Competency.Kind.TECHNICAL: technical,
    }
    return {
        code: by_kind[kind]
        for code, kind in Competency.objects.filter(is_active=True).values_list("code", "kind")
    }


@transaction.atomic
def requirement_defaults_apply(position: Position, *, overwrite: bool = False) -> int:
    """Give a position the default requirements it lacks (all of them with `overwrite`).
    Returns how many requirements were written."""
    defaults = requirement_defaults(position)
    competencies = {c.code: c for c in Competency.objects.filter(code__in=defaults)}
    existing = {
        r.competency_id: r
        for r in PositionRequirement.objects.select_for_update().filter(position=position)
    }
    written = 0
    for code, level in defaults.items():
        competency = competencies[code]
        requirement = existing.get(competency.pk)
        if requirement is None:
            PositionRequirement.objects.create(
                position=position, competency=competency, required_level=level
            )
            written += 1
        elif overwrite and requirement.required_level != level:
            requirement.required_level = level
            requirement.save(update_fields=["required_level", "updated_at"])
            written += 1
    return written


def _check_hr_for_position(*, actor, position: Position) -> None:
    scope = scope_for(actor)
    if not scope.has_role(RoleAssignment.Role.HR):
        raise ValidationError({"detail": _("Only HR can change position requirements.")})
    if not positions_visible_for(user=actor).filter(pk=position.pk).exists():
        raise ValidationError({"position": _("Position not found.")})
    if not scope.is_admin:
        hr_agencies = {path[: len(position.agency.path)] for path in scope.paths(HR_ONLY)}
        if position.agency.path not in hr_agencies:
            raise ValidationError({"position": _("Position not found.")})


@transaction.atomic
def position_profile_save(
    *, actor, position: Position, levels: dict[int, int | None]
) -> list[PositionRequirement]:
    """Replace a position's whole competency profile: competency id -> level (None drops it)."""
    _check_hr_for_position(actor=actor, position=position)
    existing = {
        r.competency_id: r
        for r in PositionRequirement.objects.select_for_update().filter(position=position)
    }
    for competency_id, level in levels.items():
        requirement = existing.get(competency_id)
        if level is None:
            if requirement is not None:
                requirement.delete()
            continue
        if requirement is None:
            requirement = PositionRequirement(position=position, competency_id=competency_id)
        elif requirement.required_level == level:
            continue
        requirement.required_level = level
        requirement.full_clean()
        requirement.save()
    return list(
        PositionRequirement.objects.filter(position=position)
        .select_related("competency")
        .order_by("competency__order")
    )


@transaction.atomic
def requirement_save(
    *,
    actor,
    position: Position,
    competency: Competency,
    required_level: int,
    requirement: PositionRequirement | None = None,
) -> PositionRequirement:
    """Create or change one requirement (the API's unit of write)."""
    _check_hr_for_position(actor=actor, position=position)
    if requirement is not None and requirement.position_id != position.pk:
        _check_hr_for_position(actor=actor, position=requirement.position)
    requirement = requirement or PositionRequirement()
    requirement.position, requirement.competency = position, competency
    requirement.required_level = required_level
    duplicate = (
        PositionRequirement.objects.filter(position=position, competency=competency)
        .exclude(pk=requirement.pk)
        .exists()
    )
    if duplicate:
        raise ValidationError({"competency": _("This position already requires this competency.")})
    requirement.full_clean()
    requirement.save()
    return requirement


# --- assessments -------------------------------------------------------------------------


def assessment_refresh_current(*, employee_id: int, competency_id: int) -> None:
    """Flag the latest non-self rating (by date, then id) as current; clear the others.

    Call inside a transaction holding the employee's row lock."""
    latest = (
        Assessment.objects.filter(employee_id=employee_id, competency_id=competency_id)
        .exclude(source=Assessment.Source.SELF)
        .order_by("-assessed_on", "-id")
        .values_list("pk", flat=True)
        .first()
    )
    (
        Assessment.objects.filter(
            employee_id=employee_id, competency_id=competency_id, is_current=True
        )
        .exclude(pk=latest)
        .update(is_current=False)
    )
    if latest is not None:
        Assessment.objects.filter(pk=latest, is_current=False).update(is_current=True)


def _lock_employee(employee: Employee) -> None:
    Employee.objects.select_for_update().filter(pk=employee.pk).values_list("pk").first()


@transaction.atomic
def assessment_record(
    *,
    employee: Employee,
    competency: Competency,
    level: int,
    source: str,
    assessor=None,
    assessed_on: dt.date | None = None,
    notes: str = "",
    evidence: Any = None,
) -> Assessment:
    """Record a rating without a permission check (the caller decides who may): used by
    training (source=training) and by `assessment_create` after its checks."""
    if not competency.is_active:
        raise ValidationError({"competency": _("This competency is not active.")})
    _lock_employee(employee)
    assessment = Assessment(
        employee=employee,
        competency=competency,
        level=level,
        source=source,
        assessor=assessor,
        assessed_on=assessed_on or timezone.localdate(),
        notes=notes,
    )
    if evidence:
        assessment.evidence = evidence
    assessment.full_clean()
    if assessment.assessed_on > timezone.localdate():
        raise ValidationError({"assessed_on": _("The date cannot be in the future.")})
    assessment.save()
    if source != Assessment.Source.SELF:
        assessment_refresh_current(employee_id=employee.pk, competency_id=competency.pk)
        assessment.refresh_from_db(fields=["is_current"])
    return assessment


RATER_SOURCES = {Assessment.Source.SUPERVISOR, Assessment.Source.ASSESSMENT_CENTRE}


@transaction.atomic
def assessment_create(
    *,
    actor,
    employee_id: int | None,
    competency: Competency,
    level: int,
    source: str = "",
    assessed_on: dt.date | None = None,
    notes: str = "",
    evidence: Any = None,
) -> Assessment:
    """A user action: rating oneself (always a self-assessment) or, for a leader or HR, an
    employee in their scope (supervisor or assessment centre)."""
    scope = scope_for(actor)
    own = scope.employee
    if own is not None and employee_id == own.pk:
        employee, source = own, Assessment.Source.SELF
    else:
        employee = employees_managed_by(user=actor).filter(pk=employee_id).first()
        if employee is None:
            raise ValidationError({"employee": _("Employee not found.")})
        source = source or Assessment.Source.SUPERVISOR
        if source not in RATER_SOURCES:
            raise ValidationError({"source": _("Choose supervisor or assessment centre.")})
    return assessment_record(
        employee=employee,
        competency=competency,
        level=level,
        source=source,
        assessor=actor,
        assessed_on=assessed_on,
        notes=notes,
        evidence=evidence,
    )


@transaction.atomic
def assessment_delete(*, assessment: Assessment) -> None:
    """Remove a rating (admin housekeeping) and recompute the current level."""
    _lock_employee(assessment.employee)
    employee_id, competency_id = assessment.employee_id, assessment.competency_id
    assessment.delete()
    assessment_refresh_current(employee_id=employee_id, competency_id=competency_id)


# --- learning records --------------------------------------------------------------------

MAX_JP = Decimal(999)


def learning_record_create(
    *,
    employee: Employee,
    title: str,
    kind: str,
    jp: Decimal | int | str,
    start_date: dt.date,
    end_date: dt.date,
    organiser: str = "",
    source_key: str | None = None,
    evidence: Any = None,
    actor=None,
) -> LearningRecord:
    """Add a line to the JP ledger. With a `source_key` the call is idempotent: a second call
    returns the line already written (also when two calls race)."""
    if source_key:
        existing = LearningRecord.objects.filter(source_key=source_key).first()
        if existing is not None:
            return existing
    record = LearningRecord(
        employee=employee,
        title=title,
        kind=kind,
        jp=Decimal(str(jp)),
        start_date=start_date,
        end_date=end_date,
        organiser=organiser,
        source_key=source_key or None,
        recorded_by=actor,
    )
    if evidence:
        record.evidence = evidence
    errors: dict[str, list[str]] = {}
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = [_("The end date cannot be before the start date.")]
    if record.jp <= 0 or record.jp > MAX_JP:
        errors["jp"] = [_("JP must be more than 0 and at most 999.")]
    if end_date and end_date > timezone.localdate():
        errors["end_date"] = [
            *errors.get("end_date", []),
            _("Only completed activities can be recorded."),
        ]
    record.year = end_date.year if end_date else 0
    try:
        record.full_clean(exclude=["source_key"])
    except ValidationError as error:
        for key, messages in error.message_dict.items():
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        if not source_key:
            raise
        return LearningRecord.objects.get(source_key=source_key)
    return record


# --- dictionary --------------------------------------------------------------------------


@transaction.atomic
def competency_save(
    *,
    data: dict[str, Any],
    levels: list[dict[str, Any]] | None,
    competency: Competency | None = None,
) -> Competency:
    """Create or change a dictionary entry; `levels` (when given) replaces its levels."""
    from competencies.models import CompetencyLevel

    competency = competency or Competency()
    for key, value in data.items():
        setattr(competency, key, value)
    competency.full_clean()
    competency.save()
    if levels is not None:
        keep = []
        for item in levels:
            level, _created = CompetencyLevel.objects.get_or_create(
                competency=competency, level=item["level"], defaults={"title": item["title"]}
            )
            for key in ("title", "description", "indicators"):
                if key in item:
                    setattr(level, key, item[key])
            level.full_clean()
            level.save()
            keep.append(level.pk)
        CompetencyLevel.objects.filter(competency=competency).exclude(pk__in=keep).delete()
    return competency
