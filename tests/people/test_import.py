import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.importing import employee_import
from people.models import Employee
from tests.factories import EmployeeFactory, valid_nip
from tests.people.conftest import HEADER, csv_file, import_rows, xlsx_file


def run(actor, data, **kwargs):
    return employee_import(actor=actor, file=data, filename=data.name, **kwargs)


def test_good_csv_imports_every_row(hr, world):
    before = Employee.objects.count()
    result = run(hr, csv_file(import_rows(100)))
    assert (result.created, result.updated, result.errors) == (100, 0, [])
    assert Employee.objects.count() == before + 100
    imported = Employee.objects.get(nip=valid_nip(1007))
    assert imported.name == "Pegawai Impor 7"
    assert imported.full_name == "Pegawai Impor 7, S.Sos."
    assert (imported.unit, imported.position, imported.golongan) == (
        world.a1a,
        world.position_a,
        "III/a",
    )
    assert imported.birth_date.isoformat() == "1972-10-04"  # parsed from the NIP
    assert imported.user is None


def test_one_bad_row_in_100_imports_nothing_and_names_the_row(hr, world):
    rows = import_rows(100)
    rows[41][0] = rows[41][0][:-3] + "000"  # serial 000; spreadsheet row 43 (header = 1)
    before = Employee.objects.count()
    result = run(hr, csv_file(rows))
    assert Employee.objects.count() == before
    assert (result.created, result.updated) == (100 - 1, 0)  # would have been, not written
    assert [(e.row, e.column) for e in result.errors] == [(43, "nip")]
    assert result.errors[0].message == "Nomor urut pada NIP (digit 16-18) tidak boleh 000."


def test_every_bad_row_is_reported_with_column_and_reason(hr, world):
    rows = import_rows(8)
    rows[0][4] = "Honorer"  # row 2: jenis_pegawai
    rows[1][6] = "A2x"  # row 3: unknown unit
    rows[2][6] = "B1"  # row 4: unit of another agency (out of HR scope)
    rows[3][5] = ""  # row 5: a PNS without golongan
    rows[4][4], rows[4][5] = "PPPK", "II/a"  # row 6: PPPK with golongan
    rows[5][7] = "NOPE"  # row 7: unknown position code
    rows[6][0] = rows[0][0]  # row 8: duplicate NIP of row 2
    rows[7][9] = "mungkin"  # row 9: aktif
    result = run(hr, csv_file(rows))
    found = [(e.row, e.column, e.message) for e in result.errors]
    assert found == [
        (2, "jenis_pegawai", "Tulis PNS atau PPPK."),
        (3, "kode_unit", "Tidak ditemukan di unit yang Anda kelola."),
        (4, "kode_unit", "Tidak ditemukan di unit yang Anda kelola."),
        (5, "golongan", "PNS wajib memiliki golongan."),
        (6, "golongan", "Pegawai PPPK tidak memiliki golongan."),
        (7, "kode_jabatan", "Tidak ada jabatan dengan kode ini di instansi unit tersebut."),
        (8, "nip", "NIP ini sudah ada di baris 2."),
        (9, "aktif", "Tulis ya atau tidak."),
    ]
    assert not Employee.objects.filter(name__startswith="Pegawai Impor").exists()


def test_position_of_another_agency_is_refused(hr, world):
    rows = import_rows(1)
    rows[0][7] = "KADIS"
    Employee.objects.all()  # the world has KADIS in agency A: valid
    assert run(hr, csv_file(rows)).errors == []
    rows[0][6] = "A2"
    rows[0][7] = "PELB"  # does not exist anywhere
    assert [e.column for e in run(hr, csv_file(rows)).errors] == ["kode_jabatan"]


def test_importing_again_updates_by_nip_without_duplicates(hr, world):
    run(hr, csv_file(import_rows(20)))
    rows = import_rows(20)
    rows[3][1], rows[3][5], rows[3][6], rows[3][9] = "Nama Baru", "III/b", "A2", "tidak"
    count = Employee.objects.count()
    result = run(hr, xlsx_file(rows))
    assert (result.created, result.updated, result.unchanged, result.errors) == (0, 1, 19, [])
    assert Employee.objects.count() == count
    changed = Employee.objects.get(nip=valid_nip(1003))
    assert (changed.name, changed.golongan, changed.unit, changed.is_active) == (
        "Nama Baru",
        "III/b",
        world.a2,
        False,
    )


def test_xlsx_and_semicolon_csv_are_read(hr, world):
    assert run(hr, xlsx_file(import_rows(3))).created == 3
    assert Employee.objects.filter(nip=valid_nip(1000)).exists()
    semicolon = csv_file(import_rows(3, start=2000), delimiter=";")
    assert run(hr, semicolon).created == 3


def test_nip_stored_as_a_number_is_refused(hr, world):
    """A spreadsheet keeps 15 significant digits: an 18-digit number has lost its serial."""
    rows = import_rows(1)
    rows[0][0] = int(rows[0][0])  # written (and read back) as 1.97...e+17
    result = run(hr, xlsx_file(rows))
    assert [(e.row, e.column) for e in result.errors] == [(2, "nip")]
    assert result.errors[0].message.startswith("Simpan NIP sebagai teks")


def test_nip_with_spaces_and_golongan_spelling_are_normalised(hr, world):
    rows = import_rows(1)
    nip = rows[0][0]
    rows[0][0] = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    rows[0][5] = "iii-c"
    assert run(hr, csv_file(rows)).errors == []
    assert Employee.objects.get(nip=nip).golongan == "III/c"


