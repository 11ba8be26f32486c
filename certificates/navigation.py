from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from certificates.selectors import can_manage_certificates
from core.registry import NavItem
from people.selectors import scope_for


def navigation(request: HttpRequest) -> list[NavItem]:
    items = []
    if scope_for(request.user).employee is not None:
        items.append(NavItem(_("My certificates"), reverse("certificates:mine"), 40))
    if can_manage_certificates(request.user):
        items.append(NavItem(_("Manage certificates"), reverse("certificates:manage"), 70))
        items.append(NavItem(_("Bulk issuance"), reverse("certificates:bulk"), 71))
    return items
