from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import NavItem
from people.models import RoleAssignment
from people.selectors import scope_for

MANAGERS = (RoleAssignment.Role.HR, RoleAssignment.Role.LEADER)


def navigation(request: HttpRequest) -> list[NavItem]:
    scope = scope_for(request.user)
    items = [
        NavItem(_("My awards"), reverse("recognition:mine"), 60),
        NavItem(_("Appreciation wall"), reverse("recognition:wall"), 61),
    ]
    if scope.employee is not None or scope.paths(MANAGERS):
        items.append(NavItem(_("Give appreciation"), reverse("recognition:give"), 62))
    if scope.is_admin or scope.paths(MANAGERS):
        items += [
            NavItem(_("Award approvals"), reverse("recognition:inbox"), 63),
            NavItem(_("Awards overview"), reverse("recognition:overview"), 64),
            NavItem(_("Satyalancana eligibility"), reverse("recognition:eligibility"), 65),
        ]
    return items
