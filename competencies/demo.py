"""Demo competency data: default requirements for every position, supervisor and
assessment-centre ratings for most employees (some meet, some fall short, a few are not
assessed), and JP ledger lines this year (some above, some below 20 JP).

Deterministic (seeded generator) and idempotent: employees who already have ratings are
skipped and ledger lines carry a `source_key`.
"""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from competencies.models import Assessment, LearningRecord, PositionRequirement
from competencies.services import requirement_defaults_apply
from people.models import Employee, Position

TRAININGS = [
    ("Pelatihan Pelayanan Prima", "classical", 24, "BKPSDM Kabupaten Sukamaju"),
    ("E-learning Etika dan Integritas ASN", "elearning", 6, "LAN RI"),
    ("Coaching Penanganan Pengaduan", "coaching", 4, "Inspektorat Daerah"),
    ("Webinar Pelayanan Publik Digital", "elearning", 3, "Kementerian PANRB"),
    ("Mentoring Standar Pelayanan", "mentoring", 5, "Ombudsman Perwakilan"),
    ("Belajar mandiri: Bahasa Isyarat Dasar", "self_learning", 8, "ASN Corpu"),
]


@transaction.atomic
def seed(*, stdout=None) -> None:
    today = timezone.localdate()
    for position in Position.objects.order_by("pk"):
        requirement_defaults_apply(position)
    required = {}
    for position_id, competency_id, level in PositionRequirement.objects.values_list(
        "position_id", "competency_id", "required_level"
    ):
        required.setdefault(position_id, []).append((competency_id, level))
    rated = set(Assessment.objects.values_list("employee_id", flat=True).distinct())
    employees = list(
        Employee.objects.filter(position__isnull=False).order_by("pk").select_related("user")
    )
    new_assessments = []
    for employee in employees:
        rng = _rng(employee, "ratings")
        if employee.pk in rated or rng.random() < 0.08:
            continue
        new_assessments += _ratings(
            rng,
            employee,
            required.get(employee.position_id, []),
            today,
            demo_user=employee.user and employee.user.username == "pegawai",
        )
    Assessment.objects.bulk_create(new_assessments)
    records = [
        record
        for employee in employees
        for record in _learning(_rng(employee, "jp"), employee, today)
    ]
    existing = set(
        LearningRecord.objects.filter(source_key__startswith="demo:").values_list(
            "source_key", flat=True
        )
    )
    LearningRecord.objects.bulk_create([r for r in records if r.source_key not in existing])
    if stdout:
        stdout.write(
            f"competencies: {PositionRequirement.objects.count()} requirements, "
            f"{Assessment.objects.count()} assessments, "
            f"{LearningRecord.objects.count()} learning records"
        )


def _rng(employee: Employee, purpose: str) -> random.Random:
    """One generator per employee and purpose: the same choices on every run."""
    return random.Random(f"382017:{employee.nip}:{purpose}")  # noqa: S311  (demo data)  # nosec B311


def _ratings(
    rng: random.Random, employee: Employee, requirements, today: dt.date, demo_user: bool
) -> list[Assessment]:
    """One current rating per required competency (most), an older one now and then."""
    found = []
    for index, (competency_id, level) in enumerate(requirements):
        if demo_user and index % 5 == 4:
            continue  # the demo pegawai has a few competencies not assessed yet
        if not demo_user and rng.random() < 0.1:
            continue
        delta = rng.choices([-2, -1, 0, 1], weights=[1, 4, 8, 3])[0]
        if demo_user and index % 3 == 0:
            delta = -1
        current = max(1, min(5, level + delta))
        source = rng.choice(["supervisor", "supervisor", "assessment_centre"])
        date = today - dt.timedelta(days=rng.randint(10, 400))
        if rng.random() < 0.2:
            found.append(
                Assessment(
                    employee=employee,
                    competency_id=competency_id,
                    level=max(1, current - 1),
                    source="supervisor",
                    assessed_on=date - dt.timedelta(days=365),
                )
            )
        found.append(
            Assessment(
                employee=employee,
                competency_id=competency_id,
                level=current,
                source=source,
                assessed_on=date,
                is_current=True,
                notes="Data demo",
            )
        )
        if demo_user or rng.random() < 0.15:
            found.append(
                Assessment(
                    employee=employee,
                    competency_id=competency_id,
                    level=min(5, current + 1),
                    source="self",
                    assessed_on=date + dt.timedelta(days=3),
                )
            )
    return found


def _learning(rng: random.Random, employee: Employee, today: dt.date) -> list[LearningRecord]:
    days_so_far = max((today - dt.date(today.year, 1, 1)).days, 1)
    demo_user = employee.user is not None and employee.user.username == "pegawai"
    count = 2 if demo_user else rng.randint(0, 4)
    records = []
    for number in range(count):
        title, kind, jp, organiser = TRAININGS[number + 1] if demo_user else rng.choice(TRAININGS)
        end = dt.date(today.year, 1, 1) + dt.timedelta(days=rng.randrange(days_so_far))
        start = max(dt.date(today.year, 1, 1), end - dt.timedelta(days=rng.randint(0, 4)))
        records.append(
            LearningRecord(
                employee=employee,
                title=title,
                kind=kind,
                jp=Decimal(jp),
                start_date=start,
                end_date=end,
                year=end.year,
                organiser=organiser,
                source_key=f"demo:{employee.pk}:{today.year}:{number}",
            )
        )
    return records
