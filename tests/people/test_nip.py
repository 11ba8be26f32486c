import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from people.nip import format_nip, mask_nip, normalise_nip, parse_nip

TODAY = dt.date(2026, 11, 23)


def test_valid_nip_with_spaces_parses_into_its_parts():
    parsed = parse_nip("19660801 198803 1 001", today=TODAY)
    assert parsed.nip == "196608011988031001"
    assert parsed.birth_date == dt.date(1966, 8, 1)
    assert parsed.tmt_cpns == dt.date(1988, 3, 1)
    assert parsed.sex == "L"
    assert parsed.serial == 1


def test_dots_are_accepted_and_sex_2_is_female():
    parsed = parse_nip("19800215.200501.2.123", today=TODAY)
    assert parsed.nip == "198002152005012123"
    assert parsed.sex == "P"


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("1966080119880310", "NIP harus terdiri dari 18 digit; diberikan 16."),
        ("19660801198803100199", "NIP harus terdiri dari 18 digit; diberikan 20."),
        ("19660801A988031001", "NIP hanya boleh berisi angka (spasi dan titik diperbolehkan)."),
        (
            "196602301988031001",
            "Tanggal lahir pada NIP (digit 1-8, YYYYMMDD) bukan tanggal yang valid.",
        ),
        ("203001011988031001", "Tanggal lahir pada NIP (digit 1-8) berada di masa depan."),
        ("196608011980031001", "TMT CPNS pada NIP (digit 9-14) sebelum ulang tahun ke-18."),
        ("196608012030031001", "TMT CPNS pada NIP (digit 9-14) berada di masa depan."),
        ("196608011988131001", "TMT CPNS pada NIP (digit 9-14, YYYYMM) bukan bulan yang valid."),
        (
            "196608011988033001",
            "Digit jenis kelamin pada NIP (digit 15) harus 1 (laki-laki) atau 2 (perempuan).",
        ),
        ("196608011988031000", "Nomor urut pada NIP (digit 16-18) tidak boleh 000."),
    ],
)
def test_each_kind_of_invalid_nip_has_its_own_message(nip, message):
    with pytest.raises(ValidationError) as error:
        parse_nip(nip, today=TODAY)
    assert error.value.messages == [message]


def test_tmt_in_the_month_of_the_18th_birthday_is_accepted():
    assert parse_nip("196608151984081001", today=TODAY).tmt_cpns == dt.date(1984, 8, 1)


def test_mask_hides_birth_date_and_sex():
    assert mask_nip("196608011988031001") == "***************001"
    assert format_nip("196608011988031001") == "19660801 198803 1 001"


@given(
    birth=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(1990, 12, 31)),
    years_after_18=st.integers(min_value=0, max_value=15),
    month=st.integers(min_value=1, max_value=12),
    sex=st.sampled_from("12"),
    serial=st.integers(min_value=1, max_value=999),
)
def test_every_well_formed_nip_round_trips(birth, years_after_18, month, sex, serial):
    tmt_year = birth.year + 18 + years_after_18 + (1 if month <= birth.month else 0)
    raw = f"{birth:%Y%m%d} {tmt_year}{month:02d} {sex} {serial:03d}"
    parsed = parse_nip(raw, today=TODAY)
    assert parsed.birth_date == birth
    assert parsed.tmt_cpns == dt.date(tmt_year, month, 1)
    assert parsed.sex == ("L" if sex == "1" else "P")
    assert parsed.serial == serial
    assert normalise_nip(format_nip(parsed.nip)) == parsed.nip


@given(st.text(alphabet="0123456789", min_size=0, max_size=30).filter(lambda s: len(s) != 18))
def test_wrong_length_is_always_refused_with_the_length_message(digits):
    with pytest.raises(ValidationError) as error:
        parse_nip(digits or "1", today=TODAY)
    assert error.value.code == "nip_length"
