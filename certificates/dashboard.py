from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import Certificate
from certificates.selectors import can_manage_certificates, certificates_managed_by
from core.registry import Panel
from people.selectors import scope_for


def panels(request: HttpRequest) -> list[Panel]:
    result = []
    employee = scope_for(request.user).employee
    if employee is not None:
        count = Certificate.objects.filter(
            recipient=employee, status=Certificate.Status.VALID
        ).count()
        result.append(
            Panel(
                "certificates/partials/panel.html",
                {
                    "title": _("My certificates"),
                    "value": count,
                    "caption": _("valid certificates"),
                    "url": reverse("certificates:mine"),
                },
                40,
            )
        )
    if can_manage_certificates(request.user):
        count = (
            certificates_managed_by(user=request.user)
            .filter(issued_at__year=timezone.now().year)
            .count()
        )
        result.append(
            Panel(
                "certificates/partials/panel.html",
                {
                    "title": _("Certificates issued this year"),
                    "value": count,
                    "caption": _("in your area"),
                    "url": reverse("certificates:manage"),
                },
                70,
            )
        )
    return result
