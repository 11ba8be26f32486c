from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from people.models import Employee, RoleAssignment
from people.selectors import scope_for, units_managed_by
from recognition import selectors, services
from recognition.api.serializers import (
    ApproveSerializer,
    AwardDetailSerializer,
    AwardReasonSerializer,
    AwardSerializer,
    AwardTypeSerializer,
    EligibilityQuerySerializer,
    EligibilitySerializer,
    NominateSerializer,
)
from recognition.filters import AwardFilter
from recognition.models import Award, AwardType

MANAGERS = (RoleAssignment.Role.HR, RoleAssignment.Role.LEADER)


class AwardTypeViewSet(viewsets.ModelViewSet):
    """Everyone signed in reads the catalogue; only admins change it."""

    serializer_class = AwardTypeSerializer
    queryset = AwardType.objects.all()
    ordering = ["order", "name"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def check_permissions(self, request: Request) -> None:
        super().check_permissions(request)
        if (
            request.method not in ("GET", "HEAD", "OPTIONS")
            and not scope_for(request.user).is_admin
        ):
            raise PermissionDenied(_("Only an admin can change award types."))


class AwardViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Awards the caller may see; nominate, and decide through the actions."""

    queryset = Award.objects.none()  # for the schema; requests use get_queryset()
    serializer_class = AwardSerializer
    filterset_class = AwardFilter
    ordering_fields = ["created_at", "decided_at", "period_start"]
    ordering = ["-created_at", "-id"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return selectors.award_visible_for(user=self.request.user)

    def get_serializer_class(self):
        return AwardDetailSerializer if self.action == "retrieve" else AwardSerializer

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        award = get_object_or_404(
            self.get_queryset().prefetch_related("events__actor"), pk=kwargs["pk"]
        )
        return Response(AwardDetailSerializer(award).data)

    @extend_schema(request=NominateSerializer, responses={201: AwardSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = NominateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        award_type = AwardType.objects.filter(pk=data.validated_data["award_type"]).first()
        recipient = (
            Employee.objects.select_related("unit")
            .filter(pk=data.validated_data["recipient"])
            .first()
        )
        if award_type is None:
            raise DjangoValidationError({"award_type": _("Unknown award type.")})
        if recipient is None:  # answered like an out-of-scope employee: nothing leaks
            raise DjangoValidationError(
                {
                    "recipient": _(
                        "You may not nominate this employee for this award type: they are outside "
                        "your scope."
                    )
                }
            )
        award = services.award_nominate(
            actor=request.user,
            award_type=award_type,
            recipient=recipient,
            citation=data.validated_data.get("citation", ""),
            evidence=data.validated_data.get("evidence"),
        )
        return Response(AwardSerializer(award).data, status=status.HTTP_201_CREATED)

    def _decide(self, request: Request, pk: str, serializer_class, service, field: str):
        award = get_object_or_404(self.get_queryset(), pk=pk)
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        award = service(
            actor=request.user, award=award, **{field: data.validated_data.get(field, "")}
        )
        return Response(AwardSerializer(self.get_queryset().get(pk=award.pk)).data)

    @extend_schema(request=ApproveSerializer, responses=AwardSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str) -> Response:
        return self._decide(request, pk, ApproveSerializer, services.award_approve, "note")

    @extend_schema(request=AwardReasonSerializer, responses=AwardSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str) -> Response:
        return self._decide(request, pk, AwardReasonSerializer, services.award_reject, "reason")

    @extend_schema(request=AwardReasonSerializer, responses=AwardSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str) -> Response:
        return self._decide(request, pk, AwardReasonSerializer, services.award_revoke, "reason")

    @extend_schema(
        parameters=[EligibilityQuerySerializer], responses=EligibilitySerializer(many=True)
    )
    @action(detail=False, methods=["get"], filterset_class=None, ordering=None)
    def eligibility(self, request: Request) -> Response:
        """Satyalancana Karya Satya: who is eligible, or becomes eligible this year."""
        scope = scope_for(request.user)
        if not (scope.is_admin or scope.paths(MANAGERS)):
            raise PermissionDenied(_("Only HR and leaders can see eligibility."))
        query = EligibilityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        unit = None
        if "unit" in query.validated_data:
            unit = get_object_or_404(
                units_managed_by(user=request.user), pk=query.validated_data["unit"]
            )
        rows = selectors.satyalancana_eligibility(
            user=request.user,
            on=query.validated_data.get("on") or timezone.localdate(),
            tier=query.validated_data.get("tier"),
            unit=unit,
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(EligibilitySerializer(page, many=True).data)
