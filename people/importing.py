"""Employee import from CSV or XLSX, for HR. Columns: `docs/import-pegawai.md`.

The whole file is read and every row validated before anything is written, so HR gets the
complete list of bad rows (row number as the spreadsheet shows it, header = row 1, column,
reason) in one go, and the import is all-or-nothing. Lookups are prefetched in a few
queries (units in the actor's HR scope, positions of those agencies, existing employees by
NIP in chunks) and writes are batched, so a file of 20,000 rows needs no per-row query.
"""

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from people.models import Employee, Position, RoleAssignment
from people.nip import normalise_nip
from people.selectors import scope_for, units_managed_by

HR_ONLY = (RoleAssignment.Role.HR,)
REQUIRED_COLUMNS = ("nip", "nama", "jenis_pegawai", "kode_unit")
OPTIONAL_COLUMNS = ("gelar_depan", "gelar_belakang", "golongan", "kode_jabatan", "email", "aktif")
# Written by the export for people reading the file; the import ignores them.
INFORMATIONAL_COLUMNS = ("nama_unit", "nama_jabatan")
# In the documented order (the export writes them so, then INFORMATIONAL_COLUMNS).
COLUMNS = (
    "nip",
    "nama",
    "gelar_depan",
    "gelar_belakang",
    "jenis_pegawai",
    "golongan",
    "kode_unit",
    "kode_jabatan",
    "email",
    "aktif",
)
# Model field -> column, to report the model's own validation errors by column.
FIELD_COLUMNS = {
    "nip": "nip",
    "name": "nama",
    "title_prefix": "gelar_depan",
    "title_suffix": "gelar_belakang",
    "employment_type": "jenis_pegawai",
    "golongan": "golongan",
    "unit": "kode_unit",
    "position": "kode_jabatan",
    "email": "email",
    "is_active": "aktif",
}
COLUMN_FIELDS = {column: name for name, column in FIELD_COLUMNS.items()}
YES = {"ya", "y", "yes", "1", "true", "aktif"}
NO = {"tidak", "t", "no", "n", "0", "false", "nonaktif", "tidak aktif"}
MAX_ROWS = 50_000
LOOKUP_CHUNK = 900  # stays under SQLite's bound-parameter limit
BATCH_SIZE = 1000
# bulk_update writes `CASE WHEN id=… THEN …` per field; its cost grows with the square of
# the batch, so updates go in small batches.
UPDATE_BATCH_SIZE = 100
# What an import can change; an existing employee whose values stay the same is not written.
TRACKED_FIELDS = (
    "name",
    "title_prefix",
    "title_suffix",
    "employment_type",
    "golongan",
    "unit_id",
    "position_id",
    "email",
    "is_active",
)
_GOLONGAN = re.compile(r"^\s*(IV|III|II|I)\s*[/\-]?\s*([A-Ea-e])\s*$", re.IGNORECASE)

Progress = Callable[[Iterable[Any], int], Iterable[Any]]


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0  # existing employees whose row changes nothing (not written)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0
    dry_run: bool = False
    logins_created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Row:
    number: int
    values: dict[str, Any]


class _FileError(Exception):
    def __init__(self, message: str, row: int = 1, column: str = "") -> None:
        super().__init__(message)
        self.error = RowError(row=row, column=column, message=message)


