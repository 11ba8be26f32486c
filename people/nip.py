"""NIP (Nomor Induk Pegawai) parsing per Perka BKN 22/2007.

18 digits: birth date YYYYMMDD, first appointment as CPNS (TMT) YYYYMM, sex (1 male,
2 female) and a serial 001-999. The NIP encodes birth date and sex, so it is personal
data: it is never shown on public pages, QR payloads or badges (use `mask_nip`).
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

SEX_MALE = "L"
SEX_FEMALE = "P"
MINIMUM_APPOINTMENT_AGE = 18
_SEPARATORS = re.compile(r"[\s.\-]")


@dataclass(frozen=True)
class ParsedNip:
    nip: str
    birth_date: dt.date
    tmt_cpns: dt.date  # first day of the appointment month
    sex: str
    serial: int


def normalise_nip(raw: str) -> str:
    """Remove the spaces, dots and dashes people type between the NIP's parts."""
    return _SEPARATORS.sub("", str(raw or "").strip())


def parse_nip(raw: str, *, today: dt.date | None = None) -> ParsedNip:
    """Validate and parse a NIP; raise ValidationError naming the part that is wrong."""
    nip = normalise_nip(raw)
    today = today or timezone.localdate()
    if not nip.isdigit():
        raise ValidationError(
            _("NIP may contain only digits (spaces and dots are allowed)."), code="nip_digits"
        )
    if len(nip) != 18:
        raise ValidationError(
            _("NIP must have 18 digits; %(count)d were given.") % {"count": len(nip)},
            code="nip_length",
        )
    birth_date = _birth_date(nip[:8])
    if birth_date > today:
        raise ValidationError(
            _("The birth date in the NIP (digits 1-8) is in the future."), code="nip_birth_future"
        )
    tmt = _tmt(nip[8:14])
    if tmt > today:
        raise ValidationError(
            _("The TMT CPNS in the NIP (digits 9-14) is in the future."), code="nip_tmt_future"
        )
    if tmt < _add_years(birth_date, MINIMUM_APPOINTMENT_AGE).replace(day=1):
        raise ValidationError(
            _("The TMT CPNS in the NIP (digits 9-14) is before the 18th birthday."),
            code="nip_tmt_too_early",
        )
    sex_digit = nip[14]
    if sex_digit not in "12":
        raise ValidationError(
            _("The sex digit of the NIP (digit 15) must be 1 (male) or 2 (female)."),
            code="nip_sex",
        )
    serial = int(nip[15:])
    if serial == 0:
        raise ValidationError(
            _("The serial number of the NIP (digits 16-18) cannot be 000."), code="nip_serial"
        )
    sex = SEX_MALE if sex_digit == "1" else SEX_FEMALE
    return ParsedNip(nip=nip, birth_date=birth_date, tmt_cpns=tmt, sex=sex, serial=serial)


def format_nip(nip: str) -> str:
    """`196608011988031001` -> `19660801 198803 1 001`."""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}" if len(nip) == 18 else nip


def mask_nip(nip: str) -> str:
    """Keep only the serial visible: enough for a person to recognise their own record."""
    return "*" * 15 + nip[-3:] if len(nip) == 18 else "*" * len(nip)


def _birth_date(digits: str) -> dt.date:
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ValidationError(
            _("The birth date in the NIP (digits 1-8, YYYYMMDD) is not a real date."),
            code="nip_birth_date",
        ) from None


def _tmt(digits: str) -> dt.date:
    year, month = int(digits[:4]), int(digits[4:6])
    if not 1 <= month <= 12 or year < 1900:
        raise ValidationError(
            _("The TMT CPNS in the NIP (digits 9-14, YYYYMM) is not a real month."),
            code="nip_tmt",
        )
    return dt.date(year, month, 1)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
