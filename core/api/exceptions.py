"""One exception handler: Django's own errors become DRF responses.

Services raise `django.core.exceptions.ValidationError`; here it becomes a 400 with
`{"field": ["message"]}` (or `{"detail": ...}` for non-field errors), so viewsets stay thin.
"""

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        detail = as_serializer_error(exc)
        non_field = detail.pop("non_field_errors", None)
        if non_field and not detail:
            return Response({"detail": non_field[0]}, status=400)
        if non_field:
            detail["detail"] = non_field
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    return drf_exception_handler(exc, context)
