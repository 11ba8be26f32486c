"""Load: gunicorn (two workers) on PostgreSQL over 100,000 employees, driven by locust.

Prints, for each phase, requests per second, p50, p95, p99 and errors per request type,
and beside them, measured in the same run, the floor: a bare one-row INSERT (its own
transaction, durable commit) through psycopg from as many clients as locust runs users.

- Phase "submit": every locust user only submits quiz attempts started beforehand: the
  capacity of the submit path. Target: at least 0.25x the INSERT floor, p99 under 50 ms.
- Phase "me": GET /api/v1/me/ only, the cheapest authenticated request, for reference.
- Phase "mix": learners start, save and submit the quiz while HR reads gap reports.
- The SQL statements of one submit, counted in-process through the same API with a token
  (target: at most 6 for a submit that does not complete the module).

Certificates earned during the run are reserved in the submit and queued on Redis for a
worker (CELERY_BROKER_URL); they are rendered after the run and timed apart.

    make bench-load                  # installs locust, then runs the defaults below
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/asn_load \\
        .venv/bin/python bench/load.py --duration 30 --users 2 --mix-users 10

Builds the 100,000-employee dataset of bench/gap_report.py once (a few minutes); every
later run only resets the quiz rows. Prints figures only; never part of the test suite.
"""

import argparse
import csv
import json
import os
import random
import secrets
import shutil
import signal
import subprocess  # nosec B404 - starts gunicorn and locust, both from this venv
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/asn_load")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import gap_report  # noqa: E402 - sets Django up; its dataset is ours
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from certificates.models import Certificate, CertificateAudit  # noqa: E402
from certificates.services import certificate_finish_pending  # noqa: E402
from competencies.models import Assessment, Competency, LearningRecord  # noqa: E402
from people.models import Employee, OrgUnit  # noqa: E402
from training.models import (  # noqa: E402
    Attempt,
    AttemptQuestion,
    Enrollment,
    Module,
    ModuleCompetency,
    Option,
    Question,
)

PORT = 8765
MODULE_CODE = "LOAD-1"
QUESTIONS = 10
RIGHT = 0.7  # chance a learner answers a question right (bench/locustfile.py: the same)
BROKER = "redis://127.0.0.1:6379/15"
TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


# --- data -----------------------------------------------------------------------------


