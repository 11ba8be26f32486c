"""Export layouts of the reports (the same columns for CSV and XLSX)."""

from collections.abc import Iterator, Sequence

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils.translation import gettext as _

from competencies.selectors import GapRow, level_status
from core.exports import export_response

EXPORT_CHUNK = 2000


def gap_report_export(*, rows: Sequence[GapRow], fmt: str) -> HttpResponse:
    header = [
        _("Unit"),
        _("Competency code"),
        _("Competency"),
        _("Employees"),
        _("Assessed"),
        _("Not assessed"),
        _("Below standard"),
        _("Mean gap"),
        _("% meeting"),
    ]
    body = (
        [
            row.unit.name if row.unit else row.unit_path,
            row.competency.code,
            row.competency.name,
            row.employees,
            row.assessed,
            row.not_assessed,
            row.below,
            row.mean_gap,
            row.pct_meeting,
        ]
        for row in rows
    )
    return export_response(
        fmt=fmt,
        filename="competency-gaps",
        sheet_title=_("Competency gaps"),
        header=header,
        rows=body,
    )


def _drilldown_rows(queryset: QuerySet) -> Iterator[list]:
    for employee in queryset.iterator(chunk_size=EXPORT_CHUNK):
        gap = None if employee.current is None else employee.current - employee.required
        yield [
            employee.full_name,
            employee.unit.name,
            employee.position.name,
            employee.golongan,
            employee.competency_code,
            employee.required,
            employee.current,
            gap,
            level_status(required=employee.required, current=employee.current),
        ]


def drilldown_export(*, queryset: QuerySet, fmt: str) -> HttpResponse:
    """For HR and leaders in scope; the NIP is left out (not needed to close a gap)."""
    header = [
        _("Name"),
        _("Unit"),
        _("Position"),
        _("Golongan"),
        _("Competency code"),
        _("Required"),
        _("Current"),
        _("Gap"),
        _("Status"),
    ]
    return export_response(
        fmt=fmt,
        filename="competency-gap-employees",
        sheet_title=_("Employees"),
        header=header,
        rows=_drilldown_rows(queryset),
    )


def learning_hours_export(*, queryset: QuerySet, year: int, fmt: str) -> HttpResponse:
    minimum = settings.JP_ANNUAL_MINIMUM
    header = [
        _("Name"),
        _("Unit"),
        _("Position"),
        _("Employment type"),
        _("Year"),
        _("JP"),
        _("Below minimum"),
    ]
    rows = (
        [
            e.full_name,
            e.unit.name,
            e.position.name if e.position else "",
            e.employment_type,
            year,
            e.jp,
            _("yes") if e.jp < minimum else _("no"),
        ]
        for e in queryset.iterator(chunk_size=EXPORT_CHUNK)
    )
    return export_response(
        fmt=fmt,
        filename=f"learning-hours-{year}",
        sheet_title=_("Learning hours"),
        header=header,
        rows=rows,
    )
