"""Dashboard panels of the people app (see core.registry): own profile, HR counts, team."""

from django.http import HttpRequest

from core.registry import Panel
from people.models import RoleAssignment
from people.selectors import employees_managed_by, scope_for, units_managed_by

Role = RoleAssignment.Role


def panels(request: HttpRequest) -> list[Panel]:
    scope = scope_for(request.user)
    found = []
    if scope.employee is not None:
        found.append(Panel("people/panels/profile.html", {"employee": scope.employee}, order=10))
    if scope.has_role(Role.HR):
        hr_only = (Role.HR,)
        found.append(
            Panel(
                "people/panels/hr.html",
                {
                    "employees": employees_managed_by(user=request.user, roles=hr_only)
                    .filter(is_active=True)
                    .count(),
                    "units": units_managed_by(user=request.user, roles=hr_only).count(),
                },
                order=20,
            )
        )
    if scope.paths_by_role.get(Role.LEADER):
        team = employees_managed_by(user=request.user, roles=(Role.LEADER,)).filter(is_active=True)
        if scope.employee is not None:
            team = team.exclude(pk=scope.employee.pk)
        found.append(Panel("people/panels/leader.html", {"team": team.count()}, order=30))
    return found
