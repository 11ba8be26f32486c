"""Thin API views: parse, check access through the selectors, call a service, serialise."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, renderers, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from competencies import reports, selectors, services
from competencies.api import serializers as s
from competencies.forms import LearningHoursFilterForm, ReportFilterForm
from competencies.models import Competency
from core.api.pagination import PageNumberPagination
from people.models import RoleAssignment
from people.selectors import (
    employees_managed_by,
    employees_visible_for,
    positions_visible_for,
    scope_for,
)


class IsAdminOrReadOnly(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or scope_for(request.user).is_admin


class CompetencyViewSet(viewsets.ModelViewSet):
    """The dictionary with its levels: everyone logged in reads, admin writes."""

    serializer_class = s.CompetencySerializer
    permission_classes = [IsAdminOrReadOnly]
    filterset_fields = ["kind", "is_active", "code"]
    ordering = ["order", "code"]

    def get_queryset(self):
        return Competency.objects.prefetch_related("levels").order_by("order", "code")

    def perform_create(self, serializer) -> None:
        data = dict(serializer.validated_data)
        levels = data.pop("levels", None)
        serializer.instance = services.competency_save(data=data, levels=levels)

    def perform_update(self, serializer) -> None:
        data = dict(serializer.validated_data)
        levels = data.pop("levels", None)
        serializer.instance = services.competency_save(
            data=data, levels=levels, competency=serializer.instance
        )

    def perform_destroy(self, instance) -> None:
        raise ValidationError({"detail": _("Deactivate a competency instead of deleting it.")})


class PositionRequirementViewSet(viewsets.ModelViewSet):
    """Requirements of the positions in the caller's agencies; writes are for HR."""

    serializer_class = s.PositionRequirementSerializer
    filterset_fields = ["position", "competency"]
    ordering = ["position", "competency__order"]

    def get_queryset(self):
        return selectors.requirements_visible_for(user=self.request.user)

    def _position(self, position_id) -> "object":
        position = positions_visible_for(user=self.request.user).filter(pk=position_id).first()
        if position is None:
            raise ValidationError({"position": [_("Position not found.")]})
        return position

    def check_hr(self) -> None:
        if not scope_for(self.request.user).has_role(RoleAssignment.Role.HR):
            raise PermissionDenied(_("Only HR can change position requirements."))

    def perform_create(self, serializer) -> None:
        self.check_hr()
        data = serializer.validated_data
        serializer.instance = services.requirement_save(
            actor=self.request.user,
            position=data["position"],
            competency=data["competency"],
            required_level=data["required_level"],
        )

    def perform_update(self, serializer) -> None:
        self.check_hr()
        data = serializer.validated_data
        serializer.instance = services.requirement_save(
            actor=self.request.user,
            requirement=serializer.instance,
            position=data.get("position", serializer.instance.position),
            competency=data.get("competency", serializer.instance.competency),
            required_level=data.get("required_level", serializer.instance.required_level),
        )

    def perform_destroy(self, instance) -> None:
        self.check_hr()
        services.position_profile_save(
            actor=self.request.user,
            position=instance.position,
            levels={instance.competency_id: None},
        )

    @extend_schema(
        request=s.PositionProfileSerializer, responses=s.PositionRequirementSerializer(many=True)
    )
    @action(detail=False, methods=["put"])
    def profile(self, request: Request) -> Response:
        """Replace a position's whole profile in one call (null drops a competency)."""
        self.check_hr()
        data = s.PositionProfileSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        position = self._position(data.validated_data["position"])
        levels = {
            item["competency"]: item["required_level"] for item in data.validated_data["levels"]
        }
        result = services.position_profile_save(
            actor=request.user, position=position, levels=levels
        )
        return Response(s.PositionRequirementSerializer(result, many=True).data)

    @extend_schema(
        request=s.PositionRefSerializer, responses=s.PositionRequirementSerializer(many=True)
    )
    @action(detail=False, methods=["post"], url_path="apply-defaults")
    def apply_defaults(self, request: Request) -> Response:
        self.check_hr()
        data = s.PositionRefSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        position = self._position(data.validated_data["position"])
        services.position_profile_save(actor=request.user, position=position, levels={})
        services.requirement_defaults_apply(position, overwrite=data.validated_data["overwrite"])
        return Response(
            s.PositionRequirementSerializer(
                self.get_queryset().filter(position=position), many=True
            ).data
        )


class AssessmentViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Ratings the caller may see; creating one follows `assessment_create`'s rules."""

    serializer_class = s.AssessmentSerializer
    filterset_fields = ["employee", "competency", "source", "is_current"]
    ordering = ["-assessed_on", "-id"]

    def get_queryset(self):
        return selectors.assessments_visible_for(user=self.request.user)

    @extend_schema(request=s.AssessmentCreateSerializer, responses={201: s.AssessmentSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = s.AssessmentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        assessment = services.assessment_create(
            actor=request.user,
            employee_id=values["employee"],
            competency=values["competency"],
            level=values["level"],
            source=values.get("source") or "",
            assessed_on=values.get("assessed_on"),
            notes=values.get("notes", ""),
            evidence=values.get("evidence"),
        )
        return Response(s.AssessmentSerializer(assessment).data, status=status.HTTP_201_CREATED)


class LearningRecordViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The JP ledger lines the caller may see; HR records external trainings."""

    serializer_class = s.LearningRecordSerializer
    filterset_fields = ["employee", "year", "kind"]
    ordering = ["-end_date", "-id"]

    def get_queryset(self):
        return selectors.learning_records_visible_for(user=self.request.user)

    @extend_schema(
        request=s.LearningRecordCreateSerializer, responses={201: s.LearningRecordSerializer}
    )
    def create(self, request: Request, *args, **kwargs) -> Response:
        if not scope_for(request.user).has_role(RoleAssignment.Role.HR):
            raise PermissionDenied(_("Only HR can record external trainings."))
        data = s.LearningRecordCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        employee = (
            employees_managed_by(user=request.user, roles=selectors.HR_ROLE)
            .filter(pk=values.pop("employee"))
            .first()
        )
        if employee is None:
            raise ValidationError({"employee": [_("Employee not found.")]})
        record = services.learning_record_create(employee=employee, actor=request.user, **values)
        return Response(s.LearningRecordSerializer(record).data, status=status.HTTP_201_CREATED)


class CompetencyProfileView(APIView):
    @extend_schema(responses=s.ProfileSerializer)
    def get(self, request: Request, pk: int) -> Response:
        employee = get_object_or_404(employees_visible_for(user=request.user), pk=pk)
        return Response(s.ProfileSerializer(selectors.employee_profile(employee=employee)).data)


class CSVRenderer(renderers.BaseRenderer):
    """Lets `?format=csv` pass DRF's content negotiation; the view builds the file."""

    media_type = "text/csv"
    format = "csv"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class XLSXRenderer(CSVRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"


EXPORT_RENDERERS = [
    renderers.JSONRenderer,
    renderers.BrowsableAPIRenderer,
    CSVRenderer,
    XLSXRenderer,
]
FORMAT_PARAM = OpenApiParameter("format", str, enum=["json", "csv", "xlsx"])


def _report_responses(name: str, rows, *, paginated: bool, **extra) -> dict:
    """The JSON envelope the report really answers (`count` + `results`, plus the page
    links when paginated) and the CSV/XLSX files `?format=` gives."""
    fields = {"count": serializers.IntegerField(), "results": rows, **extra}
    if paginated:
        fields["next"] = serializers.URLField(allow_null=True)
        fields["previous"] = serializers.URLField(allow_null=True)
    return {
        (200, "application/json"): inline_serializer(name=name, fields=fields),
        (200, CSVRenderer.media_type): OpenApiTypes.BINARY,
        (200, XLSXRenderer.media_type): OpenApiTypes.BINARY,
    }


class ReportView(APIView):
    """A report with file exports: errors stay JSON even when `?format=csv|xlsx` asked
    for a file (a 400/401/403 rendered "as XLSX" is neither a file nor readable)."""

    renderer_classes = EXPORT_RENDERERS

    def handle_exception(self, exc: Exception) -> Response:
        response = super().handle_exception(exc)
        self.request.accepted_renderer = renderers.JSONRenderer()
        self.request.accepted_media_type = renderers.JSONRenderer.media_type
        return response


def _report_form(form_class, request: Request):
    """Parse report filters; a unit outside the caller's scope is 404, like a missing one."""
    selectors.require_report_access(request.user)
    form = form_class(request.query_params, user=request.user)
    if not form.is_valid():
        if "unit" in form.errors:
            raise Http404
        raise ValidationError(form.errors)
    return form


def _export_format(request: Request) -> str | None:
    fmt = getattr(request.accepted_renderer, "format", "json")
    return fmt if fmt in ("csv", "xlsx") else None


class GapReportView(ReportView):
    """Per unit subtree × competency; `?format=csv|xlsx` exports the same rows."""

    @extend_schema(
        parameters=[FORMAT_PARAM],
        responses=_report_responses("GapReport", s.GapRowSerializer(many=True), paginated=False),
    )
    def get(self, request: Request) -> Response:
        form = _report_form(ReportFilterForm, request)
        rows = selectors.gap_report(user=request.user, filters=form.report_filters())
        fmt = _export_format(request)
        if fmt:
            return reports.gap_report_export(rows=rows, fmt=fmt)
        return Response({"count": len(rows), "results": s.GapRowSerializer(rows, many=True).data})


class GapDrilldownView(ReportView):
    @extend_schema(
        parameters=[FORMAT_PARAM],
        responses=_report_responses(
            "GapDrilldownPage", s.DrilldownSerializer(many=True), paginated=True
        ),
    )
    def get(self, request: Request) -> Response:
        form = _report_form(ReportFilterForm, request)
        queryset = selectors.gap_drilldown(
            user=request.user,
            filters=form.report_filters(),
            status=form.cleaned_data.get("status") or "",
        )
        fmt = _export_format(request)
        if fmt:
            return reports.drilldown_export(queryset=queryset, fmt=fmt)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(s.DrilldownSerializer(page, many=True).data)


class LearningHoursView(ReportView):
    @extend_schema(
        parameters=[
            FORMAT_PARAM,
            OpenApiParameter("year", int),
            OpenApiParameter("below_minimum", bool),
        ],
        responses=_report_responses(
            "LearningHoursPage",
            s.LearningHoursSerializer(many=True),
            paginated=True,
            year=serializers.IntegerField(),
            minimum=serializers.IntegerField(),
        ),
    )
    def get(self, request: Request) -> Response:
        form = _report_form(LearningHoursFilterForm, request)
        year = form.cleaned_data.get("year") or timezone.localdate().year
        queryset = selectors.learning_hours(
            user=request.user,
            year=year,
            below_minimum=form.cleaned_data["below_minimum"],
            unit=form.cleaned_data.get("unit"),
        )
        fmt = _export_format(request)
        if fmt:
            return reports.learning_hours_export(queryset=queryset, year=year, fmt=fmt)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        context = {"minimum": settings.JP_ANNUAL_MINIMUM}
        response = paginator.get_paginated_response(
            s.LearningHoursSerializer(page, many=True, context=context).data
        )
        response.data["year"] = year
        response.data["minimum"] = settings.JP_ANNUAL_MINIMUM
        return response
