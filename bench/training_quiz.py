"""Quiz throughput: start + save + submit cycles, and the catalogue/enrolment list APIs.

Run against a throw-away database (it migrates and seeds it):

    DATABASE_URL=sqlite:////tmp/bench_training.sqlite3 .venv/bin/python bench/training_quiz.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/asn_bench_training \
        .venv/bin/python bench/training_quiz.py

Prints figures only; never part of the pass/fail suite.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

from people.demo import seed as seed_people  # noqa: E402
from people.models import Employee  # noqa: E402
from training import services  # noqa: E402
from training.demo import seed as seed_training  # noqa: E402
from training.models import Enrollment, Module  # noqa: E402

CYCLES = int(os.environ.get("CYCLES", "100"))


def timed(fn, n: int) -> list[float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def report(label: str, samples: list[float]) -> None:
    samples = sorted(samples)
    p95 = samples[int(len(samples) * 0.95) - 1]
    print(
        f"{label:38s} n={len(samples):4d} median={statistics.median(samples):7.2f} ms "
        f"p95={p95:7.2f} ms"
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    seed_people()
    seed_training()
    module = Module.objects.get(code="PP-DIG-01")  # 5 questions, up to 5 attempts
    module.attempts_allowed = None
    module.save(update_fields=["attempts_allowed"])
    employees = list(Employee.objects.exclude(enrollments__module=module)[:CYCLES])
    enrollments = [Enrollment.objects.create(employee=e, module=module) for e in employees]

    remaining = iter(enrollments)

    def cycle():
        current = next(remaining)
        attempt, _ = services.attempt_start_for(enrollment=current)
        items = list(attempt.items.all())
        services.attempt_save_answers(
            attempt_id=attempt.pk,
            answers=[{"question": i.question_id, "options": i.option_order[:1]} for i in items],
        )
        services.attempt_submit(attempt_id=attempt.pk)

    report(f"start+save+submit ({connection.vendor})", timed(cycle, len(enrollments)))
    hr = Employee.objects.get(user__username="hr").user
    client = APIClient()
    client.force_authenticate(hr)
    report("GET /api/v1/modules/", timed(lambda: client.get("/api/v1/modules/"), 50))
    report(
        "GET /api/v1/enrollments/?page_size=50",
        timed(lambda: client.get("/api/v1/enrollments/?page_size=50"), 50),
    )
    with CaptureQueriesContext(connection) as ctx:
        client.get("/api/v1/enrollments/?page_size=50")
    print(f"queries for 50 enrolments: {len(ctx.captured_queries)}")


if __name__ == "__main__":
    main()
