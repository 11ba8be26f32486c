"""Settings of this app, with defaults, read in one place. Override any of them in the
Django settings (e.g. from the environment in `config/settings`)."""

from django.conf import settings

DEFAULT_PREFIXES = {"training": "SERT", "award": "PIAGAM"}


def serial_prefix(kind: str) -> str:
    return {**DEFAULT_PREFIXES, **getattr(settings, "CERTIFICATE_SERIAL_PREFIXES", {})}[kind]


def signer() -> dict[str, str]:
    """Who signs what we print: the head of the agency's HR office by default."""
    return {
        "name": getattr(settings, "CERTIFICATE_SIGNER_NAME", "Dr. Hj. Ratna Dewi, S.Sos., M.Si."),
        "position": getattr(
            settings,
            "CERTIFICATE_SIGNER_POSITION",
            "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        ),
        "place": getattr(settings, "CERTIFICATE_PLACE", "Sukamaju"),
    }


def agency_name() -> str:
    return getattr(settings, "AGENCY_NAME", "")


def site_url() -> str:
    return getattr(settings, "SITE_URL", "http://127.0.0.1:8000").rstrip("/")
