from django.contrib.auth import authenticate
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from people import selectors, services
from people.api.serializers import (
    EmployeeSerializer,
    EmployeeWriteSerializer,
    MeSerializer,
    PositionSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
    UnitSerializer,
    UnitWriteSerializer,
)
from people.auth import lockout_message
from people.filters import EmployeeFilter, PositionFilter, UnitFilter
from people.models import RoleAssignment

HR_ONLY = (RoleAssignment.Role.HR,)


class TokenView(APIView):
    """Username and password give an API token. Throttled per (username, IP) by axes."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    @extend_schema(request=TokenRequestSerializer, responses=TokenResponseSerializer)
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(request=request._request, **serializer.validated_data)
        if getattr(request._request, "axes_locked_out", False):
            return Response({"detail": lockout_message()}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        if user is None:
            raise ValidationError({"detail": _("Username or password is wrong.")})
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


class MeView(APIView):
    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        scope = selectors.scope_for(request.user)
        roles = RoleAssignment.objects.filter(user=request.user).select_related("unit")
        payload = {"user": request.user, "employee": scope.employee, "roles": roles}
        return Response(MeSerializer(payload).data)


class HrWriteMixin:
    """Create and update are for HR (or admin); others get 403 on writes."""

    def check_write_allowed(self) -> None:
        scope = selectors.scope_for(self.request.user)
        if not scope.has_role(RoleAssignment.Role.HR):
            raise PermissionDenied(_("Only HR can change the organisation."))


class UnitViewSet(
    HrWriteMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = UnitSerializer
    filterset_class = UnitFilter
    ordering_fields = ["path", "name", "code"]
    ordering = ["path"]

    def get_queryset(self):
        return selectors.with_parent_id(selectors.units_visible_for(user=self.request.user))

    @extend_schema(request=UnitWriteSerializer, responses={201: UnitSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        self.check_write_allowed()
        data = UnitWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        unit = services.unit_create(
            actor=request.user,
            parent_id=data.validated_data["parent"],
            code=data.validated_data["code"],
            name=data.validated_data["name"],
            kind=data.validated_data["kind"],
        )
        return Response(UnitSerializer(self.get_queryset().get(pk=unit.pk)).data, status=201)

    @extend_schema(request=UnitSerializer, responses=UnitSerializer)
    def update(self, request: Request, *args, **kwargs) -> Response:
        self.check_write_allowed()
        unit = self.get_object()
        data = UnitSerializer(unit, data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        services.unit_update(actor=request.user, unit=unit, data=data.validated_data)
        return Response(UnitSerializer(self.get_queryset().get(pk=unit.pk)).data)


class PositionViewSet(
    HrWriteMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = PositionSerializer
    filterset_class = PositionFilter
    search_fields = ["name", "code"]
    ordering_fields = ["name", "code", "type"]
    ordering = ["name"]

    def get_queryset(self):
        return selectors.positions_visible_for(user=self.request.user)

    def perform_create(self, serializer: PositionSerializer) -> None:
        self.check_write_allowed()
        serializer.instance = services.position_save(
            actor=self.request.user, data=serializer.validated_data
        )

    def perform_update(self, serializer: PositionSerializer) -> None:
        self.check_write_allowed()
        services.position_save(
            actor=self.request.user, data=serializer.validated_data, position=serializer.instance
        )


class EmployeeViewSet(
    HrWriteMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Employees the caller may see. Writes need HR over the employee's unit."""

    serializer_class = EmployeeSerializer
    filterset_class = EmployeeFilter
    ordering_fields = ["name", "nip", "golongan"]
    ordering = ["name", "id"]

    def get_queryset(self):
        return selectors.employees_visible_for(user=self.request.user)

    @extend_schema(request=EmployeeWriteSerializer, responses={201: EmployeeSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        self.check_write_allowed()
        data = EmployeeWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        employee = services.employee_create(actor=request.user, data=data.validated_data)
        return Response(EmployeeSerializer(employee).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EmployeeWriteSerializer, responses=EmployeeSerializer)
    def update(self, request: Request, *args, **kwargs) -> Response:
        self.check_write_allowed()
        employee = get_object_or_404(
            selectors.employees_managed_by(user=request.user, roles=HR_ONLY), pk=kwargs["pk"]
        )
        data = EmployeeWriteSerializer(data=request.data, partial=kwargs.get("partial", False))
        data.is_valid(raise_exception=True)
        employee = services.employee_update(
            actor=request.user, employee=employee, data=data.validated_data
        )
        return Response(EmployeeSerializer(employee).data)
