"""Every call from recognition into the certificates app lives here.

The charter (piagam) of an award is issued with `source_key = "recognition.award:<pk>"`,
which makes issuing idempotent; tests wrap these two functions with spies."""

from typing import Any

from certificates.selectors import certificate_for_source
from certificates.services import certificate_issue, certificate_revoke
from recognition.models import Award


def charter_issue(*, award: Award, actor) -> Any:
    """Issue (or fetch, if already issued) the charter (piagam) of a granted award."""
    return certificate_issue(
        recipient=award.recipient,
        kind="award",
        title=award.award_type.name,
        source_key=award.source_key,
        actor=actor,
        citation=award.citation,
        period_start=award.period_start,
    )


def charter_revoke(*, award: Award, actor, reason: str) -> Any | None:
    """Revoke the charter of a revoked award; nothing to do if none was issued."""
    certificate = certificate_for_source(award.source_key)
    if certificate is None:
        return None
    return certificate_revoke(certificate=certificate, actor=actor, reason=reason)
