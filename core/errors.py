"""Project-wide error pages: the API answers in JSON even when no route matched."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework.exceptions import NotFound


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """`handler404`: a path under /api/ that matches no route (say `/certificates/-5/`, whose
    pattern takes digits only) gets the API's `{"detail": ...}`, not the HTML page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return defaults.page_not_found(request, exception)
