"""Bulk issuance: every pending document of a cohort, through the idempotent
`certificate_issue`, so a rerun after a crash issues only the missing ones."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.models import BulkIssueJob, Certificate
from certificates.registry import IssueRequest, get_source
from certificates.selectors import HR_ONLY, certificate_for_source
from certificates.services import certificate_issue, certificate_reissue_unchecked
from people.selectors import employees_managed_by


def pending_requests(*, source_key: str, cohort_id: str, actor) -> list[IssueRequest]:
    """The cohort's requests for recipients the actor is HR for (all for an admin)."""
    source = get_source(source_key)
    if source is None:
        raise ValidationError({"source": _("Unknown certificate source.")})
    requests = list(source.pending(cohort_id))
    allowed = set(
        employees_managed_by(user=actor, roles=HR_ONLY)
        .filter(pk__in=[r.recipient.pk for r in requests])
        .values_list("pk", flat=True)
    )
    return [request for request in requests if request.recipient.pk in allowed]


def issue_one(
    *, request: IssueRequest, actor, reissue: bool = False, reason: str = ""
) -> tuple[Certificate, bool]:
    """Issue (or, when asked, re-issue) one document; returns it and whether it is new."""
    current = certificate_for_source(request.source_key)
    if current is None:
        return certificate_issue(**request.kwargs(), actor=actor), True
    if reissue and current.status == Certificate.Status.VALID:
        return certificate_reissue_unchecked(certificate=current, actor=actor, reason=reason), True
    return current, False


@transaction.atomic
def bulk_job_create(
    *,
    actor,
    source_key: str,
    cohort_id: str,
    reissue: bool = False,
    confirm: bool = False,
    reason: str = "",
) -> BulkIssueJob:
    """Create a job for a cohort the actor may issue for (the source scopes the cohorts)."""
    source = get_source(source_key)
    cohorts = {str(key): label for key, label in source.cohorts(actor)} if source else {}
    if str(cohort_id) not in cohorts:
        raise ValidationError({"cohort": _("Cohort not found.")})
    if reissue and not confirm:
        raise ValidationError(
            {"confirm": _("Re-issuing replaces every certificate of the cohort: please confirm.")}
        )
    if reissue and not reason.strip():
        raise ValidationError({"reason": _("Please give a reason.")})
    job = BulkIssueJob(
        source=source_key,
        cohort_id=str(cohort_id),
        cohort_label=cohorts[str(cohort_id)],
        reissue=reissue,
        reason=reason.strip(),
        created_by=actor,
    )
    job.full_clean()
    job.save()
    return job


def bulk_job_run(
    *, job: BulkIssueJob, progress: Callable[[int, int], None] | None = None
) -> BulkIssueJob:
    """Run a job: each document commits on its own, the counters move with `F()` so the
    progress page sees them live."""
    requests = pending_requests(
        source_key=job.source, cohort_id=job.cohort_id, actor=job.created_by
    )
    BulkIssueJob.objects.filter(pk=job.pk).update(
        status=BulkIssueJob.Status.RUNNING, total=len(requests), done=0, issued=0
    )
    try:
        for request in requests:
            certificate, created = issue_one(
                request=request, actor=job.created_by, reissue=job.reissue, reason=job.reason
            )
            job.certificates.add(certificate)
            BulkIssueJob.objects.filter(pk=job.pk).update(
                done=F("done") + 1, issued=F("issued") + int(created)
            )
            if progress:
                progress(1, len(requests))
    except Exception as error:
        BulkIssueJob.objects.filter(pk=job.pk).update(
            status=BulkIssueJob.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    BulkIssueJob.objects.filter(pk=job.pk).update(
        status=BulkIssueJob.Status.DONE, finished_at=timezone.now()
    )
    job.refresh_from_db()
    return job
