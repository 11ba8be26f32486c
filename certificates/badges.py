"""Open Badges 2.0 hosted assertions. The recipient is identified by a salted SHA-256 of
their e-mail address only; no NIP, no verification code (which would reveal the name)."""

import hashlib
import hmac
from typing import Any

from django.conf import settings

from certificates import conf
from certificates.models import Certificate

CONTEXT = "https://w3id.org/openbadges/v2"


def _api(path: str) -> str:
    return f"{conf.site_url()}/api/v1/{path}"


def issuer_profile() -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": _api("badges/issuer/"),
        "name": conf.agency_name(),
        "url": conf.site_url(),
    }


def badge_class(certificate: Certificate) -> dict[str, Any]:
    snapshot = certificate.snapshot
    description = snapshot.get("citation") or snapshot.get("title", "")
    if snapshot.get("jp"):
        description = f"{description} ({snapshot['jp']} JP)"
    return {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": _api(f"certificates/{certificate.pk}/badge/class/"),
        "name": snapshot.get("title", ""),
        "description": description,
        "image": f"{conf.site_url()}/static/certificates/emblem.svg",
        "criteria": {"narrative": description},
        "issuer": _api("badges/issuer/"),
        "tags": list(snapshot.get("competencies") or []),
    }


def assertion(certificate: Certificate) -> dict[str, Any]:
    email = (certificate.recipient.email or "").strip().lower()
    salt = hmac.new(
        settings.SECRET_KEY.encode(), f"badge:{certificate.pk}".encode(), hashlib.sha256
    ).hexdigest()[:16]
    identity = hashlib.sha256(f"{email}{salt}".encode()).hexdigest()
    return {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": _api(f"certificates/{certificate.pk}/badge/"),
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": salt,
            "identity": f"sha256${identity}",
        },
        "badge": badge_class(certificate),
        "verification": {"type": "hosted"},
        "issuedOn": certificate.issued_at.isoformat(),
    }
