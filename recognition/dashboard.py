from django.http import HttpRequest

from core.registry import Panel
from people.models import RoleAssignment
from people.selectors import scope_for
from recognition import selectors
from recognition.models import Notification

MANAGERS = (RoleAssignment.Role.HR, RoleAssignment.Role.LEADER)


def panels(request: HttpRequest) -> list[Panel]:
    """Unread notifications, own award count and, for deciders, the inbox size."""
    scope = scope_for(request.user)
    notifications = list(
        Notification.objects.filter(recipient=request.user, read_at__isnull=True)[:5]
    )
    granted = (
        selectors.awards_of(employee=scope.employee).filter(status="granted").count()
        if scope.employee
        else 0
    )
    pending = None
    if scope.is_admin or scope.paths(MANAGERS):
        pending = selectors.awards_to_decide_for(user=request.user).count()
    return [
        Panel(
            "recognition/panel.html",
            {"notifications": notifications, "granted": granted, "pending": pending},
            60,
        )
    ]