def test_header_problems_are_reported_on_row_1(hr, world):
    header = [c for c in HEADER if c != "kode_unit"] + ["hobi"]
    result = run(hr, csv_file([], header=header))
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (1, "hobi", "Kolom tidak dikenal."),
        (1, "kode_unit", "Kolom wajib ini tidak ada."),
    ]


def test_wrong_file_type_and_broken_xlsx(hr, world):
    data = csv_file(import_rows(1), name="pegawai.txt")
    assert run(hr, data).errors[0].message == "Unggah berkas .csv atau .xlsx."
    broken = csv_file(import_rows(1), name="pegawai.xlsx")
    assert "XLSX" in run(hr, broken).errors[0].message


def test_optional_columns_left_out_keep_existing_values(hr, world):
    employee = EmployeeFactory(unit=world.a1, position=world.position_a, email="lama@x.go.id")
    header = ["nip", "nama", "jenis_pegawai", "golongan", "kode_unit"]
    result = run(hr, csv_file([[employee.nip, "Ganti Nama", "PNS", "IV/a", "A1"]], header=header))
    assert result.updated == 1
    employee.refresh_from_db()
    assert (employee.name, employee.position, employee.email) == (
        "Ganti Nama",
        world.position_a,
        "lama@x.go.id",
    )


def test_employee_outside_hr_scope_cannot_be_updated(hr_a1, world):
    outside = EmployeeFactory(unit=world.a2, name="Orang A2")
    rows = [[outside.nip, "Dipindah", "", "", "PNS", "III/a", "A1", "", "", "ya"]]
    result = run(hr_a1, csv_file(rows))
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "nip", "Tidak ditemukan di unit yang Anda kelola.")
    ]
    outside.refresh_from_db()
    assert (outside.name, outside.unit) == ("Orang A2", world.a2)


def test_non_hr_may_not_import(leader, pegawai, world):
    from django.core.exceptions import PermissionDenied

    for user in (leader, pegawai):
        with pytest.raises(PermissionDenied):
            run(user, csv_file(import_rows(1)))


def test_dry_run_writes_nothing(hr, world):
    before = Employee.objects.count()
    result = run(hr, csv_file(import_rows(5)), dry_run=True)
    assert (result.created, result.errors, result.dry_run) == (5, [], True)
    assert Employee.objects.count() == before


def test_create_logins_uses_the_nip_and_an_unusable_password(hr, world):
    result = run(hr, csv_file(import_rows(3)), create_logins=True)
    assert result.logins_created == 3
    employee = Employee.objects.select_related("user").get(nip=valid_nip(1001))
    assert employee.user.username == employee.nip
    assert not employee.user.has_usable_password()
    again = run(hr, csv_file(import_rows(3)), create_logins=True)
    assert (again.unchanged, again.logins_created) == (3, 0)


def test_query_count_does_not_grow_with_rows(hr, world):
    def queries(count: int, start: int) -> int:
        with CaptureQueriesContext(connection) as context:
            result = run(hr, csv_file(import_rows(count, start=start)), create_logins=True)
        assert result.created == count
        return len(context.captured_queries)

    small = queries(10, 2000)
    # Fixed: scope (2), units, positions, existing NIPs, savepoints, users, links. What grows
    # is only the INSERT/UPDATE batching: SQLite binds at most 999 parameters per statement,
    # so Django splits the employee and user INSERTs into batches of ~60-90 rows (PostgreSQL:
    # 1000) and the login links go in UPDATE batches of 100. Never a query per row.
    assert queries(500, 3000) - small <= 500 // 25


def test_command_imports_and_reports_counts(hr, world, tmp_path, capsys):
    path = tmp_path / "pegawai.csv"
    path.write_bytes(csv_file(import_rows(4)).getvalue())
    call_command("import_employees", str(path), "--as", "hr")
    assert "created 4, updated 0, unchanged 0" in capsys.readouterr().out
    assert Employee.objects.filter(name__startswith="Pegawai Impor").count() == 4


def test_command_dry_run_writes_nothing(hr, world, tmp_path, capsys):
    path = tmp_path / "pegawai.xlsx"
    path.write_bytes(xlsx_file(import_rows(4)).getvalue())
    call_command("import_employees", str(path), "--as", "hr", "--dry-run")
    assert "would create 4" in capsys.readouterr().out
    assert not Employee.objects.filter(name__startswith="Pegawai Impor").exists()


def test_command_lists_bad_rows_and_fails(hr, world, tmp_path, capsys):
    rows = import_rows(3)
    rows[1][6] = "ZZZ"
    path = tmp_path / "pegawai.csv"
    path.write_bytes(csv_file(rows).getvalue())
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_employees", str(path), "--as", "hr")
    assert "row 3, column kode_unit" in capsys.readouterr().out
    assert not Employee.objects.filter(name__startswith="Pegawai Impor").exists()


def test_sample_files_are_valid(db):
    """The shipped samples import cleanly into the demo world."""
    from pathlib import Path

    from django.contrib.auth import get_user_model

    from people.demo import seed

    seed()
    hr_user = get_user_model().objects.get(username="hr")
    for name in ("pegawai-contoh.csv", "pegawai-contoh.xlsx"):
        path = Path(__file__).resolve().parents[2] / "docs" / "samples" / name
        with path.open("rb") as handle:
            result = employee_import(actor=hr_user, file=handle, filename=name, dry_run=True)
        assert (result.created, result.errors) == (10, [])
