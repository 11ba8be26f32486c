"""HTML pages of recognition. Thin: scope through selectors, write through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.models import OrgUnit, RoleAssignment
from people.selectors import scope_for, units_managed_by
from recognition import exports, selectors, services
from recognition.filters import AwardFilter
from recognition.forms import DecisionForm, GiveAwardForm, OverviewFilterForm, RevokeForm

MANAGERS = (RoleAssignment.Role.HR, RoleAssignment.Role.LEADER)


def _require_manager(request: HttpRequest) -> None:
    scope = scope_for(request.user)
    if not (scope.is_admin or scope.paths(MANAGERS)):
        raise PermissionDenied


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def give(request: HttpRequest) -> HttpResponse:
    """ "Beri Apresiasi": nominate, and grant at once where the type lets the nominator."""
    form = GiveAwardForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                award = services.award_nominate(
                    actor=request.user,
                    award_type=data["award_type"],
                    recipient=data["recipient"],
                    citation=data["citation"],
                    evidence=data["evidence"],
                )
                if data["grant_now"]:
                    award = services.award_approve(actor=request.user, award=award)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The award was granted.")
                if data["grant_now"]
                else _("The nomination was sent for approval."),
            )
            return redirect("recognition:award-detail", pk=award.pk)
    candidates = []
    if scope_for(request.user).paths(MANAGERS) or scope_for(request.user).is_admin:
        candidates = selectors.appreciation_candidates(
            user=request.user, year=timezone.localdate().year
        )[:20]
    return render(request, "recognition/give.html", {"form": form, "candidates": candidates})


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    awards = selectors.awards_to_decide_for(user=request.user)
    page = Paginator(awards, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "recognition/inbox.html",
        {"page_obj": page, "awards": page.object_list, "form": DecisionForm()},
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    award = get_object_or_404(selectors.award_visible_for(user=request.user), pk=pk)
    form = DecisionForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    try:
        if request.POST.get("decision") == "approve":
            services.award_approve(actor=request.user, award=award, note=reason)
            messages.success(request, _("The award was granted."))
        else:
            services.award_reject(actor=request.user, award=award, reason=reason)
            messages.success(request, _("The nomination was rejected."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("recognition:inbox")


@login_required
def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visible = selectors.award_visible_for(user=request.user).prefetch_related("events__actor")
    award = get_object_or_404(visible, pk=pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.award_revoke(
                actor=request.user, award=award, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The award was revoked."))
            return redirect("recognition:award-detail", pk=award.pk)
    can_revoke = award.status == award.Status.GRANTED and services.may_revoke(
        actor=request.user, award=award
    )
    return render(
        request, "recognition/detail.html", {"award": award, "form": form, "can_revoke": can_revoke}
    )


def _default_wall_unit(request: HttpRequest) -> OrgUnit | None:
    scope = scope_for(request.user)
    if scope.employee:
        path = scope.employee.unit.path[: 2 * OrgUnit.steplen]
        return OrgUnit.objects.filter(path=path).first() or scope.employee.unit
    return units_managed_by(user=request.user).order_by("path").first()


@login_required
def wall(request: HttpRequest, unit_id: int | None = None) -> HttpResponse:
    """The unit's appreciation wall: granted awards in its subtree."""
    if unit_id is None:
        unit = _default_wall_unit(request)
        if unit is None:
            raise Http404
    else:
        unit = get_object_or_404(selectors.wall_units_for(user=request.user), pk=unit_id)
    page = Paginator(selectors.wall_awards(unit=unit), 24).get_page(request.GET.get("page"))
    return render(
        request,
        "recognition/wall.html",
        {"unit": unit, "page_obj": page, "awards": page.object_list},
    )


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """ "Penghargaan Saya": the employee's own granted (and revoked) awards."""
    employee = scope_for(request.user).employee
    awards = selectors.awards_of(employee=employee) if employee else []
    return render(request, "recognition/mine.html", {"awards": awards})


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """HR overview with filters, and the same rows as CSV or XLSX."""
    _require_manager(request)
    units = units_managed_by(user=request.user).order_by("path")
    form = OverviewFilterForm(request.GET or None, units=units)
    awards = AwardFilter(
        request.GET, queryset=selectors.award_visible_for(user=request.user)
    ).qs.order_by("-created_at", "-id")
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        return exports.awards_export(awards.iterator(), fmt=export)
    page = Paginator(awards, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "recognition/overview.html",
        {
            "form": form,
            "page_obj": page,
            "awards": page.object_list,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def eligibility(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    today = timezone.localdate()
    rows = selectors.satyalancana_eligibility(user=request.user, on=today)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "recognition/eligibility.html",
        {"page_obj": page, "rows": page.object_list, "today": today},
    )


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    services.notification_mark_read(user=request.user, notification_id=pk)
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("dashboard")
