import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.exports import csv_bytes, neutralise_formula, xlsx_bytes
from people.importing import employee_import
from people.models import Employee
from tests.conftest import employee_of
from tests.factories import EmployeeFactory


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Budi", "Budi"),
        ("", ""),
        (-5, -5),
        (None, None),
        ("a=b", "a=b"),
    ],
)
def test_neutralise_formula(value, expected):
    assert neutralise_formula(value) == expected


def test_helpers_write_safe_csv_and_xlsx():
    rows = [["=1+1", "Budi"]]
    text = csv_bytes(header=["a", "b"], rows=rows).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [["a", "b"], ["'=1+1", "Budi"]]
    sheet = load_workbook(io.BytesIO(xlsx_bytes(header=["a", "b"], rows=rows))).active
    assert [c.value for c in sheet[2]] == ["=1+1", "Budi"]
    assert sheet["A2"].data_type == "s"  # text, not a formula


@pytest.fixture
def evil(world):
    return EmployeeFactory(
        unit=world.a1a, name="=cmd|' /C calc'!A0", title_prefix="@x", position=world.position_a
    )


def test_csv_export_neutralises_formulas(client, hr, evil):
    client.force_login(hr)
    response = client.get(reverse("people:employee_export"), {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="pegawai-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["nip", "nama", "gelar_depan", "gelar_belakang"]
    row = next(r for r in rows if r[0] == evil.nip)
    assert row[1:4] == ["'=cmd|' /C calc'!A0", "'@x", ""]
    assert row[4:10] == ["PNS", "III/a", "A1a", "PEL", evil.email, "ya"]


def test_xlsx_export_neutralises_formulas_and_keeps_nip_as_text(client, hr, evil):
    client.force_login(hr)
    response = client.get(reverse("people:employee_export"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[evil.nip][1] == "=cmd|' /C calc'!A0"
    assert sheet["A2"].data_type == "s"  # the NIP stays text
    assert all(cell.data_type == "s" for cell in sheet[2] if cell.value)  # never a formula


def test_export_follows_the_filters_and_the_scope(client, hr_a1, pegawai, outsider, world):
    client.force_login(hr_a1)
    body = client.get(reverse("people:employee_export"), {"unit": world.a1a.pk}).content.decode(
        "utf-8-sig"
    )
    nips = [row[0] for row in csv.reader(io.StringIO(body))][1:]
    assert nips == [employee_of(pegawai).nip]
    everything = client.get(reverse("people:employee_export")).content.decode("utf-8-sig")
    assert employee_of(outsider).nip not in everything
    assert client.get(reverse("people:employee_export"), {"unit": world.a2.pk}).status_code == 404


def test_export_can_be_imported_again(client, hr, pegawai, outsider, world):
    client.force_login(hr)
    content = client.get(reverse("people:employee_export"), {"format": "xlsx"}).content
    count = Employee.objects.count()
    result = employee_import(actor=hr, file=io.BytesIO(content), filename="ekspor.xlsx")
    assert (result.errors, result.created, result.updated, result.unchanged) == ([], 0, 0, count)
    assert Employee.objects.count() == count
