"""Benchmark: import 20,000 employees (create), then the same file again (update).

    DATABASE_URL=sqlite:////tmp/bench-import.sqlite3 .venv/bin/python bench/import_employees.py
Seeds the demo world if needed, runs as demo user `hr`, prints time and query counts.
The imported rows are deleted at the end, so the database is left as found.
"""

import csv
import datetime as dt
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from people.importing import COLUMNS, employee_import  # noqa: E402
from people.models import Employee, OrgUnit  # noqa: E402

ROWS = int(os.environ.get("ROWS", "20000"))


def make_file(golongan: str = "III/a") -> bytes:
    units = list(OrgUnit.objects.filter(depth=3).values_list("code", flat=True))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(COLUMNS)
    for n in range(ROWS):
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=n % 9000)
        nip = f"{birth:%Y%m%d}{birth.year + 25}{n % 12 + 1:02d}{n % 2 + 1}{n // 9000 + 1:03d}"
        writer.writerow(
            [
                nip,
                f"Pegawai Uji {n}",
                "",
                "S.E.",
                "PNS",
                golongan,
                units[n % len(units)],
                "PETUGAS-LAYANAN",
                f"uji{n}@example.go.id",
                "ya",
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def run(content: bytes, actor) -> None:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = employee_import(actor=actor, file=io.BytesIO(content), filename="bench.csv")
        seconds = time.perf_counter() - start
    assert not result.errors, result.errors[:5]
    print(
        f"{connection.vendor}: {ROWS} rows: created {result.created}, updated "
        f"{result.updated}, unchanged {result.unchanged} in {seconds:.2f} s "
        f"({ROWS / seconds:,.0f} rows/s), "
        f"{len(queries.captured_queries)} queries"
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    if not get_user_model().objects.filter(username="hr").exists():
        call_command("seed_demo", verbosity=0)
    actor = get_user_model().objects.get(username="hr")
    content = make_file()
    try:
        run(content, actor)  # create
        run(make_file("III/b"), actor)  # update every row by NIP
        run(content, actor)  # update every row back
    finally:
        Employee.objects.filter(name__startswith="Pegawai Uji").delete()


if __name__ == "__main__":
    main()
