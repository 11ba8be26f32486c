"""Read queries and scoping. Every list, detail, report and export of a resource goes
through its `<entity>_visible_for(*, user)`; a record outside it answers 404."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Length, Substr

from people.models import Employee, OrgUnit, Position, RoleAssignment

Role = RoleAssignment.Role
MANAGING_ROLES = (Role.HR, Role.LEADER)


@dataclass(frozen=True)
class Scope:
    """What a user holds, read once per request (cached on the user object)."""

    is_admin: bool
    paths_by_role: dict[str, tuple[str, ...]]
    employee: Employee | None

    def paths(self, roles: tuple[str, ...] = MANAGING_ROLES) -> tuple[str, ...]:
        """Unit paths whose subtrees the user manages in any of `roles`, deduplicated."""
        found = sorted({p for role in roles for p in self.paths_by_role.get(role, ())})
        return tuple(p for p in found if not any(p != q and p.startswith(q) for q in found))

    def has_role(self, role: str) -> bool:
        return self.is_admin or bool(self.paths_by_role.get(role))

    def agency_paths(self) -> tuple[str, ...]:
        steplen = OrgUnit.steplen
        related = [p for paths in self.paths_by_role.values() for p in paths]
        if self.employee is not None:
            related.append(self.employee.unit.path)
        return tuple(sorted({p[:steplen] for p in related}))


def scope_for(user: AbstractBaseUser | AnonymousUser) -> Scope:
    cached = getattr(user, "_asn_scope", None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        return Scope(is_admin=False, paths_by_role={}, employee=None)
    paths: dict[str, list[str]] = {}
    for role, path in RoleAssignment.objects.filter(user=user).values_list("role", "unit__path"):
        paths.setdefault(role, []).append(path)
    employee = Employee.objects.select_related("unit", "position").filter(user=user).first()
    scope = Scope(
        is_admin=user.is_superuser or Role.ADMIN in paths,
        paths_by_role={role: tuple(p) for role, p in paths.items()},
        employee=employee,
    )
    user._asn_scope = scope
    return scope


def subtree_q(paths: tuple[str, ...], field: str = "path") -> Q:
    """Q matching rows whose `field` lies in any of the subtrees; matches nothing if none."""
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": path}) for path in paths))


def unit_in_scope(*, user, unit: OrgUnit, roles: tuple[str, ...] = MANAGING_ROLES) -> bool:
    scope = scope_for(user)
    return scope.is_admin or any(unit.path.startswith(p) for p in scope.paths(roles))


def employees_visible_for(*, user, roles: tuple[str, ...] = MANAGING_ROLES) -> QuerySet[Employee]:
    """Own record plus everyone in the subtrees the user manages in `roles`."""
    queryset = Employee.objects.select_related("unit", "position", "user")
    scope = scope_for(user)
    if scope.is_admin:
        return queryset
    own = Q(pk=scope.employee.pk) if scope.employee else Q(pk__in=[])
    return queryset.filter(own | subtree_q(scope.paths(roles), "unit__path"))


def employees_managed_by(*, user, roles: tuple[str, ...] = MANAGING_ROLES) -> QuerySet[Employee]:
    """Employees in the user's managed subtrees (not their own record unless inside)."""
    queryset = Employee.objects.select_related("unit", "position", "user")
    scope = scope_for(user)
    if scope.is_admin:
        return queryset
    return queryset.filter(subtree_q(scope.paths(roles), "unit__path"))


def units_visible_for(*, user, roles: tuple[str, ...] = MANAGING_ROLES) -> QuerySet[OrgUnit]:
    """Managed subtrees plus the user's own unit."""
    scope = scope_for(user)
    if scope.is_admin:
        return OrgUnit.objects.all()
    own = Q(pk=scope.employee.unit_id) if scope.employee else Q(pk__in=[])
    return OrgUnit.objects.filter(own | subtree_q(scope.paths(roles)))


def units_managed_by(*, user, roles: tuple[str, ...] = MANAGING_ROLES) -> QuerySet[OrgUnit]:
    scope = scope_for(user)
    if scope.is_admin:
        return OrgUnit.objects.all()
    return OrgUnit.objects.filter(subtree_q(scope.paths(roles)))


def positions_visible_for(*, user) -> QuerySet[Position]:
    """The position catalogue of every agency the user belongs to or works for."""
    queryset = Position.objects.select_related("agency")
    scope = scope_for(user)
    if scope.is_admin:
        return queryset
    return queryset.filter(agency__path__in=scope.agency_paths())


def with_parent_id(queryset: QuerySet[OrgUnit]) -> QuerySet[OrgUnit]:
    """Annotate `parent_id` in the same query (a materialised path has no parent column)."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - OrgUnit.steplen)
    parents = OrgUnit.objects.filter(path=parent_path).values("pk")[:1]
    return queryset.annotate(parent_id=Subquery(parents))