def employee_import(
    *,
    actor,
    file: BinaryIO,
    filename: str,
    dry_run: bool = False,
    create_logins: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Validate every row, then create or update employees by NIP in one transaction.

    With errors (or `dry_run`), nothing is written and the counts say what would happen.
    `create_logins` gives every imported employee without a login one named by the NIP,
    with an unusable password (an admin or HR sets it; the import never mails passwords).
    """
    if not scope_for(actor).has_role(RoleAssignment.Role.HR):
        raise PermissionDenied(_("Only HR can import employees."))
    result = ImportResult(dry_run=dry_run)
    try:
        header, rows = read_table(file=file, filename=filename)
    except _FileError as error:
        result.errors.append(error.error)
        return result
    result.rows = len(rows)
    validator = _Validator(actor=actor, header=header, rows=rows)
    result.errors.extend(validator.header_errors())
    if result.errors:
        return result
    to_create, to_update = validator.validate(progress)
    result.errors.extend(validator.errors)
    result.created, result.updated = len(to_create), len(to_update)
    result.unchanged = len(validator.unchanged)
    if result.errors or dry_run:
        return result
    try:
        result.logins_created = _write(
            to_create=to_create,
            to_update=to_update,
            unchanged=validator.unchanged,
            fields=sorted(validator.changed_fields),
            create_logins=create_logins,
        )
    except IntegrityError:
        result.created = result.updated = 0
        result.errors.append(
            RowError(
                row=0,
                column="",
                message=_(
                    "Another change to the same employees happened during the import; nothing was "
                    "written. Upload the file again."
                ),
            )
        )
    return result


# --- reading -----------------------------------------------------------------------------


def read_table(*, file: BinaryIO, filename: str) -> tuple[list[str], list[_Row]]:
    """The header (lower-cased) and the non-empty rows, numbered as in the spreadsheet."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        lines = _xlsx_lines(file)
    elif name.endswith(".csv"):
        lines = _csv_lines(file)
    else:
        raise _FileError(_("Upload a .csv or .xlsx file."), row=0)
    try:
        first = next(lines)
    except StopIteration:
        raise _FileError(_("The file is empty.")) from None
    header = [_text(value).lower() for value in first]
    while header and not header[-1]:
        header.pop()
    rows = []
    for number, values in enumerate(lines, start=2):
        if not any(_text(value) for value in values):
            continue
        if len(rows) >= MAX_ROWS:
            raise _FileError(
                _("The file has more than %(max)d rows; split it into smaller files.")
                % {"max": MAX_ROWS},
                row=number,
            )
        rows.append(_Row(number=number, values=dict(zip(header, values, strict=False))))
    return header, rows


def _csv_lines(file: BinaryIO) -> Iterator[list[str]]:
    raw = file.read()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _FileError(_("The CSV file is not UTF-8 text."), row=0)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return iter(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _xlsx_lines(file: BinaryIO) -> Iterator[tuple[Any, ...]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # zipfile.BadZipFile, InvalidFileException, KeyError ...
        raise _FileError(_("The file could not be read as an XLSX workbook."), row=0) from None
    sheet = workbook.worksheets[0]
    return sheet.iter_rows(values_only=True)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# --- validation --------------------------------------------------------------------------


class _Validator:
    def __init__(self, *, actor, header: list[str], rows: list[_Row]) -> None:
        self.actor, self.header, self.rows = actor, header, rows
        self.present = [column for column in COLUMNS if column in header]
        self.errors: list[RowError] = []
        self.unchanged: list[Employee] = []
        self.changed_fields: set[str] = set()

    def header_errors(self) -> list[RowError]:
        errors = []
        seen: set[str] = set()
        for column in self.header:
            if column in seen:
                errors.append(RowError(1, column, _("This column appears twice.")))
            elif column not in COLUMNS and column not in INFORMATIONAL_COLUMNS:
                errors.append(RowError(1, column or "-", _("Unknown column.")))
            seen.add(column)
        for column in REQUIRED_COLUMNS:
            if column not in seen:
                errors.append(RowError(1, column, _("This required column is missing.")))
        if not self.rows and not errors:
            errors.append(RowError(2, "", _("The file has no employee rows.")))
        return errors

    def validate(self, progress: Progress | None) -> tuple[list[Employee], list[Employee]]:
        units = {unit.code: unit for unit in units_managed_by(user=self.actor, roles=HR_ONLY)}
        agency_paths = {unit.agency_path for unit in units.values()}
        positions = {
            (position.agency.path, position.code): position
            for position in Position.objects.select_related("agency").filter(
                agency__path__in=agency_paths
            )
        }
        existing = self._existing()
        existing_values = {employee.pk: _snapshot(employee) for employee in existing.values()}
        managed = scope_for(self.actor).paths(HR_ONLY)
        is_admin = scope_for(self.actor).is_admin
        seen: dict[str, int] = {}
        to_create: list[Employee] = []
        to_update: list[Employee] = []
        rows: Iterable[_Row] = self.rows
        if progress is not None:
            rows = progress(self.rows, len(self.rows))
        for row in rows:
            employee = self._row(row, units, positions, existing, seen, managed, is_admin)
            if employee is None:
                continue
            if not employee.pk:
                to_create.append(employee)
            elif (after := _snapshot(employee)) != existing_values[employee.pk]:
                to_update.append(employee)
                self.changed_fields.update(
                    name.removesuffix("_id")
                    for name, old, new in zip(
                        TRACKED_FIELDS, existing_values[employee.pk], after, strict=True
                    )
                    if old != new
                )
            else:
                self.unchanged.append(employee)
        return to_create, to_update

    def _existing(self) -> dict[str, Employee]:
        nips = sorted({normalise_nip(_text(row.values.get("nip"))) for row in self.rows})
        # position__agency: the model's clean() compares the position's agency with the unit's
        queryset = Employee.objects.select_related("unit", "position__agency")
        found = _chunked(lambda chunk: queryset.filter(nip__in=chunk), nips)
        return {employee.nip: employee for employee in found}

    def _error(self, row: _Row, column: str, message: str) -> None:
        self.errors.append(RowError(row=row.number, column=column, message=message))

    def _row(
        self, row: _Row, units, positions, existing, seen, managed, is_admin
    ) -> Employee | None:
        values = row.values
        before = len(self.errors)
        raw_nip = values.get("nip")
        if isinstance(raw_nip, float):
            self._error(
                row,
                "nip",
                _(
                    "Store the NIP as text (format the column as Text), "
                    "otherwise the spreadsheet loses digits."
                ),
            )
            return None
        nip = normalise_nip(_text(raw_nip))
        if nip and nip in seen:
            self._error(
                row, "nip", _("This NIP already appears in row %(row)d.") % {"row": seen[nip]}
            )
            return None
        if nip:
            seen[nip] = row.number
        employee = existing.get(nip)
        if (
            employee is not None
            and not is_admin
            and not any(employee.unit.path.startswith(path) for path in managed)
        ):
            self._error(row, "nip", _("Not found in the units you manage."))
            return None
        employee = employee or Employee(nip=nip)
        employee.nip = nip
        self._assign(row, employee, units, positions)
        if len(self.errors) > before:
            return None
        try:
            employee.full_clean(
                exclude=["unit", "position", "user"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    self._error(row, FIELD_COLUMNS.get(name, name), message)
            return None
        return employee

    def _assign(self, row: _Row, employee: Employee, units, positions) -> None:
        values = row.values
        text = {column: _text(values.get(column)) for column in self.present}
        for column in ("nama", "gelar_depan", "gelar_belakang", "email"):
            if column in text:
                setattr(employee, COLUMN_FIELDS[column], text[column])
        kind = text["jenis_pegawai"].upper()
        employee.employment_type = kind
        if kind not in Employee.EmploymentType.values:
            self._error(row, "jenis_pegawai", _("Write PNS or PPPK."))
        if "golongan" in text:
            match = _GOLONGAN.match(text["golongan"])
            employee.golongan = (
                f"{match[1].upper()}/{match[2].lower()}" if match else text["golongan"]
            )
        if "aktif" in text:
            self._active(row, employee, text["aktif"])
        unit = units.get(text["kode_unit"])
        if unit is None:
            message = (
                _("Not found in the units you manage.")
                if text["kode_unit"]
                else _("This field is required.")
            )
            self._error(row, "kode_unit", message)
            return
        employee.unit = unit
        if "kode_jabatan" in text:
            code = text["kode_jabatan"]
            position = positions.get((unit.agency_path, code)) if code else None
            if code and position is None:
                self._error(
                    row, "kode_jabatan", _("No position with this code in the agency of the unit.")
                )
            employee.position = position

    def _active(self, row: _Row, employee: Employee, value: str) -> None:
        lowered = value.lower()
        if not lowered:
            return  # empty: new employees are active, existing ones keep their state
        if lowered in YES:
            employee.is_active = True
        elif lowered in NO:
            employee.is_active = False
        else:
            self._error(row, "aktif", _("Write ya or tidak."))


# --- writing -----------------------------------------------------------------------------


def _snapshot(employee: Employee) -> tuple:
    return tuple(getattr(employee, name) for name in TRACKED_FIELDS)


@transaction.atomic
def _write(
    *,
    to_create: list[Employee],
    to_update: list[Employee],
    unchanged: list[Employee],
    fields: list[str],
    create_logins: bool,
) -> int:
    """Insert the new, update the changed (only the fields some row changed: bulk_update
    builds a CASE per field, which is the slow part) and optionally create logins."""
    now = timezone.now()
    Employee.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    for employee in to_update:
        employee.updated_at = now
    Employee.objects.bulk_update(to_update, [*fields, "updated_at"], batch_size=UPDATE_BATCH_SIZE)
    if not create_logins:
        return 0
    return _create_logins(to_create + to_update + unchanged)


def _create_logins(employees: list[Employee]) -> int:
    """A login per employee without one: username = NIP, unusable password.

    An existing user with that username is linked when no other employee uses it.
    """
    without = [employee for employee in employees if employee.user_id is None]
    if without and not without[0].pk:  # bulk_create on a database that returns no ids
        without = _chunked(
            lambda chunk: Employee.objects.filter(nip__in=chunk),
            [employee.nip for employee in without],
        )
    if not without:
        return 0
    user_model = get_user_model()
    users = {
        user.username: user
        for user in _chunked(
            lambda chunk: user_model.objects.filter(username__in=chunk),
            [employee.nip for employee in without],
        )
    }
    taken = {
        employee.user.username
        for employee in _chunked(
            lambda chunk: Employee.objects.select_related("user").filter(user__username__in=chunk),
            list(users),
        )
    }
    new_users = [
        user_model(username=employee.nip, email=employee.email, password=make_password(None))
        for employee in without
        if employee.nip not in users
    ]
    user_model.objects.bulk_create(new_users, batch_size=BATCH_SIZE)
    if new_users and not new_users[0].pk:
        new_users = _chunked(
            lambda chunk: user_model.objects.filter(username__in=chunk),
            [user.username for user in new_users],
        )
    users.update({user.username: user for user in new_users})
    linked = []
    for employee in without:
        if employee.nip in users and employee.nip not in taken:
            employee.user = users[employee.nip]
            linked.append(employee)
    Employee.objects.bulk_update(linked, ["user"], batch_size=UPDATE_BATCH_SIZE)
    return len(new_users)


def _chunked(query: Callable[[list[str]], Iterable[Any]], values: list[str]) -> list[Any]:
    """Run `query` over chunks of `values` (SQLite bounds the parameters of one query)."""
    found: list[Any] = []
    for start in range(0, len(values), LOOKUP_CHUNK):
        found.extend(query(values[start : start + LOOKUP_CHUNK]))
    return found
