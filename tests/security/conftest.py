"""Shared builders for the security tests: one small world with an object of every kind
per owner, made on demand, so a test pays only for the objects its routes need."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from certificates.models import BulkIssueJob, Certificate
from competencies.models import Assessment, Competency, LearningRecord, PositionRequirement
from people.models import Employee
from recognition.models import Award, AwardType, Notification
from tests.factories import EmployeeFactory, UserFactory
from tests.training.factories import make_module
from training.models import Attempt, Enrollment, Module
from training.services import attempt_start_for

ROLES = ("anon", "pegawai", "leader_a2", "leader", "hr_b", "hr", "admin")
_serial = itertools.count(1)


class Objects:
    """`objects.kwargs(kind, owner)` -> URL kwargs of an object of `kind` owned by `owner`
    (an Employee; None for global kinds). Built once per (kind, owner) per test."""

    def __init__(self, world, users: dict) -> None:
        self.world, self.users, self._cache = world, users, {}

    # -- plumbing ---------------------------------------------------------------------
    def kwargs(self, kind: str, owner: Employee | None) -> dict:
        key = (kind, owner.pk if owner else None)
        if key not in self._cache:
            self._cache[key] = getattr(self, f"_{kind}")(owner)
        return self._cache[key]

    def module(self) -> Module:
        if "module" not in self._cache:
            self._cache["module"] = make_module(code="SEC-1", questions=2, per_attempt=2, lessons=1)
        return self._cache["module"]

    def enrollment(self, owner: Employee) -> Enrollment:
        return Enrollment.objects.get_or_create(employee=owner, module=self.module())[0]

    def certificate(self, owner: Employee) -> Certificate:
        n = next(_serial)
        cert = Certificate.objects.create(
            kind="training",
            recipient=owner,
            title="Sertifikat uji",
            serial=f"SEC/{n:05d}",
            verification_code=f"sec{n:05d}code",
            source_key=f"sec:{n}",
            issued_at=timezone.now(),
            sha256="0" * 64,
        )
        cert.pdf.save(f"sec-{n}.pdf", ContentFile(b"%PDF-1.4 test"), save=True)
        return cert

    def award(self, owner: Employee, status: str = Award.Status.NOMINATED) -> Award:
        award_type = AwardType.objects.filter(is_active=True).order_by("pk").first()
        return Award.objects.create(
            award_type=award_type,
            recipient=owner,
            status=status,
            nominated_by=self.users["admin"],
            citation="Bagus",
            period_start=dt.date(timezone.now().year, 1, 1),
        )

    # -- kinds --------------------------------------------------------------------------
    def _employee(self, owner):
        return {"pk": owner.pk}

    def _unit(self, owner):
        return {"pk": owner.unit_id}

    def _wall_unit(self, owner):
        return {"unit_id": owner.unit_id}

    def _position(self, owner):
        return {"pk": owner.position_id}

    def _module(self, owner):
        return {"pk": self.module().pk}

    def _lesson(self, owner):
        module = self.module()
        return {"pk": module.pk, "lesson_pk": module.lessons.first().pk}

    def _question(self, owner):
        module = self.module()
        return {"pk": module.pk, "question_pk": module.questions.first().pk}

    def _competency(self, owner):
        return {"pk": Competency.objects.get(code="M.1").pk}

    def _award_type(self, owner):
        return {"pk": AwardType.objects.order_by("pk").first().pk}

    def _requirement(self, owner):
        req = PositionRequirement.objects.get_or_create(
            position=owner.position,
            competency=Competency.objects.get(code="M.1"),
            defaults={"required_level": 3},
        )[0]
        return {"pk": req.pk}

    def _assessment(self, owner):
        return {
            "pk": Assessment.objects.create(
                employee=owner,
                competency=Competency.objects.get(code="M.1"),
                level=2,
                source="supervisor",
                assessed_on=dt.date(2025, 1, 2),
            ).pk
        }

    def _learning_record(self, owner):
        return {
            "pk": LearningRecord.objects.create(
                employee=owner,
                title="Belajar",
                kind="classical",
                jp=Decimal("2"),
                start_date=dt.date(2025, 1, 2),
                end_date=dt.date(2025, 1, 2),
                source_key=f"sec:lr:{owner.pk}",
            ).pk
        }

    def _enrollment(self, owner):
        return {"pk": self.enrollment(owner).pk}

    def _enrollment_lesson(self, owner):
        return {"pk": self.enrollment(owner).pk, "lesson_id": self.module().lessons.first().pk}

    def _attempt(self, owner):
        attempt: Attempt = attempt_start_for(enrollment=self.enrollment(owner))[0]
        return {"pk": attempt.pk}

    def _certificate(self, owner):
        return {"pk": self.certificate(owner).pk}

    def _verify(self, owner):
        return {"code": self.certificate(owner).verification_code}

    def _signed(self, owner):
        from certificates.downloads import signed_download_path

        return {
            "token": signed_download_path(self.certificate(owner)).rstrip("/").rsplit("/", 1)[1]
        }

    def _bulk_job(self, owner):
        job = BulkIssueJob.objects.create(
            source="training.module",
            cohort_id="1",
            created_by=owner.user if owner else None,
            status=BulkIssueJob.Status.DONE,
        )
        return {"pk": job.pk}

    def _award(self, owner):
        return {"pk": self.award(owner).pk}

    def _notification(self, owner):
        return {"pk": Notification.objects.create(recipient=owner.user, text="Hai").pk}


@pytest.fixture
def cast(world, personas):
    """Everyone the tests need: the personas (users), a peer of `pegawai` in Bidang A1a (the
    "subordinate" owner) and a staff member of Dinas B1 (the "outside" owner)."""
    users = dict(personas)
    users["staff_a1a"] = EmployeeFactory(
        unit=world.a1a, position=world.position_a, name="Staf A1a", user=UserFactory(username="a1a")
    )
    users["staff_b1"] = EmployeeFactory(
        unit=world.b1, position=world.position_b, name="Staf B1", user=UserFactory(username="b1")
    )
    return users


@pytest.fixture
def objects(world, cast) -> Objects:
    return Objects(world, cast)


@pytest.fixture
def clients(cast) -> dict[str, Client]:
    result = {"anon": Client()}
    for role in ROLES[1:]:
        client = Client()
        client.force_login(cast[role])
        result[role] = client
    return result
