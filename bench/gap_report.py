"""Benchmark: the competency gap report through the API against one hand-written SQL query.

Builds (once, on whatever DATABASE_URL says) one agency with 10 directorates of 5 units,
N employees (default 100,000) with default position requirements and current ratings for
about 85 % of (employee, competency) pairs plus older and self ratings, then prints:
the report time for the whole agency and for one directorate through the API (in-process
APIClient, authenticated as an HR user of the agency), the time of a hand-written SQL
query computing the same numbers, their ratios, and the number of queries the API ran.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/asn_bench_comp \
        .venv/bin/python bench/gap_report.py
    DATABASE_URL=sqlite:////tmp/bench_comp.sqlite3 \
        .venv/bin/python bench/gap_report.py --employees 100000

Rebuilds the data when the stored employee count differs from --employees (or --rebuild).
"""

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
import warnings
from contextlib import nullcontext
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from competencies.models import Assessment, PositionRequirement  # noqa: E402
from competencies.services import requirement_defaults_apply  # noqa: E402
from people.models import Employee, OrgUnit, Position, RoleAssignment  # noqa: E402

URL = "/api/v1/reports/competency-gaps/"
AGENCY_CODE = "BENCH"
POSITIONS = [
    ("KADIS", Position.Type.JPT_PRATAMA, ""),
    ("KABID", Position.Type.ADMINISTRATOR, ""),
    ("KASI", Position.Type.PENGAWAS, ""),
    ("AHLI-MUDA", Position.Type.FUNGSIONAL_AHLI, Position.Level.AHLI_MUDA),
    ("AHLI-PERTAMA", Position.Type.FUNGSIONAL_AHLI, Position.Level.AHLI_PERTAMA),
    ("TERAMPIL", Position.Type.FUNGSIONAL_TERAMPIL, Position.Level.TERAMPIL),
    ("PELAKSANA", Position.Type.PELAKSANA, ""),
]
POSITION_WEIGHTS = [1, 3, 6, 10, 15, 15, 50]

# The hand-written query states the join order (CROSS JOIN + WHERE): SQLite keeps that
# order, scanning employees once; PostgreSQL plans it freely either way.
HAND_SQL = """
SELECT SUBSTR(u.path, 1, %s) AS grp, r.competency_id,
       COUNT(*) AS employees,
       COUNT(a.level) AS assessed,
       COUNT(CASE WHEN a.level < r.required_level THEN 1 END) AS below,
       AVG(a.level - r.required_level) AS mean_gap
FROM people_employee e
CROSS JOIN people_orgunit u
CROSS JOIN competencies_positionrequirement r
CROSS JOIN competencies_competency c
LEFT JOIN competencies_assessment a
       ON a.employee_id = e.id AND a.competency_id = r.competency_id AND a.is_current
WHERE u.id = e.unit_id AND r.position_id = e.position_id AND c.id = r.competency_id
  AND c.is_active AND e.is_active AND u.path LIKE %s
GROUP BY 1, 2
"""


def build(count: int) -> None:
    started = time.perf_counter()
    with transaction.atomic():
        _wipe()
        agency = OrgUnit.add_root(
            instance=OrgUnit(code=AGENCY_CODE, name="Instansi Benchmark", kind=OrgUnit.Kind.AGENCY)
        )
        units = []
        for d in range(10):
            directorate = OrgUnit.objects.get(pk=agency.pk).add_child(
                instance=OrgUnit(code=f"DIR{d}", name=f"Direktorat {d}")
            )
            for b in range(5):
                units.append(
                    OrgUnit.objects.get(pk=directorate.pk).add_child(
                        instance=OrgUnit(
                            code=f"DIR{d}-{b}", name=f"Bidang {d}.{b}", kind=OrgUnit.Kind.SUBUNIT
                        )
                    )
                )
        positions = [
            Position.objects.create(agency=agency, code=code, name=code, type=ptype, level=level)
            for code, ptype, level in POSITIONS
        ]
        for position in positions:
            requirement_defaults_apply(position)
        _employees(count, units, positions)
        _assessments()
        hr_employee = Employee.objects.filter(unit__path__startswith=agency.path).first()
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create(username="bench-hr")
        hr_employee.user = user
        hr_employee.save(update_fields=["user"])
        RoleAssignment.objects.create(user=user, role="hr", unit=agency)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"built {count} employees, {Assessment.objects.count()} assessments "
        f"in {time.perf_counter() - started:.1f} s"
    )


def _wipe() -> None:
    Assessment.objects.all().delete()
    RoleAssignment.objects.all().delete()
    Employee.objects.all().delete()
    PositionRequirement.objects.all().delete()
    Position.objects.all().delete()
    OrgUnit.objects.all().delete()
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(username="bench-hr").delete()


def _employees(count: int, units: list[OrgUnit], positions: list[Position]) -> None:
    rng = random.Random(38)  # noqa: S311 - benchmark data
    now = dt.datetime.now(dt.UTC)
    batch = []
    for index in range(count):
        birth = dt.date(1965, 1, 1) + dt.timedelta(days=index % 10000)
        tmt = dt.date(birth.year + 25, 1, 1)
        serial = index // 10000 + 1
        nip = f"{birth:%Y%m%d}{tmt:%Y%m}1{serial:03d}"
        position = rng.choices(positions, weights=POSITION_WEIGHTS)[0]
        pppk = rng.random() < 0.1
        batch.append(
            Employee(
                nip=nip,
                name=f"Pegawai {index}",
                employment_type="PPPK" if pppk else "PNS",
                golongan="" if pppk else rng.choice(["II/c", "III/a", "III/b", "III/c", "IV/a"]),
                unit=units[index % len(units)],
                position=position,
                birth_date=birth,
                tmt_cpns=tmt,
                sex="L",
                created_at=now,
                updated_at=now,
            )
        )
        if len(batch) == 10000:
            Employee.objects.bulk_create(batch)
            batch = []
    Employee.objects.bulk_create(batch)


