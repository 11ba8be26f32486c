"""The OpenAPI schema documents the error responses every operation can give.

drf-spectacular only documents the success response; a client (or schemathesis) then
meets undocumented 400/401/403/404 answers. This AutoSchema adds them from what the
operation is, using the one error shape `core.api.exceptions` produces: `{"detail": ...}`
or `{"field": [messages]}`.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "`detail` for a general error, otherwise field name -> messages.",
    "properties": {"detail": {}},
    "additionalProperties": {},
}


def _error(description) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ERROR_SCHEMA}}}


class AutoSchema(SpectacularAutoSchema):
    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        responses = operation.setdefault("responses", {})
        security = operation.get("security", [])
        public = {} in security
        query = {p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"}
        errors = {}
        if "requestBody" in operation or query or self.method != "GET":
            errors["400"] = _("Invalid input.")
        if any(scheme for scheme in security):
            errors["401"] = _("Missing or invalid credentials.")
        if not public:
            errors["403"] = _("Not allowed for this role.")
        if "{" in self.path or "page" in query:  # a page past the end is a 404 too
            errors["404"] = _("Not found or outside the caller's scope.")
        for code, description in errors.items():
            responses.setdefault(code, _error(description))
        return operation
