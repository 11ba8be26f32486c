"""Writes caused by user actions in the organisation section. Each runs in one transaction
and validates with `full_clean()` before saving."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from people.models import Employee, OrgUnit, Position, RoleAssignment
from people.nip import normalise_nip
from people.selectors import positions_visible_for, units_managed_by

HR_ONLY = (RoleAssignment.Role.HR,)
EMPLOYEE_FIELDS = (
    "nip",
    "name",
    "title_prefix",
    "title_suffix",
    "employment_type",
    "golongan",
    "unit",
    "position",
    "email",
    "is_active",
)


def _unit_for_hr(*, actor, unit_id: int | None) -> OrgUnit:
    """The unit, if the actor is HR over it. Otherwise the same error as for a missing unit."""
    unit = units_managed_by(user=actor, roles=HR_ONLY).filter(pk=unit_id).first()
    if unit is None:
        raise ValidationError({"unit": _("Unit not found.")})
    return unit


def _position_for(*, actor, position_id: int | None) -> Position | None:
    if position_id is None:
        return None
    position = positions_visible_for(user=actor).filter(pk=position_id).first()
    if position is None:
        raise ValidationError({"position": _("Position not found.")})
    return position


@transaction.atomic
def employee_create(*, actor, data: dict[str, Any]) -> Employee:
    unit = _unit_for_hr(actor=actor, unit_id=data.get("unit"))
    position = _position_for(actor=actor, position_id=data.get("position"))
    employee = Employee(**{k: v for k, v in data.items() if k not in {"unit", "position"}})
    employee.nip = normalise_nip(employee.nip)
    employee.unit, employee.position = unit, position
    if Employee.objects.filter(nip=employee.nip).exists():
        raise ValidationError({"nip": _("An employee with this NIP already exists.")})
    employee.full_clean()
    employee.save()
    return employee


@transaction.atomic
def employee_update(*, actor, employee: Employee, data: dict[str, Any]) -> Employee:
    """Update an employee the actor is HR for; moving them needs HR over the new unit too."""
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    changed = []
    for field in EMPLOYEE_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field == "unit":
            value = _unit_for_hr(actor=actor, unit_id=value)
        elif field == "position":
            value = _position_for(actor=actor, position_id=value)
        elif field == "nip":
            value = normalise_nip(value)
            if Employee.objects.filter(nip=value).exclude(pk=employee.pk).exists():
                raise ValidationError({"nip": _("An employee with this NIP already exists.")})
        setattr(employee, field, value)
        changed.append(field)
    employee.full_clean()
    employee.save(update_fields=[*changed, "birth_date", "tmt_cpns", "sex", "updated_at"])
    return employee


@transaction.atomic
def unit_create(*, actor, parent_id: int, code: str, name: str, kind: str) -> OrgUnit:
    parent = _unit_for_hr(actor=actor, unit_id=parent_id)
    if OrgUnit.objects.filter(code=code).exists():
        raise ValidationError({"code": _("A unit with this code already exists.")})
    parent = OrgUnit.objects.select_for_update().get(pk=parent.pk)
    unit = OrgUnit(code=code, name=name, kind=kind)
    unit.full_clean(exclude=["path", "depth", "numchild"])
    return OrgUnit.objects.add_child(parent, instance=unit)


@transaction.atomic
def unit_update(*, actor, unit: OrgUnit, data: dict[str, Any]) -> OrgUnit:
    _unit_for_hr(actor=actor, unit_id=unit.pk)
    for field in ("code", "name", "kind"):
        if field in data:
            setattr(unit, field, data[field])
    if OrgUnit.objects.filter(code=unit.code).exclude(pk=unit.pk).exists():
        raise ValidationError({"code": _("A unit with this code already exists.")})
    unit.full_clean()
    unit.save(update_fields=["code", "name", "kind"])
    return unit


@transaction.atomic
def position_save(*, actor, data: dict[str, Any], position: Position | None = None) -> Position:
    """Create or update a position in an agency the actor is HR of (HR of the agency root)."""
    agency = data.get("agency", position.agency if position else None)
    agency_id = agency.pk if isinstance(agency, OrgUnit) else agency
    agency = _unit_for_hr(actor=actor, unit_id=agency_id)
    if not agency.is_root():
        raise ValidationError({"agency": _("Positions belong to an agency (a top-level unit).")})
    position = position or Position()
    for field in ("code", "name", "type", "level"):
        if field in data:
            setattr(position, field, data[field])
    position.agency = agency
    position.full_clean()
    position.save()
    return position


def user_for_employee(*, employee: Employee, username: str | None = None, password: str | None):
    """Create the login of an employee (username defaults to the NIP)."""
    user_model = get_user_model()
    user, _created = user_model.objects.get_or_create(username=username or employee.nip)
    if password:
        user.set_password(password)
    elif _created:
        user.set_unusable_password()
    user.email = employee.email
    user.save()
    if employee.user_id != user.pk:
        employee.user = user
        employee.save(update_fields=["user"])
    return user