def _assessment_rows(employees: list[tuple[int, int]], required: dict[int, list[tuple[int, int]]]):
    """Rows from memory only: no query may run while PostgreSQL's COPY is open."""
    rng = random.Random(17)  # noqa: S311 - benchmark data
    now = dt.datetime.now(dt.UTC)
    today = dt.date.today()
    for employee_id, position_id in employees:
        for competency_id, level in required[position_id]:
            if rng.random() < 0.15:
                continue
            current = max(1, min(5, level + rng.choice([-2, -1, -1, 0, 0, 0, 1])))
            date = today - dt.timedelta(days=rng.randint(1, 700))
            if rng.random() < 0.2:
                yield (
                    employee_id,
                    competency_id,
                    max(1, current - 1),
                    "supervisor",
                    date - dt.timedelta(days=365),
                    False,
                    now,
                )
            if rng.random() < 0.1:
                yield (employee_id, competency_id, 5, "self", date, False, now)
            yield (employee_id, competency_id, current, "assessment_centre", date, True, now)


def _assessments() -> None:
    columns = "employee_id, competency_id, level, source, assessed_on, is_current, created_at"
    table = Assessment._meta.db_table
    employees = list(Employee.objects.values_list("id", "position_id").order_by("id"))
    required: dict[int, list[tuple[int, int]]] = {}
    for position_id, competency_id, level in PositionRequirement.objects.values_list(
        "position_id", "competency_id", "required_level"
    ).order_by("position_id", "pk"):
        required.setdefault(position_id, []).append((competency_id, level))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(
                f"COPY {table} ({columns}, updated_at, notes, evidence) FROM STDIN"
            ) as copy:
                for row in _assessment_rows(employees, required):
                    copy.write_row((*row, row[-1], "", ""))
            return
        rows, sql = (
            [],
            (
                f"INSERT INTO {table} ({columns}, updated_at, notes, evidence) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, '', '')"
            ),
        )
        for row in _assessment_rows(employees, required):
            rows.append((*row, row[-1]))
            if len(rows) == 50000:
                cursor.executemany(sql, rows)
                rows = []
        cursor.executemany(sql, rows)


def timed(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def hand_sql(prefix: str, depth: int) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(HAND_SQL, [depth * OrgUnit.steplen, prefix + "%"])
        return cursor.fetchall()


def normalise_sql(rows: list[tuple]) -> set[tuple]:
    return {
        (
            grp,
            competency,
            employees,
            assessed,
            below,
            None if gap is None else round(Decimal(str(gap)), 2),
        )
        for grp, competency, employees, assessed, below, gap in rows
    }


def normalise_api(payload: dict, paths: dict[int, str]) -> set[tuple]:
    return {
        (
            paths[r["unit"]],
            r["competency"],
            r["employees"],
            r["assessed"],
            r["below"],
            None if r["mean_gap"] is None else Decimal(r["mean_gap"]),
        )
        for r in payload["results"]
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]  # in-process client only
    warnings.simplefilter("ignore", DeprecationWarning)
    call_command("migrate", verbosity=0)
    have = Employee.objects.filter(
        unit__path__startswith=OrgUnit.objects.filter(code=AGENCY_CODE)
        .values_list("path", flat=True)
        .first()
        or "~"
    ).count()
    if args.rebuild or have != args.employees:
        build(args.employees)
    agency = OrgUnit.objects.get(code=AGENCY_CODE)
    directorate = OrgUnit.objects.get(code="DIR3")
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="bench-hr")
    paths = dict(OrgUnit.objects.values_list("pk", "path"))
    print(
        f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']}), "
        f"employees: {args.employees}, "
        f"current ratings: {Assessment.objects.filter(is_current=True).count()}"
    )
    for label, unit, params in (
        ("whole agency", agency, {}),
        ("one directorate", directorate, {"unit": directorate.pk}),
    ):

        def call_api(params=params, counter=None):
            client = APIClient()
            # a fresh user object per request: the scope is read again, as in production
            client.force_authenticate(user=get_user_model().objects.get(pk=user.pk))
            with counter if counter is not None else nullcontext():
                response = client.get(URL, params)
            assert response.status_code == 200, response.content[:500]
            return response.json()

        call_api()  # warm caches once
        api_time, payload = timed(call_api, args.repeat)
        queries = CaptureQueriesContext(connection)
        call_api(counter=queries)
        sql_time, rows = timed(lambda unit=unit: hand_sql(unit.path, unit.depth + 1), args.repeat)
        same = normalise_api(payload, paths) == normalise_sql(rows)
        print(
            f"{label:16s} API {api_time * 1000:8.1f} ms | hand-written SQL "
            f"{sql_time * 1000:8.1f} ms | ratio {api_time / sql_time:5.2f} | "
            f"API queries {len(queries.captured_queries)} | rows {len(rows)} | "
            f"same numbers: {'yes' if same else 'NO'}"
        )


if __name__ == "__main__":
    main()
