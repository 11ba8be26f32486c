"""Read queries. Every list, detail and download of certificates goes through
`certificates_visible_for`; a document outside it answers 404."""

from django.db.models import Q, QuerySet

from certificates.models import BulkIssueJob, Certificate
from people.models import RoleAssignment
from people.selectors import MANAGING_ROLES, scope_for, subtree_q

HR_ONLY = (RoleAssignment.Role.HR,)
PUBLISHED = (Certificate.Status.VALID, Certificate.Status.REVOKED, Certificate.Status.SUPERSEDED)


def certificates_published() -> QuerySet[Certificate]:
    """Documents that exist for the outside world (a number reserved for an issue still being
    rendered does not)."""
    return Certificate.objects.filter(status__in=PUBLISHED)


def certificate_for_source(source_key: str) -> Certificate | None:
    """The current version issued for a source: valid, or revoked (a revocation is a decision
    that a rerun must not undo), never a superseded one."""
    return (
        Certificate.objects.select_related("recipient")
        .filter(
            source_key=source_key, status__in=[Certificate.Status.VALID, Certificate.Status.REVOKED]
        )
        .order_by("-version")
        .first()
    )


def certificates_visible_for(
    *, user, roles: tuple[str, ...] = MANAGING_ROLES
) -> QuerySet[Certificate]:
    """Own certificates, plus those of everyone in the subtrees the user leads or is HR for."""
    queryset = certificates_published().select_related(
        "recipient", "recipient__unit", "superseded_by"
    )
    scope = scope_for(user)
    if scope.is_admin:
        return queryset
    own = Q(recipient_id=scope.employee.pk) if scope.employee else Q(pk__in=[])
    return queryset.filter(own | subtree_q(scope.paths(roles), "recipient__unit__path"))


def certificates_managed_by(*, user) -> QuerySet[Certificate]:
    """What an HR user may revoke or re-issue: documents of staff in their HR subtrees."""
    queryset = certificates_published().select_related(
        "recipient", "recipient__unit", "superseded_by"
    )
    scope = scope_for(user)
    if scope.is_admin:
        return queryset
    return queryset.filter(subtree_q(scope.paths(HR_ONLY), "recipient__unit__path"))


def certificate_by_code(code: str) -> Certificate | None:
    return (
        certificates_published()
        .select_related("recipient", "superseded_by")
        .filter(verification_code=code)
        .first()
    )


def certificate_current_version(certificate: Certificate) -> Certificate:
    """Follow `superseded_by` to the latest version (a short chain: one per correction)."""
    current = certificate
    seen = {current.pk}
    while current.status == Certificate.Status.SUPERSEDED:
        following = Certificate.objects.filter(supersedes=current).first()
        if following is None or following.pk in seen:
            break
        seen.add(following.pk)
        current = following
    return current


def jobs_visible_for(*, user) -> QuerySet[BulkIssueJob]:
    """Bulk jobs: their creator's, or all for an admin."""
    queryset = BulkIssueJob.objects.select_related("created_by")
    if scope_for(user).is_admin:
        return queryset
    return queryset.filter(created_by=user)


def can_manage_certificates(user) -> bool:
    scope = scope_for(user)
    return scope.is_admin or bool(scope.paths(HR_ONLY))
