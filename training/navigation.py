from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import NavItem
from training.selectors import can_assign, is_author


def navigation(request: HttpRequest) -> list[NavItem]:
    items = [
        NavItem(_("Training catalogue"), reverse("training:catalogue"), 20),
        NavItem(_("My trainings"), reverse("training:my"), 21),
    ]
    if can_assign(request.user):
        items.append(NavItem(_("Assign training"), reverse("training:assign"), 22))
    if is_author(request.user):
        items.append(NavItem(_("Manage modules"), reverse("training:manage"), 23))
    return items
