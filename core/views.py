from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.registry import dashboard_panels_for


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The home page: each app contributes the panels that fit the caller's roles."""
    return render(request, "dashboard.html", {"panels": dashboard_panels_for(request)})
