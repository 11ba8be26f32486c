"""Login throttling responses (django-axes)."""

from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_message() -> str:
    return _(
        "Too many failed login attempts for this username. "
        "Try again in 15 minutes or ask HR to unlock the account."
    )


def lockout_response(request: HttpRequest, credentials: dict | None = None, *args, **kwargs):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": lockout_message()}, status=429)
    return render(
        request, "registration/locked_out.html", {"message": lockout_message()}, status=429
    )
