"""CSV and XLSX downloads, shared by every app's exports.

Spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or
carriage return) as a formula, so user-supplied text such as a name `=HYPERLINK(...)` could
run when HR opens the file (CSV/formula injection, OWASP). CSV has no cell types, so every
text value there goes through `neutralise_formula`, which prefixes an apostrophe. In XLSX
every text value is written as a typed string cell: shown exactly as typed, never a formula.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise_formula(value: Any) -> Any:
    """Text starting like a formula gets a leading apostrophe; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    return [neutralise_formula(value) for value in row]


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # exports hold personal data
    return response


def csv_bytes(*, header: Sequence[str], rows: Iterable[Iterable[Any]]) -> bytes:
    """UTF-8 with a BOM, so that Excel opens names with accents correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row("" if value is None else value for value in row))
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(
    *, header: Sequence[str], rows: Iterable[Iterable[Any]], sheet_title: str = "Data"
) -> bytes:
    """A write-only workbook (constant memory). Text stays text: codes keep leading zeros."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append(_typed_cells(sheet, header))
    for row in rows:
        sheet.append(_typed_cells(sheet, row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _typed_cells(sheet, values: Iterable[Any]) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell

    cells: list[Any] = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # a string, whatever it starts with
            cells.append(cell)
        else:
            cells.append(float(value) if isinstance(value, Decimal) else value)
    return cells


def export_response(
    *,
    fmt: str,
    filename: str,
    header: Sequence[str],
    rows: Iterable[Iterable[Any]],
    sheet_title: str = "Data",
) -> HttpResponse:
    """`fmt` "xlsx" or "csv"; `filename` without its extension."""
    if fmt == "xlsx":
        return xlsx_response(
            filename=f"{filename}.xlsx", header=header, rows=rows, sheet_title=sheet_title
        )
    return csv_response(filename=f"{filename}.csv", header=header, rows=rows)


def csv_response(
    *, filename: str, header: Sequence[str], rows: Iterable[Iterable[Any]]
) -> HttpResponse:
    response = HttpResponse(csv_bytes(header=header, rows=rows), content_type=CSV_CONTENT_TYPE)
    return _attachment(response, filename)


def xlsx_response(
    *,
    filename: str,
    header: Sequence[str],
    rows: Iterable[Iterable[Any]],
    sheet_title: str = "Data",
) -> HttpResponse:
    content = xlsx_bytes(header=header, rows=rows, sheet_title=sheet_title)
    return _attachment(HttpResponse(content, content_type=XLSX_CONTENT_TYPE), filename)
