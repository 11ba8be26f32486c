"""HTML pages of the competency section: thin, scoped through the selectors."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from competencies import charts, selectors, services
from competencies.forms import (
    AssessmentForm,
    LearningHoursFilterForm,
    LearningRecordForm,
    ReportFilterForm,
    RequirementFormSet,
)
from competencies.models import PositionRequirement
from people.models import RoleAssignment
from people.selectors import employees_visible_for, positions_visible_for, scope_for

PAGE_SIZE = 50


def _radar(profile: selectors.Profile) -> str:
    return charts.radar_svg(
        labels=[row.competency.code for row in profile.rows],
        required=[row.required for row in profile.rows],
        current=[row.current for row in profile.rows],
        title=_("Required and current level per competency"),
        legend_required=_("Required"),
        legend_current=_("Current"),
    )


def _profile_page(request: HttpRequest, employee, *, own: bool) -> HttpResponse:
    profile = selectors.employee_profile(employee=employee)
    scope = scope_for(request.user)
    can_rate = own or (scope.employee is None or scope.employee.pk != employee.pk)
    context = {
        "profile": profile,
        "radar": _radar(profile),
        "own": own,
        "can_rate": can_rate,
        "history": selectors.assessment_history(employee=employee)[:50],
        "expected_jp": selectors.prorated_expectation(year=profile.jp_year),
    }
    return render(request, "competencies/profile.html", context)


@login_required
def my_profile(request: HttpRequest) -> HttpResponse:
    employee = scope_for(request.user).employee
    if employee is None:
        raise Http404
    return _profile_page(request, employee, own=True)


@login_required
def employee_profile(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_object_or_404(employees_visible_for(user=request.user), pk=pk)
    own = scope_for(request.user).employee == employee
    return _profile_page(request, employee, own=own)


@login_required
def assessment_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Rate an employee in scope, or oneself (always a self-assessment)."""
    employee = get_object_or_404(employees_visible_for(user=request.user), pk=pk)
    own = scope_for(request.user).employee == employee
    form = AssessmentForm(
        request.POST or None,
        request.FILES or None,
        self_assessment=own,
        initial={"competency": request.GET.get("competency")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_create(
                actor=request.user, employee_id=employee.pk, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The assessment was saved."))
            target = "competencies:my-profile" if own else "competencies:employee-profile"
            return redirect(reverse(target) if own else reverse(target, args=[employee.pk]))
    return render(
        request,
        "competencies/assessment_form.html",
        {"form": form, "employee": employee, "own": own},
    )


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def team(request: HttpRequest) -> HttpResponse:
    selectors.require_report_access(request.user)
    page = Paginator(selectors.team_summary(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for member in page:
        member.jpm = selectors.jpm_from_sums(
            total_current=member.sum_current, total_required=member.sum_required
        )
        member.jpm_category = selectors.jpm_category(member.jpm)
        member.not_assessed = member.n_required - member.n_assessed
    return render(request, "competencies/team.html", {"page_obj": page})


def _export_query(request: HttpRequest, fmt: str) -> str:
    query = request.GET.copy()
    query["format"] = fmt
    query.pop("page", None)
    return query.urlencode()


@login_required
def gap_report(request: HttpRequest) -> HttpResponse:
    selectors.require_report_access(request.user)
    form = ReportFilterForm(request.GET or None, user=request.user)
    del form.fields["status"]  # status narrows the drill-down, not the aggregate
    rows = []
    if form.is_bound and not form.is_valid():
        if "unit" in form.errors:
            raise Http404
    else:
        filters = form.report_filters() if form.is_bound else selectors.ReportFilters()
        rows = selectors.gap_report(user=request.user, filters=filters)
    bars = _competency_bars(rows)
    chart = charts.bar_svg(bars=bars, title=_("% meeting the standard per competency"))
    return render(
        request,
        "competencies/gap_report.html",
        {
            "form": form,
            "rows": rows,
            "chart": chart,
            "query": request.GET.urlencode(),
            "csv_query": _export_query(request, "csv"),
            "xlsx_query": _export_query(request, "xlsx"),
        },
    )


def _competency_bars(rows: list[selectors.GapRow]) -> list[tuple[str, float | None]]:
    """% of the assessed meeting the standard, per competency across the rows."""
    totals: dict[str, list[int]] = {}
    for row in rows:
        key = f"{row.competency.code} {row.competency.name}"
        total = totals.setdefault(key, [0, 0])
        total[0] += row.meeting
        total[1] += row.assessed
    return [
        (key, (meeting * 100 / assessed) if assessed else None)
        for key, (meeting, assessed) in totals.items()
    ]


@login_required
def gap_drilldown(request: HttpRequest) -> HttpResponse:
    selectors.require_report_access(request.user)
    form = ReportFilterForm(request.GET, user=request.user)
    if not form.is_valid():
        raise Http404
    queryset = selectors.gap_drilldown(
        user=request.user,
        filters=form.report_filters(),
        status=form.cleaned_data.get("status") or "",
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        row.gap = None if row.current is None else row.current - row.required
        row.status = selectors.level_status(required=row.required, current=row.current)
    return render(
        request,
        "competencies/gap_drilldown.html",
        {
            "form": form,
            "page_obj": page,
            "csv_query": _export_query(request, "csv"),
            "xlsx_query": _export_query(request, "xlsx"),
        },
    )


@login_required
def learning_hours(request: HttpRequest) -> HttpResponse:
    selectors.require_report_access(request.user)
    form = LearningHoursFilterForm(
        request.GET or None, user=request.user, initial={"year": timezone.localdate().year}
    )
    if form.is_bound and not form.is_valid() and "unit" in form.errors:
        raise Http404
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    year = data.get("year") or timezone.localdate().year
    queryset = selectors.learning_hours(
        user=request.user,
        year=year,
        below_minimum=data.get("below_minimum", False),
        unit=data.get("unit"),
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    expected = selectors.prorated_expectation(year=year)
    for row in page:
        row.behind = row.jp < expected
        row.below = row.jp < settings.JP_ANNUAL_MINIMUM
    return render(
        request,
        "competencies/learning_hours.html",
        {
            "form": form,
            "page_obj": page,
            "year": year,
            "expected": expected,
            "minimum": settings.JP_ANNUAL_MINIMUM,
            "can_record": scope_for(request.user).has_role(RoleAssignment.Role.HR),
            "csv_query": _export_query(request, "csv"),
            "xlsx_query": _export_query(request, "xlsx"),
        },
    )


@login_required
def learning_record_new(request: HttpRequest) -> HttpResponse:
    if not scope_for(request.user).has_role(RoleAssignment.Role.HR):
        raise PermissionDenied
    form = LearningRecordForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"employee": request.GET.get("employee")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.learning_record_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The training was recorded."))
            return redirect("competencies:learning-hours")
    return render(request, "competencies/learning_record_form.html", {"form": form})


def _hr_positions(request: HttpRequest):
    if not scope_for(request.user).has_role(RoleAssignment.Role.HR):
        raise PermissionDenied
    return positions_visible_for(user=request.user)


@login_required
def positions(request: HttpRequest) -> HttpResponse:
    page = Paginator(_hr_positions(request).order_by("agency__path", "name"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "competencies/positions.html", {"page_obj": page})


@login_required
def position_requirements(request: HttpRequest, pk: int) -> HttpResponse:
    """A position's whole profile on one page: one line per active competency."""
    position = get_object_or_404(_hr_positions(request), pk=pk)
    competencies = list(selectors.active_competencies())
    current = dict(
        PositionRequirement.objects.filter(position=position).values_list(
            "competency_id", "required_level"
        )
    )
    initial = [{"competency": c.pk, "required_level": current.get(c.pk)} for c in competencies]
    formset = RequirementFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        levels = {
            f.cleaned_data["competency"].pk: f.cleaned_data.get("required_level")
            for f in formset.forms
        }
        try:
            services.position_profile_save(actor=request.user, position=position, levels=levels)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The competency profile was saved."))
            return redirect("competencies:position-requirements", pk=position.pk)
    lines = list(zip(competencies, formset.forms, strict=False))
    return render(
        request,
        "competencies/position_requirements.html",
        {
            "position": position,
            "formset": formset,
            "lines": lines,
            "defaults": services.requirement_defaults(position),
        },
    )
