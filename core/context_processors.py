from django.conf import settings
from django.http import HttpRequest

from core.registry import navigation_for


def site(request: HttpRequest) -> dict:
    return {
        "AGENCY_NAME": settings.AGENCY_NAME,
        "nav_items": navigation_for(request) if request.user.is_authenticated else [],
    }
