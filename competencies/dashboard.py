"""Dashboard cards: own profile for everyone with an employee record; the unit report and
the JP summary for leaders and HR (computed by the same scoped selectors as the reports)."""

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from competencies import selectors
from core.registry import Panel
from people.selectors import scope_for


def panels(request: HttpRequest) -> list[Panel]:
    user = request.user
    if not user.is_authenticated:
        return []
    found = []
    employee = scope_for(user).employee
    if employee is not None:
        profile = selectors.employee_profile(employee=employee)
        found.append(Panel("competencies/panels/my_profile.html", {"profile": profile}, 20))
    if selectors.can_read_reports(user):
        rows = selectors.gap_report(user=user, filters=selectors.ReportFilters())
        worst = sorted((r for r in rows if r.below), key=lambda r: -r.below)[:5]
        year = timezone.localdate().year
        below = selectors.learning_hours(user=user, year=year, below_minimum=True).count()
        found.append(
            Panel(
                "competencies/panels/unit_report.html",
                {
                    "worst": worst,
                    "employees_below_jp": below,
                    "year": year,
                    "minimum": settings.JP_ANNUAL_MINIMUM,
                    "assessed": sum(r.assessed for r in rows),
                    "required": sum(r.employees for r in rows),
                },
                30,
            )
        )
    return found
