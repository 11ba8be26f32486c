"""Training and recognition issue real documents through the certificates capability."""

import io

import pytest
from celery.exceptions import Retry
from django.core.management import call_command
from pypdf import PdfReader

from certificates.bulk import bulk_job_create, bulk_job_run
from certificates.models import Certificate
from competencies.models import LearningRecord
from recognition.models import AwardType
from recognition.services import award_approve, award_nominate, award_revoke
from tests.conftest import employee_of
from tests.training.factories import answers_for, make_module
from training.models import Enrollment

pytestmark = pytest.mark.django_db


def pdf_text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def pass_module(client, module) -> dict:
    client.post(f"/api/v1/modules/{module.pk}/enroll/")
    started = client.post(f"/api/v1/modules/{module.pk}/attempts/").json()
    answers = answers_for(started, right=len(started["questions"]))
    return client.post(f"/api/v1/attempts/{started['id']}/submit/", {"answers": answers}).json()


def test_passing_a_module_issues_a_certificate_that_verifies(
    api, pegawai, django_capture_on_commit_callbacks
):
    module = make_module(code="KOM-E2E")
    client = api(pegawai)
    with django_capture_on_commit_callbacks(execute=True) as after_commit:
        result = pass_module(client, module)
    assert result["passed"] is True
    assert len(after_commit) == 1  # the render, queued once the submit has committed
    employee = employee_of(pegawai)
    certificate = Certificate.objects.get(recipient=employee)
    assert certificate.kind == "training" and certificate.status == "valid"
    assert certificate.source_key == f"training.enrollment:{Enrollment.objects.get().pk}"
    assert LearningRecord.objects.get(employee=employee).jp == module.jp

    mine = client.get("/api/v1/certificates/").json()["results"]
    assert [row["serial"] for row in mine] == [certificate.serial]
    text = pdf_text(client.get(f"/api/v1/certificates/{certificate.pk}/pdf/"))
    assert employee.full_name in text and module.title in text and certificate.serial in text

    public = api().get(f"/api/v1/verify/{certificate.verification_code}/").json()
    assert public["status"] == "valid" and public["title"] == module.title
    assert employee.nip not in str(public)


def test_until_its_render_has_run_a_new_certificate_is_nowhere_to_be_seen(
    api, pegawai, django_capture_on_commit_callbacks
):
    client = api(pegawai)
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        assert pass_module(client, make_module(code="KOM-WAIT"))["passed"] is True
    certificate = Certificate.objects.get()
    assert certificate.status == "pending" and certificate.serial and not certificate.pdf
    assert client.get("/api/v1/certificates/").json()["results"] == []
    assert api().get(f"/api/v1/verify/{certificate.verification_code}/").status_code == 404
    after_commit[0]()
    certificate.refresh_from_db()
    assert certificate.status == "valid" and certificate.pdf
    assert [row["serial"] for row in client.get("/api/v1/certificates/").json()["results"]] == [
        certificate.serial
    ]


def test_a_failed_render_keeps_the_reservation_for_the_retry(
    api, pegawai, django_capture_on_commit_callbacks, monkeypatch
):
    client = api(pegawai)
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        pass_module(client, make_module(code="KOM-RETRY"))
    reserved = Certificate.objects.get()

    def broken(snapshot):
        raise OSError("font cache unavailable")

    monkeypatch.setattr("certificates.services.render_certificate_pdf", broken)
    with pytest.raises((OSError, Retry)):  # eager Celery raises Retry; a worker retries
        after_commit[0]()
    assert Certificate.objects.get().status == "pending"
    monkeypatch.undo()
    after_commit[0]()  # the task's retry
    finished = Certificate.objects.get()
    assert (finished.pk, finished.serial, finished.status) == (
        reserved.pk,
        reserved.serial,
        "valid",
    )


def test_bulk_issuance_of_a_module_cohort_is_idempotent(api, hr, pegawai, leader):
    module = make_module(code="KOM-BULK")
    for user in (pegawai, leader):
        Enrollment.objects.create(employee=employee_of(user), module=module, status="completed")
    job = bulk_job_run(
        job=bulk_job_create(actor=hr, source_key="training.module", cohort_id=str(module.pk))
    )
    assert (job.total, job.issued) == (2, 2)
    again = bulk_job_run(
        job=bulk_job_create(actor=hr, source_key="training.module", cohort_id=str(module.pk))
    )
    assert (again.total, again.issued) == (2, 0)
    assert Certificate.objects.filter(kind="training").count() == 2


def test_hr_of_another_agency_cannot_bulk_issue_for_agency_a(hr_b, pegawai):
    module = make_module(code="KOM-SCOPE")
    Enrollment.objects.create(employee=employee_of(pegawai), module=module, status="completed")
    with pytest.raises(Exception, match="cohort"):
        bulk_job_create(actor=hr_b, source_key="training.module", cohort_id=str(module.pk))


def test_award_charter_is_issued_on_grant_and_verifies_revoked_after_revoke(
    api, leader, hr, pegawai
):
    award_type = AwardType.objects.get(code="pegawai-teladan")
    award = award_nominate(
        actor=leader,
        award_type=award_type,
        recipient=employee_of(pegawai),
        citation="Melayani dengan sepenuh hati.",
    )
    award = award_approve(actor=hr, award=award)
    charter = award.charter_certificate
    assert charter.kind == "award" and charter.serial.startswith("PIAGAM/")
    assert "Melayani dengan sepenuh hati." in pdf_text(
        api(pegawai).get(f"/api/v1/certificates/{charter.pk}/pdf/")
    )
    verify = f"/api/v1/verify/{charter.verification_code}/"
    assert api().get(verify).json()["status"] == "valid"

    award_revoke(actor=hr, award=award, reason="Keliru penerima.")
    assert api().get(verify).json()["status"] == "revoked"
    page = api().get(f"/verify/{charter.verification_code}/")
    assert page.status_code == 200


def test_seed_demo_runs_twice_and_gives_every_page_content(db):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    counts = (Certificate.objects.count(), Enrollment.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Certificate.objects.count(), Enrollment.objects.count()) == counts
    assert Certificate.objects.filter(status="revoked").exists()
    assert Certificate.objects.filter(status="superseded").exists()
    assert "pegawai" in out.getvalue()
