from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from certificates import badges
from certificates.api.serializers import (
    CertificateSerializer,
    ReasonSerializer,
    VerificationSerializer,
)
from certificates.downloads import stored_pdf_response
from certificates.models import Certificate, VerificationLog
from certificates.public import client_ip, verification_record
from certificates.selectors import (
    certificate_by_code,
    certificates_published,
    certificates_visible_for,
)
from certificates.services import (
    certificate_reissue,
    certificate_revoke,
    verification_log,
)


class CertificateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Own certificates for a pegawai; the subtree for HR and leaders."""

    serializer_class = CertificateSerializer
    filterset_fields = ["status", "kind", "recipient"]
    ordering_fields = ["issued_at", "serial"]

    def get_queryset(self):
        return certificates_visible_for(user=self.request.user)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request: Request, pk: str | None = None):
        return stored_pdf_response(request, self.get_object())

    @extend_schema(request=ReasonSerializer, responses=CertificateSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        target = self.get_object()  # out of scope answers 404 before any validation
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        certificate = certificate_revoke(
            certificate=target, actor=request.user, reason=data.validated_data["reason"]
        )
        return Response(self.get_serializer(certificate).data)

    @extend_schema(request=ReasonSerializer, responses={201: CertificateSerializer})
    @action(detail=True, methods=["post"])
    def reissue(self, request: Request, pk: str | None = None) -> Response:
        target = self.get_object()  # out of scope answers 404 before any validation
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        certificate = certificate_reissue(
            certificate=target, actor=request.user, reason=data.validated_data["reason"]
        )
        certificate = self.get_queryset().get(pk=certificate.pk)
        return Response(self.get_serializer(certificate).data, status=status.HTTP_201_CREATED)


class BadgeAssertionView(APIView):
    """Open Badges 2.0 hosted assertion (public); 410 Gone once revoked."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "verify"

    @extend_schema(responses={200: OpenApiTypes.OBJECT, 410: OpenApiTypes.OBJECT})
    def get(self, request: Request, pk: int) -> Response:
        certificate = get_object_or_404(certificates_published().select_related("recipient"), pk=pk)
        if certificate.status == Certificate.Status.REVOKED:
            return Response(
                {"revoked": True, "revocationReason": certificate.revoked_reason},
                status=status.HTTP_410_GONE,
            )
        return Response(badges.assertion(certificate))


class BadgeClassView(APIView):
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "verify"

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, pk: int) -> Response:
        return Response(badges.badge_class(get_object_or_404(certificates_published(), pk=pk)))


class BadgeIssuerView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        return Response(badges.issuer_profile())


class VerifyView(APIView):
    """Public verification by code: status, name, title, date, JP, serial; logged."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "verify"

    @extend_schema(responses=VerificationSerializer)
    def get(self, request: Request, code: str) -> Response:
        certificate = certificate_by_code(code)
        if certificate is None:
            raise Http404
        verification_log(
            certificate=certificate, channel=VerificationLog.Channel.API, ip=client_ip(request)
        )
        return Response(VerificationSerializer(verification_record(certificate)).data)
