"""Menu links of the organisation section, by role (see core.registry)."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import NavItem
from people.models import RoleAssignment
from people.selectors import scope_for


def navigation(request: HttpRequest) -> list[NavItem]:
    scope = scope_for(request.user)
    items = []
    if scope.employee is not None:
        items.append(NavItem(_("My profile"), reverse("people:my_profile"), order=10))
    if scope.has_role(RoleAssignment.Role.HR) or scope.has_role(RoleAssignment.Role.LEADER):
        items.append(NavItem(_("Organisation"), reverse("people:units"), order=20))
    if scope.has_role(RoleAssignment.Role.HR):
        items.append(NavItem(_("Import employees"), reverse("people:import"), order=21))
    return items
