"""Celery tasks (eager without a broker). Rendering happens here or in services."""

from celery import shared_task

from certificates.bulk import bulk_job_run
from certificates.models import BulkIssueJob
from certificates.services import certificate_finish_pending


@shared_task(name="certificates.run_bulk_job")
def run_bulk_job(job_id: int) -> int:
    job = BulkIssueJob.objects.select_related("created_by").get(pk=job_id)
    try:
        bulk_job_run(job=job)
    except Exception:  # noqa: BLE001 - recorded on the job; the page shows it
        return job_id
    return job_id


@shared_task(
    name="certificates.finish_pending",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def finish_pending(certificate_id: int) -> int:
    """Render a certificate reserved by `certificate_issue(render_after_commit=True)`. Retried with
    backoff on failure: the reservation keeps its number until the render succeeds."""
    certificate_finish_pending(certificate_id=certificate_id)
    return certificate_id
