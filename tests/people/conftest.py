import csv
import io

import pytest
from openpyxl import Workbook

from tests.factories import valid_nip

HEADER = [
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
]


def import_rows(count: int, *, start: int = 1000, unit: str = "A1a") -> list[list[str]]:
    """`count` valid rows for the test world (NIPs far from the factories' sequence)."""
    return [
        [
            valid_nip(start + i),
            f"Pegawai Impor {i}",
            "",
            "S.Sos.",
            "PNS",
            "III/a",
            unit,
            "PEL",
            f"impor{i}@example.go.id",
            "ya",
        ]
        for i in range(count)
    ]


def csv_file(
    rows: list[list[str]], *, header=HEADER, delimiter: str = ",", name: str = "pegawai.csv"
) -> io.BytesIO:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    data = io.BytesIO(buffer.getvalue().encode("utf-8-sig"))
    data.name = name
    return data


def xlsx_file(rows: list[list], *, header=HEADER, name: str = "pegawai.xlsx") -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    workbook.save(data)
    data.seek(0)
    data.name = name
    return data


@pytest.fixture
def rows():
    return import_rows
