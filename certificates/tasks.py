"""Celery tasks (eager without a broker). Rendering happens here or in services."""

from celery import shared_task

from certificates.bulk import bulk_job_run
from certificates.models import BulkIssueJob


@shared_task(name="certificates.run_bulk_job")
def run_bulk_job(job_id: int) -> int:
    job = BulkIssueJob.objects.select_related("created_by").get(pk=job_id)
    try:
        bulk_job_run(job=job)
    except Exception:  # noqa: BLE001 - recorded on the job; the page shows it
        return job_id
    return job_id
