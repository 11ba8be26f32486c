"""Where certificates come from, without this app importing the apps above it.

Training (completed enrolments of a module) and recognition (granted awards) register a
`CertificateSource` at start-up (in their AppConfig.ready); bulk issuance lists a source's
cohorts and issues every pending `IssueRequest` through `certificate_issue`, which is
idempotent on `source_key`.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from people.models import Employee


@dataclass(frozen=True)
class IssueRequest:
    """The keyword arguments of `certificate_issue` for one document."""

    recipient: Employee
    kind: str
    title: str
    source_key: str
    jp: Decimal | int | None = None
    competencies: Sequence[str] = ()
    period_start: date | None = None
    period_end: date | None = None
    citation: str = ""

    def kwargs(self) -> dict[str, Any]:
        return {
            "recipient": self.recipient,
            "kind": self.kind,
            "title": self.title,
            "source_key": self.source_key,
            "jp": self.jp,
            "competencies": tuple(self.competencies),
            "period_start": self.period_start,
            "period_end": self.period_end,
            "citation": self.citation,
        }


@dataclass(frozen=True)
class CertificateSource:
    """A kind of cohort that yields certificates: e.g. "training.module" (cohort = module).

    `cohorts(user)` lists `(id, label)` pairs the user may bulk-issue for (scoped by the
    registering app); `pending(cohort_id)` yields an `IssueRequest` per recipient who has
    earned a document in that cohort (whether issued yet or not: issuance is idempotent).
    """

    key: str
    label: str
    cohorts: Callable[[Any], list[tuple[Any, str]]]
    pending: Callable[[Any], Iterable[IssueRequest]]


_SOURCES: dict[str, CertificateSource] = {}


def register_source(source: CertificateSource) -> None:
    """Register (or replace, so reloading an app is harmless) a cohort source."""
    _SOURCES[source.key] = source


def unregister_source(key: str) -> None:
    _SOURCES.pop(key, None)


def get_source(key: str) -> CertificateSource | None:
    return _SOURCES.get(key)


def sources() -> list[CertificateSource]:
    return sorted(_SOURCES.values(), key=lambda source: source.label)
