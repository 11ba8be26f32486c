"""Everything training writes into other capabilities when a learner passes a module.

Kept in one module so the wiring to competencies and certificates is in one place:
- the JP ledger line (competencies.LearningRecord, keyed `training.enrollment:<pk>`),
- the training evidence against each target competency (competencies.Assessment),
- the certificate (certificates.services.certificate_issue, idempotent on source_key;
  rendered once the submit has committed).

The competencies writes go through `competencies.services` (idempotent on the source key;
they keep `Assessment.is_current` right). How a pass changes the current level:
docs/decisions/0002-training-quiz-scoring-and-evidence.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certificates.registry import CertificateSource, IssueRequest, register_source
from certificates.services import certificate_issue
from competencies.models import Assessment, LearningRecord
from competencies.services import assessment_record, learning_record_create

if TYPE_CHECKING:
    from training.models import Enrollment


LEDGER_KIND = {
    "elearning": LearningRecord.Kind.ELEARNING,
    "classical": LearningRecord.Kind.CLASSICAL,
    "blended": LearningRecord.Kind.ELEARNING,
}


def source_key(enrollment: Enrollment) -> str:
    return f"training.enrollment:{enrollment.pk}"


@transaction.atomic
def record_learning(*, enrollment: Enrollment, actor=None) -> LearningRecord:
    """One ledger line per completed enrolment, whatever happens twice."""
    module = enrollment.module
    start = timezone.localdate(enrollment.created_at)
    end = timezone.localdate(enrollment.completed_at or timezone.now())
    return learning_record_create(
        employee=enrollment.employee,
        title=module.title[:255],
        kind=LEDGER_KIND.get(module.delivery, LearningRecord.Kind.OTHER),
        jp=module.jp,
        start_date=min(start, end),
        end_date=end,
        organiser=_("Training platform"),
        source_key=source_key(enrollment),
        actor=actor,
    )


def current_levels(employee, competency_ids: list[int]) -> dict[int, int]:
    """Latest non-self assessment per competency: what the profile calls the current level."""
    rows = Assessment.objects.filter(
        employee=employee, competency_id__in=competency_ids, is_current=True
    ).values_list("competency_id", "level")
    return dict(rows)


@transaction.atomic
def record_assessments(*, enrollment: Enrollment, actor=None) -> list[Assessment]:
    """Training evidence at the module's target level, only where it raises the level.

    A pass never lowers a level a supervisor or an assessment centre gave: the assessment is
    written only when the target level is above the current level (or none exists)."""
    key = source_key(enrollment)
    targets = list(enrollment.module.targets.all())
    current = current_levels(enrollment.employee, [t.competency_id for t in targets])
    done = set(
        Assessment.objects.filter(
            employee=enrollment.employee, source=Assessment.Source.TRAINING, notes__endswith=key
        ).values_list("competency_id", flat=True)
    )
    created = []
    for target in targets:
        if target.competency_id in done:
            continue
        if current.get(target.competency_id, 0) >= target.level:
            continue
        created.append(
            assessment_record(
                employee=enrollment.employee,
                competency=target.competency,
                level=target.level,
                source=Assessment.Source.TRAINING,
                assessor=actor,
                assessed_on=timezone.localdate(enrollment.completed_at or timezone.now()),
                notes=f"{enrollment.module.code} v{enrollment.module.version} · {key}",
            )
        )
    return created


def certificate_kwargs(enrollment: Enrollment) -> dict[str, Any]:
    module = enrollment.module
    return {
        "recipient": enrollment.employee,
        "kind": "training",
        "title": module.title,
        "jp": module.jp,
        "competencies": [t.competency.code for t in module.targets.all()],
        "period_start": timezone.localdate(enrollment.created_at),
        "period_end": timezone.localdate(enrollment.completed_at or timezone.now()),
        "source_key": source_key(enrollment),
        "citation": "",
    }


def issue_certificate(**kwargs: Any):
    """Issue through the certificates capability (idempotent there on source_key). The
    number is reserved in the submit's transaction; the PDF is rendered after it commits,
    so passing a quiz never waits for a render (a Celery worker does it in production)."""
    return certificate_issue(**kwargs, render_after_commit=True)


def on_passed(*, enrollment: Enrollment, actor=None) -> None:
    """Called inside the submit transaction, the first time an enrolment becomes passed."""
    record_learning(enrollment=enrollment, actor=actor)
    record_assessments(enrollment=enrollment, actor=actor)
    issue_certificate(**certificate_kwargs(enrollment))


def pending_certificate_requests(module_id: int) -> list[IssueRequest]:
    """A certificate request for every completed enrolment of a module (bulk issuance)."""
    from training.models import Enrollment

    enrollments = (
        Enrollment.objects.filter(module_id=module_id, status=Enrollment.Status.COMPLETED)
        .select_related("employee", "module")
        .prefetch_related("module__targets__competency")
        .order_by("id")
    )
    return [IssueRequest(**certificate_kwargs(enrollment)) for enrollment in enrollments]


def certificate_cohorts(user) -> list[tuple[int, str]]:
    """Modules with completed enrolments of staff the user is HR for: bulk-issuance cohorts."""
    from people.selectors import employees_managed_by
    from training.models import Enrollment, Module

    staff = employees_managed_by(user=user, roles=("hr",)).values("pk")
    completed = Enrollment.objects.filter(
        status=Enrollment.Status.COMPLETED, employee__in=staff
    ).values("module")
    modules = Module.objects.filter(pk__in=completed).order_by("title")
    return [(module.pk, f"{module.code} · {module.title}") for module in modules]


def register_certificate_source() -> None:
    register_source(
        CertificateSource(
            key="training.module",
            label=_("Training module"),
            cohorts=certificate_cohorts,
            pending=pending_certificate_requests,
        )
    )