def ensure_database() -> None:
    """CREATE DATABASE for the bench when it does not exist yet."""
    import psycopg

    name = settings.DATABASES["default"]["NAME"]
    with psycopg.connect(**server_conninfo(dbname="postgres"), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')  # nosec B608 - our own setting


def server_conninfo(dbname: str | None = None) -> dict:
    dsn = settings.DATABASES["default"]
    return {
        "host": dsn["HOST"] or "127.0.0.1",
        "port": dsn["PORT"] or 5432,
        "user": dsn["USER"],
        "dbname": dbname or dsn["NAME"],
    }


def ensure_dataset(employees: int) -> None:
    call_command("migrate", verbosity=0)
    agency_path = (
        OrgUnit.objects.filter(code=gap_report.AGENCY_CODE).values_list("path", flat=True).first()
    )
    if (
        agency_path is None
        or Employee.objects.filter(unit__path__startswith=agency_path).count() != employees
    ):
        gap_report.build(employees)


def quiz_module() -> Module:
    module = Module.objects.filter(code=MODULE_CODE).first()
    if module is None:
        module = Module.objects.create(
            code=MODULE_CODE,
            title="Pelayanan Prima: Uji Beban",
            summary="Modul benchmark",
            jp=2,
            questions_per_attempt=QUESTIONS,
            pass_mark=80,
            attempts_allowed=None,
            status=Module.Status.PUBLISHED,
        )
        ModuleCompetency.objects.create(
            module=module, level=2, competency=Competency.objects.get(code="M.3")
        )
        for n in range(1, QUESTIONS + 1):
            question = Question.objects.create(module=module, text=f"Pertanyaan {n}?")
            Option.objects.bulk_create(
                Option(question=question, text=f"Pilihan {n}.{k}", is_correct=k == 1, order=k)
                for k in range(1, 5)
            )
    return module


def reset_quiz(module: Module) -> None:
    """Forget every earlier run: enrolments, attempts, and what passes wrote."""
    keys = [
        f"training.enrollment:{pk}"
        for pk in Enrollment.objects.filter(module=module).values_list("pk", flat=True)
    ]
    with transaction.atomic():
        certificates = Certificate.objects.filter(source_key__in=keys)
        CertificateAudit.objects.filter(certificate__in=certificates).delete()
        certificates.delete()
        LearningRecord.objects.filter(source_key__in=keys).delete()
        Assessment.objects.filter(source=Assessment.Source.TRAINING).delete()
        AttemptQuestion.objects.filter(attempt__enrollment__module=module).delete()
        Attempt.objects.filter(enrollment__module=module).delete()
        Enrollment.objects.filter(module=module).delete()


def learners(count: int) -> list[tuple[Employee, str]]:
    """`count` employees of the dataset, each with a login and an API token."""
    user_model = get_user_model()
    chosen = list(
        Employee.objects.filter(
            unit__path__startswith=OrgUnit.objects.get(code=gap_report.AGENCY_CODE).path
        ).order_by("pk")[:count]
    )
    missing = [e for e in chosen if e.user_id is None]
    if missing:
        users = user_model.objects.bulk_create(
            user_model(username=f"load-{e.nip}", password=make_password(None)) for e in missing
        )
        for employee, user in zip(missing, users, strict=True):
            employee.user = user
        Employee.objects.bulk_update(missing, ["user"], batch_size=2000)
    user_ids = [e.user_id for e in chosen]
    tokens = dict(Token.objects.filter(user__in=user_ids).values_list("user_id", "key"))
    Token.objects.bulk_create(
        Token(user_id=pk, key=Token.generate_key()) for pk in user_ids if pk not in tokens
    )
    tokens = dict(Token.objects.filter(user__in=user_ids).values_list("user_id", "key"))
    return [(employee, tokens[employee.user_id]) for employee in chosen]


def prestart(module: Module, people: list[tuple[Employee, str]], rng: random.Random):
    """Enrol everyone and open one attempt each, in bulk; returns what locust submits."""
    questions = list(module.questions.prefetch_related("options").order_by("pk"))
    key = answer_key(module)
    now = timezone.now()
    enrollments = Enrollment.objects.bulk_create(
        Enrollment(employee=e, module=module, status=Enrollment.Status.IN_PROGRESS)
        for e, _token in people
    )
    attempts = Attempt.objects.bulk_create(
        Attempt(enrollment=en, number=1, started_at=now) for en in enrollments
    )
    items, plan = [], []
    for (_employee, token), attempt in zip(people, attempts, strict=True):
        given = []
        for position, question in enumerate(questions, start=1):
            order = [o.pk for o in question.options.all()]
            rng.shuffle(order)
            items.append(
                AttemptQuestion(
                    attempt=attempt, question=question, position=position, option_order=order
                )
            )
            right = key[str(question.pk)]
            given.append(
                {
                    "question": question.pk,
                    "options": [
                        right if rng.random() < RIGHT else next(pk for pk in order if pk != right)
                    ],
                }
            )
        plan.append([token, attempt.pk, given])
    AttemptQuestion.objects.bulk_create(items, batch_size=5000)
    return plan


def answer_key(module: Module) -> dict[str, int]:
    return {
        str(q): o
        for q, o in Option.objects.filter(question__module=module, is_correct=True).values_list(
            "question_id", "pk"
        )
    }


def write_plan(path: Path, **plan) -> None:
    path.write_text(json.dumps(plan), encoding="utf-8")


# --- statements -----------------------------------------------------------------------


def count_statements(token: str, module: Module, *, complete: bool) -> int:
    """Row statements of one submit through the API (transaction control not counted)."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    client.post(f"/api/v1/modules/{module.pk}/enroll/", secure=True)
    attempt = client.post(f"/api/v1/modules/{module.pk}/attempts/", secure=True).json()
    key = answer_key(module)
    given = [
        {
            "question": q["id"],
            "options": [key[str(q["id"])]]
            if complete
            else [next(o["id"] for o in q["options"] if o["id"] != key[str(q["id"])])],
        }
        for q in attempt["questions"]
    ]
    with CaptureQueriesContext(connection) as captured:
        response = client.post(
            f"/api/v1/attempts/{attempt['id']}/submit/",
            {"answers": given},
            format="json",
            secure=True,
        )
    assert response.status_code == 200, response.content[:300]
    assert response.json()["passed"] is complete
    return sum(
        1 for q in captured.captured_queries if not q["sql"].upper().startswith(TRANSACTION_CONTROL)
    )


# --- the floor ------------------------------------------------------------------------


def insert_floor(clients: int, seconds: float) -> dict:
    """A bare one-row INSERT per transaction (autocommit, durable) from `clients` threads."""
    import psycopg

    conninfo = server_conninfo()
    with psycopg.connect(**conninfo, autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_floor")
        conn.execute(
            "CREATE TABLE bench_floor (id bigserial PRIMARY KEY, attempt_id integer, "
            "score numeric(5, 2), created_at timestamptz NOT NULL DEFAULT now())"
        )
    samples: list[list[float]] = [[] for _ in range(clients)]
    stop = time.perf_counter() + seconds

    def client(index: int) -> None:
        with psycopg.connect(**conninfo, autocommit=True) as conn:
            while time.perf_counter() < stop:
                started = time.perf_counter()
                conn.execute(
                    "INSERT INTO bench_floor (attempt_id, score) VALUES (%s, %s)", (index, 50)
                )
                samples[index].append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    begun = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begun
    latencies = sorted(x for per_client in samples for x in per_client)
    return {
        "name": f"floor: bare INSERT ({clients} clients)",
        "count": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "errors": 0,
    }


def percentile(values: list[float], p: float) -> float:
    return values[min(len(values) - 1, int(len(values) * p / 100))] if values else 0.0


# --- servers --------------------------------------------------------------------------


def server_env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "CELERY_BROKER_URL": BROKER,
    }


def start_gunicorn(workers: int) -> subprocess.Popen:
    process = subprocess.Popen(  # nosec B603 - fixed argv
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=server_env(),
        start_new_session=True,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            request = urllib.request.Request(
                f"http://127.0.0.1:{PORT}/api/schema/", headers={"X-Forwarded-Proto": "https"}
            )
            with urllib.request.urlopen(request, timeout=5):  # noqa: S310  # nosec B310
                return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("gunicorn did not answer within 30 s")


def run_locust(
    plan: Path, phase: str, users: int, seconds: int, weights: tuple[int, int], out: Path
) -> list[dict]:
    prefix = out / phase
    subprocess.run(  # nosec B603 - fixed argv
        [
            str(ROOT / ".venv/bin/locust"),
            "-f",
            str(ROOT / "bench/locustfile.py"),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--host",
            f"http://127.0.0.1:{PORT}",
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
            "--stop-timeout",
            "5",
        ],
        cwd=ROOT,
        check=False,
        capture_output=True,
        env={
            **os.environ,
            "LOAD_PLAN": str(plan),
            "LOAD_PHASE": phase,
            "LOAD_LEARNER_WEIGHT": str(weights[0]),
            "LOAD_HR_WEIGHT": str(weights[1]),
        },
    )
    rows = []
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                continue
            rows.append(
                {
                    "name": f"{row['Type']} {row['Name']}",
                    "count": int(row["Request Count"]),
                    "rps": float(row["Requests/s"]),
                    "p50": float(row["50%"]),
                    "p95": float(row["95%"]),
                    "p99": float(row["99%"]),
                    "errors": int(row["Failure Count"]),
                }
            )
    return rows


def drain_certificates() -> tuple[int, float]:
    """Render what the run's passes reserved (a worker's job), and drop the queued tasks."""
    from config.celery import app

    with app.connection_for_write(BROKER) as broker:
        app.control.purge(connection=broker)
    pending = list(
        Certificate.objects.filter(status=Certificate.Status.PENDING).values_list("pk", flat=True)
    )
    started = time.perf_counter()
    for pk in pending:
        certificate_finish_pending(certificate_id=pk)
    return len(pending), time.perf_counter() - started


# --- report ---------------------------------------------------------------------------


def print_table(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    print(
        f"  {'request':34s} {'count':>7s} {'req/s':>8s} {'p50 ms':>7s} {'p95 ms':>7s} "
        f"{'p99 ms':>7s} {'errors':>6s}"
    )
    for row in rows:
        print(
            f"  {row['name']:34s} {row['count']:7d} {row['rps']:8.1f} {row['p50']:7.1f} "
            f"{row['p95']:7.1f} {row['p99']:7.1f} {row['errors']:6d}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=30, help="seconds per phase")
    parser.add_argument(
        "--users", type=int, default=2, help="clients in the submit phase and for the INSERT floor"
    )
    parser.add_argument("--mix-users", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit("bench/load.py needs PostgreSQL (DATABASE_URL=postgres://...)")
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]  # the in-process statement count only
    rng = random.Random(7)  # noqa: S311 - benchmark data

    ensure_database()
    ensure_dataset(args.employees)
    module = quiz_module()
    reset_quiz(module)
    submit_capacity = args.users * args.duration * 150  # more than 2 workers can submit
    people = learners(submit_capacity + 3000 + 2)
    counted, mix_people, submit_people = people[:2], people[2:3002], people[3002:]
    statements = {
        "does not complete the module": count_statements(counted[0][1], module, complete=False),
        "completes the module (ledger, evidence, certificate)": count_statements(
            counted[1][1], module, complete=True
        ),
    }
    attempts = prestart(module, submit_people, rng)
    for employee, _token in mix_people:
        Enrollment.objects.get_or_create(employee=employee, module=module)
    agency = OrgUnit.objects.get(code=gap_report.AGENCY_CODE)
    hr = get_user_model().objects.get(username="bench-hr")
    out = Path(tempfile.mkdtemp(prefix="asn-load-"))
    plan = out / "plan.json"
    write_plan(
        plan,
        module=module.pk,
        key=answer_key(module),
        mix_learners=[token for _e, token in mix_people],
        submit_attempts=attempts,
        hr_token=Token.objects.get_or_create(user=hr)[0].key,
        gap_units=list(
            OrgUnit.objects.filter(
                path__startswith=agency.path, depth=agency.depth + 2
            ).values_list("pk", flat=True)
        ),
    )
    connection.close()

    floor = insert_floor(args.users, min(args.duration, 15))
    server = start_gunicorn(args.workers)
    try:
        submit_rows = run_locust(plan, "submit", args.users, args.duration, (1, 0), out)
        me_rows = run_locust(plan, "me", args.users, min(args.duration, 15), (1, 0), out)
        floor_after = insert_floor(args.users, min(args.duration, 15))
        mix_rows = run_locust(plan, "mix", args.mix_users, args.duration, (9, 1), out)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    rendered, render_seconds = drain_certificates()

    print(
        f"database: PostgreSQL {settings.DATABASES['default']['NAME']}, employees: "
        f"{args.employees}, gunicorn workers: {args.workers}, CPUs: {os.cpu_count()}, "
        f"phase: {args.duration} s"
    )
    print_table(
        f"submit phase: {args.users} locust users, each submitting prepared attempts",
        [*submit_rows, *me_rows, floor, floor_after],
    )
    submit = next(r for r in submit_rows if r["name"].endswith("quiz submit"))
    best_floor = max(floor["rps"], floor_after["rps"])
    print(
        f"  quiz submit / INSERT floor: {submit['rps'] / best_floor:.2f}x "
        f"(target >= 0.25x; floor taken before and after the phase, the higher one used)"
    )
    print(f"  quiz submit p99: {submit['p99']:.1f} ms (target < 50 ms)")
    print_table(f"mix phase: {args.mix_users} locust users, learners:HR = 9:1", mix_rows)
    print("\nSQL statements per submit (API with a token; BEGIN/COMMIT not counted):")
    for label, count in statements.items():
        print(f"  {label:54s} {count}")
    per = f", {render_seconds / rendered * 1000:.0f} ms each" if rendered else ""
    print(
        f"\ncertificates earned in the run: {rendered}, rendered after it by one process in "
        f"{render_seconds:.1f} s{per}"
    )
    shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
