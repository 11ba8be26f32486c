import io
import zipfile

import pytest
from django.core.management import call_command

from certificates import bulk, services
from certificates.bulk import bulk_job_create, bulk_job_run
from certificates.models import BulkIssueJob, Certificate
from tests.factories import EmployeeFactory


@pytest.fixture
def cohort(world):
    return [EmployeeFactory(unit=world.a1a) for _ in range(5)]


def test_bulk_issues_each_pending_once_and_rerun_adds_nothing(hr, world, cohort, test_source):
    job = bulk_job_run(
        job=bulk_job_create(actor=hr, source_key=test_source, cohort_id=world.a1a.pk)
    )
    assert (job.status, job.total, job.done, job.issued) == ("done", 5, 5, 5)
    again = bulk_job_run(
        job=bulk_job_create(actor=hr, source_key=test_source, cohort_id=world.a1a.pk)
    )
    assert (again.done, again.issued) == (5, 0)
    assert Certificate.objects.count() == 5


def test_interrupted_bulk_rerun_leaves_one_certificate_each(
    hr, world, cohort, test_source, monkeypatch
):
    real = services.certificate_issue
    calls = {"n": 0}

    def crashing(**kwargs):
        calls["n"] += 1
        if calls["n"] > 2:
            raise RuntimeError("worker killed")
        return real(**kwargs)

    monkeypatch.setattr(bulk, "certificate_issue", crashing)
    job = bulk_job_create(actor=hr, source_key=test_source, cohort_id=world.a1a.pk)
    with pytest.raises(RuntimeError):
        bulk_job_run(job=job)
    job.refresh_from_db()
    assert (job.status, job.done) == ("failed", 2) and "worker killed" in job.error
    assert Certificate.objects.count() == 2
    monkeypatch.setattr(bulk, "certificate_issue", real)
    rerun = bulk_job_run(
        job=bulk_job_create(actor=hr, source_key=test_source, cohort_id=world.a1a.pk)
    )
    assert rerun.issued == 3
    keys = list(Certificate.objects.values_list("source_key", flat=True))
    assert len(keys) == len(set(keys)) == 5
    numbers = sorted(int(s[-6:]) for s in Certificate.objects.values_list("serial", flat=True))
    assert numbers == [1, 2, 3, 4, 5]


def test_reissue_needs_confirmation(hr, world, cohort, test_source):
    from django.core.exceptions import ValidationError

    bulk_job_run(job=bulk_job_create(actor=hr, source_key=test_source, cohort_id=world.a1a.pk))
    with pytest.raises(ValidationError):
        bulk_job_create(
            actor=hr,
            source_key=test_source,
            cohort_id=world.a1a.pk,
            reissue=True,
            reason="Templat baru",
        )
    job = bulk_job_run(
        job=bulk_job_create(
            actor=hr,
            source_key=test_source,
            cohort_id=world.a1a.pk,
            reissue=True,
            confirm=True,
            reason="Templat baru",
        )
    )
    assert job.issued == 5
    assert Certificate.objects.filter(status="valid", version=2).count() == 5
    assert Certificate.objects.filter(status="superseded").count() == 5


def test_cohort_out_of_scope_is_refused(hr_b, world, cohort, test_source):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        bulk_job_create(actor=hr_b, source_key=test_source, cohort_id=world.a1a.pk)


def test_bulk_page_progress_and_zip(
    client, hr, world, cohort, test_source, django_capture_on_commit_callbacks
):
    client.force_login(hr)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/certificates/bulk/", {"cohort": f"{test_source}|{world.a1a.pk}"})
    job = BulkIssueJob.objects.get()
    assert response.status_code == 302
    progress = client.get(f"/certificates/bulk/{job.pk}/progress/")
    assert "5 dari 5 diproses, 5 baru diterbitkan." in progress.content.decode()
    page = client.get(f"/certificates/bulk/{job.pk}/")
    assert page.status_code == 200
    archive = client.get(f"/certificates/bulk/{job.pk}/zip/")
    assert archive["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))).namelist()
    assert sorted(names) == sorted(c.download_name for c in Certificate.objects.all())


def test_bulk_pages_for_other_roles(client, pegawai, hr_b, hr, world, test_source):
    job = bulk_job_create(actor=hr, source_key=test_source, cohort_id=world.a1a.pk)
    client.force_login(pegawai)
    assert client.get("/certificates/bulk/").status_code == 403
    client.force_login(hr_b)
    assert client.get(f"/certificates/bulk/{job.pk}/").status_code == 404
    assert client.get(f"/certificates/bulk/{job.pk}/zip/").status_code == 404


def test_management_command(hr, world, cohort, test_source):
    out = io.StringIO()
    call_command(
        "issue_certificates",
        source=test_source,
        cohort=str(world.a1a.pk),
        user="hr",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "5 processed, 5 newly issued" in out.getvalue()
    out = io.StringIO()
    call_command(
        "issue_certificates",
        source=test_source,
        cohort=str(world.a1a.pk),
        user="hr",
        dry_run=True,
        stdout=out,
    )
    assert "5 in cohort, 0 to issue (dry run)." in out.getvalue()
