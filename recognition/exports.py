"""CSV and XLSX exports of the award overview (formula-safe: see core.exports)."""

from collections.abc import Iterable, Iterator

from django.http import HttpResponse
from django.utils.translation import gettext as _

from core.exports import export_response
from recognition.models import Award


def _rows(awards: Iterable[Award]) -> Iterator[list]:
    for award in awards:
        yield [
            award.award_type.name,
            award.recipient.full_name,
            award.recipient.unit.name,
            award.period_start.isoformat(),
            award.get_status_display(),
            award.citation,
            award.nominated_by.username,
            award.decided_by.username if award.decided_by else "",
            award.decided_at.strftime("%Y-%m-%d %H:%M") if award.decided_at else "",
        ]


def awards_export(awards: Iterable[Award], *, fmt: str) -> HttpResponse:
    header = [
        _("Award type"),
        _("Recipient"),
        _("Unit"),
        _("Period"),
        _("Status"),
        _("Citation"),
        _("Nominated by"),
        _("Decided by"),
        _("Decided at"),
    ]
    return export_response(
        fmt=fmt, filename="penghargaan", header=header, rows=_rows(awards), sheet_title=_("Awards")
    )
