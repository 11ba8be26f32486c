"""What the public may see of a certificate: by construction, never the NIP, the birth date
or anything else of the employee record; only fields of the printed snapshot."""

from typing import Any

from django.urls import reverse

from certificates import conf
from certificates.models import Certificate
from certificates.selectors import certificate_current_version


def verification_record(certificate: Certificate) -> dict[str, Any]:
    snapshot = certificate.snapshot
    record: dict[str, Any] = {
        "status": certificate.status,
        "status_display": certificate.get_status_display(),
        "kind": certificate.kind,
        "kind_display": certificate.get_kind_display(),
        "name": snapshot.get("recipient_name", ""),
        "title": snapshot.get("title", ""),
        "issued_on": snapshot.get("issued_on"),
        "jp": snapshot.get("jp"),
        "serial": certificate.serial,
        "version": certificate.version,
        "agency": snapshot.get("agency_name", ""),
        "revoked_on": certificate.revoked_at.date().isoformat() if certificate.revoked_at else None,
        "current": None,
    }
    if certificate.status == Certificate.Status.SUPERSEDED:
        current = certificate_current_version(certificate)
        if current.pk != certificate.pk:
            path = reverse("certificates:verify", args=[current.verification_code])
            record["current"] = {
                "serial": current.serial,
                "status": current.status,
                "verification_code": current.verification_code,
                "url": f"{conf.site_url()}{path}",
            }
    return record


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")
