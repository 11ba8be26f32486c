from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from training import selectors, services
from training.api.serializers import (
    AnswersSerializer,
    AssignmentResultSerializer,
    AssignSerializer,
    EnrollmentSerializer,
    ModuleSerializer,
    SubmitSerializer,
    attempt_payload,
)
from training.filters import EnrollmentFilter, ModuleFilter
from training.models import Attempt, Lesson


def _attempt_response(attempt, code: int = 200, items=None) -> Response:
    if items is None:
        items = selectors.attempt_items(attempt)
    return Response(attempt_payload(attempt, items), status=code)


class ModuleViewSet(viewsets.ReadOnlyModelViewSet):
    """The catalogue: published modules (authors also see drafts and the archive)."""

    serializer_class = ModuleSerializer
    filterset_class = ModuleFilter
    ordering_fields = ["title", "jp", "code"]
    ordering = ["title", "id"]

    def get_queryset(self):
        return selectors.modules_visible_for(user=self.request.user)

    @extend_schema(request=None, responses={201: EnrollmentSerializer, 200: EnrollmentSerializer})
    @action(detail=True, methods=["post"])
    def enroll(self, request: Request, pk=None) -> Response:
        enrollment, created = services.enrollment_create(
            actor=request.user, module=self.get_object()
        )
        enrollment = selectors.enrollments_visible_for(user=request.user).get(pk=enrollment.pk)
        return Response(EnrollmentSerializer(enrollment).data, status=201 if created else 200)

    @extend_schema(request=None, responses={201: OpenApiTypes.OBJECT, 200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def attempts(self, request: Request, pk=None) -> Response:
        attempt, created = services.attempt_start(actor=request.user, module=self.get_object())
        return _attempt_response(attempt, status.HTTP_201_CREATED if created else 200)


class EnrollmentViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Own enrolments; HR and leaders also see those in their subtrees and assign (POST)."""

    serializer_class = EnrollmentSerializer
    filterset_class = EnrollmentFilter
    ordering_fields = ["created_at", "due_date", "status"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return selectors.enrollments_visible_for(user=self.request.user)

    @extend_schema(request=AssignSerializer, responses={201: AssignmentResultSerializer})
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = AssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        module = (
            selectors.modules_visible_for(user=request.user).filter(pk=values["module"]).first()
        )
        if module is None:
            raise ValidationError({"module": _("Module not found.")})
        assignment = services.assignment_create(
            actor=request.user,
            module=module,
            employee_ids=values["employees"],
            unit=values["unit"],
            due_date=values["due_date"],
        )
        return Response(AssignmentResultSerializer(assignment).data, status=201)

    @extend_schema(request=None, responses=EnrollmentSerializer)
    @action(detail=True, methods=["post"], url_path=r"lessons/(?P<lesson_id>\d+)/read")
    def read_lesson(self, request: Request, pk=None, lesson_id=None) -> Response:
        enrollment = get_object_or_404(selectors.own_enrollments(user=request.user), pk=pk)
        lesson = get_object_or_404(Lesson, pk=lesson_id, module=enrollment.module)
        services.lesson_mark_read(enrollment=enrollment, lesson=lesson)
        return Response(EnrollmentSerializer(self.get_queryset().get(pk=pk)).data)


class AttemptViewSet(viewsets.GenericViewSet):
    """The learner's own attempts; anyone else's answers 404.

    Saving and submitting find the attempt in the service's lock statement, scoped to
    the caller: the hot path of a quiz costs no separate scope queries."""

    lookup_value_regex = r"\d+"

    def _validated(self, serializer_class, request: Request):
        """The body, validated; for someone else's attempt 404 comes first, as for every
        attempt route (the lookup costs a query only on this error path)."""
        data = serializer_class(data=request.data)
        if not data.is_valid():
            self.get_object()
            raise DRFValidationError(data.errors)
        return data

    def get_queryset(self):
        return selectors.attempts_visible_for(user=self.request.user)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def retrieve(self, request: Request, pk=None) -> Response:
        attempt = services.attempt_refresh(attempt=self.get_object())
        return _attempt_response(attempt)

    @extend_schema(request=AnswersSerializer, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["put"])
    def answers(self, request: Request, pk=None) -> Response:
        data = self._validated(AnswersSerializer, request)
        try:
            attempt, items = services.attempt_save_answers(
                attempt_id=int(pk), learner=request.user, answers=data.validated_data["answers"]
            )
        except Attempt.DoesNotExist as missing:
            raise NotFound from missing
        return _attempt_response(attempt, items=items)

    @extend_schema(request=SubmitSerializer, responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk=None) -> Response:
        data = self._validated(SubmitSerializer, request)
        try:
            attempt, items = services.attempt_submit(
                attempt_id=int(pk),
                learner=request.user,
                actor=request.user,
                answers=data.validated_data.get("answers"),
            )
        except Attempt.DoesNotExist as missing:
            raise NotFound from missing
        return _attempt_response(attempt, items=items)
