"""HTML pages of the organisation section (`/organisasi/`).

HR and leaders see their subtrees (leaders read-only); every page reads through the scoping
selectors, so a record outside the caller's scope answers 404 exactly like a missing one.
Staff without a role may only see their own record ("Profil Saya").
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.exports import csv_response, xlsx_response
from people import services
from people.filters import EmployeeFilter
from people.forms import EmployeeForm, ImportForm, unit_label
from people.importing import COLUMNS, INFORMATIONAL_COLUMNS, employee_import
from people.models import Employee, RoleAssignment
from people.selectors import (
    employees_managed_by,
    employees_visible_for,
    scope_for,
    unit_in_scope,
    units_managed_by,
)
from people.tree import unit_ancestors, unit_tree

HR_ONLY = (RoleAssignment.Role.HR,)
PAGE_SIZE = 50
SHOWN_ERRORS = 1000


def _require_role(request: HttpRequest, *roles: str) -> None:
    scope = scope_for(request.user)
    if not any(scope.has_role(role) for role in roles):
        raise PermissionDenied


def _require_manager(request: HttpRequest) -> None:
    _require_role(request, RoleAssignment.Role.HR, RoleAssignment.Role.LEADER)


def _is_hr(request: HttpRequest) -> bool:
    return scope_for(request.user).has_role(RoleAssignment.Role.HR)


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    return render(
        request,
        "people/unit_tree.html",
        {"roots": unit_tree(user=request.user), "is_hr": _is_hr(request)},
    )


def _employee_filter(request: HttpRequest) -> EmployeeFilter:
    """The scoped, filtered employees; a unit filter outside the caller's scope is a 404."""
    units = list(
        units_managed_by(user=request.user)
        .order_by("path")
        .only("pk", "code", "name", "depth", "path")
    )
    unit_id = request.GET.get("unit", "")
    if unit_id and unit_id not in {str(unit.pk) for unit in units}:
        raise Http404
    filterset = EmployeeFilter(
        request.GET or None, queryset=employees_visible_for(user=request.user)
    )
    filterset.form.fields["unit"].widget = forms.Select(
        choices=[("", _("All units")), *((unit.pk, unit_label(unit)) for unit in units)]
    )
    return filterset


@login_required
def employee_list(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    filterset = _employee_filter(request)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "people/employee_list.html",
        {
            "filter": filterset,
            "page_obj": page,
            "is_hr": _is_hr(request),
            "query": request.GET.urlencode(),
        },
    )


EXPORT_HEADER = (*COLUMNS, *INFORMATIONAL_COLUMNS)


def _export_row(employee: Employee) -> list:
    position = employee.position
    return [
        employee.nip,
        employee.name,
        employee.title_prefix,
        employee.title_suffix,
        employee.employment_type,
        employee.golongan,
        employee.unit.code,
        position.code if position else "",
        employee.email,
        "ya" if employee.is_active else "tidak",
        employee.unit.name,
        position.name if position else "",
    ]


@login_required
def employee_export(request: HttpRequest) -> HttpResponse:
    """The filtered list in the import's column layout, so an export can be re-imported."""
    _require_manager(request)
    employees = _employee_filter(request).qs.iterator(chunk_size=2000)
    rows = (_export_row(employee) for employee in employees)
    stamp = timezone.localdate().isoformat()
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            filename=f"pegawai-{stamp}.xlsx", header=EXPORT_HEADER, rows=rows, sheet_title="Pegawai"
        )
    return csv_response(filename=f"pegawai-{stamp}.csv", header=EXPORT_HEADER, rows=rows)


@login_required
def employee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employee = get_object_or_404(employees_visible_for(user=request.user), pk=pk)
    scope = scope_for(request.user)
    managed = scope.paths()
    crumbs = [
        (unit, scope.is_admin or any(unit.path.startswith(p) for p in managed))
        for unit in unit_ancestors(employee.unit)
    ]
    can_edit = unit_in_scope(user=request.user, unit=employee.unit, roles=HR_ONLY)
    return render(
        request,
        "people/employee_detail.html",
        {
            "employee": employee,
            "crumbs": crumbs,
            "can_edit": can_edit,
            "is_self": scope.employee is not None and scope.employee.pk == employee.pk,
        },
    )


@login_required
def my_profile(request: HttpRequest) -> HttpResponse:
    employee = scope_for(request.user).employee
    if employee is None:
        raise Http404
    return redirect("people:employee_detail", pk=employee.pk)


@login_required
@require_http_methods(["GET", "POST"])
def employee_create(request: HttpRequest) -> HttpResponse:
    _require_role(request, RoleAssignment.Role.HR)
    form = EmployeeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            employee = services.employee_create(actor=request.user, data=form.service_data())
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Employee saved."))
            return redirect("people:employee_detail", pk=employee.pk)
    return render(request, "people/employee_form.html", {"form": form, "employee": None})


@login_required
@require_http_methods(["GET", "POST"])
def employee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_role(request, RoleAssignment.Role.HR)
    employee = get_object_or_404(employees_managed_by(user=request.user, roles=HR_ONLY), pk=pk)
    form = EmployeeForm(
        request.POST or None, user=request.user, initial=EmployeeForm.initial_for(employee)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.employee_update(
                actor=request.user, employee=employee, data=form.service_data()
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            messages.success(request, _("Employee saved."))
            return redirect("people:employee_detail", pk=employee.pk)
    return render(request, "people/employee_form.html", {"form": form, "employee": employee})


@login_required
@require_http_methods(["GET", "POST"])
def employee_import_page(request: HttpRequest) -> HttpResponse:
    _require_role(request, RoleAssignment.Role.HR)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = employee_import(
            actor=request.user,
            file=upload,
            filename=upload.name,
            dry_run=form.cleaned_data["dry_run"],
            create_logins=form.cleaned_data["create_logins"],
        )
    errors = result.errors[:SHOWN_ERRORS] if result else []
    hidden = len(result.errors) - len(errors) if result else 0
    return render(
        request,
        "people/import.html",
        {
            "form": form,
            "result": result,
            "errors": errors,
            "hidden_errors": hidden,
            "columns": COLUMNS,
        },
        status=400 if result and result.errors else 200,
    )
