from django.http import HttpRequest
from django.utils.translation import gettext as _

from core.registry import Panel
from training.models import Enrollment
from training.selectors import can_assign, overdue_in_scope, own_enrollments


def panels(request: HttpRequest) -> list[Panel]:
    """Pegawai: trainings with a due date not yet completed. HR/leader: overdue in scope."""
    result = []
    due = list(
        own_enrollments(user=request.user)
        .exclude(status=Enrollment.Status.COMPLETED)
        .filter(due_date__isnull=False)
        .order_by("due_date")[:5]
    )
    if due:
        result.append(
            Panel("training/panels/my_due.html", {"title": _("My due trainings"), "items": due}, 20)
        )
    if can_assign(request.user):
        overdue = overdue_in_scope(user=request.user)
        result.append(
            Panel(
                "training/panels/overdue.html",
                {
                    "title": _("Overdue trainings in my units"),
                    "count": overdue.count(),
                    "items": list(overdue[:5]),
                },
                21,
            )
        )
    return result
