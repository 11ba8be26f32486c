from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from competencies.selectors import can_read_reports
from core.registry import NavItem
from people.models import RoleAssignment
from people.selectors import scope_for


def navigation(request: HttpRequest) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated:
        return []
    scope = scope_for(user)
    items = []
    if scope.employee is not None:
        items.append(NavItem(_("My competency profile"), reverse("competencies:my-profile"), 20))
    if can_read_reports(user):
        items += [
            NavItem(_("My team's competencies"), reverse("competencies:team"), 30),
            NavItem(_("Competency gap report"), reverse("competencies:gap-report"), 31),
            NavItem(_("Learning hours (JP)"), reverse("competencies:learning-hours"), 32),
        ]
    if scope.has_role(RoleAssignment.Role.HR):
        items.append(NavItem(_("Position requirements"), reverse("competencies:positions"), 33))
    return items
