"""Reads: scoped award lists, the approvals inbox, the unit wall, Satyalancana
eligibility and candidates for appreciation. Every list goes through a scope here."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from competencies.models import Assessment, PositionRequirement
from people.models import Employee, OrgUnit, RoleAssignment
from people.selectors import employees_managed_by, scope_for, subtree_q
from recognition.models import EXCLUDING_LEVELS, Award, AwardType, DisciplinaryRecord

Role = RoleAssignment.Role
Status = Award.Status
MANAGERS = (Role.HR, Role.LEADER)
# A passed training module writes one LearningRecord with this source_key prefix.
TRAINING_SOURCE_PREFIX = "training.enrollment:"
MANY_MODULES_PASSED = getattr(settings, "RECOGNITION_MANY_MODULES_PASSED", 5)
INTEGRITY_KEYWORD = "integritas"


def _awards() -> QuerySet[Award]:
    return Award.objects.select_related(
        "award_type", "recipient__unit", "recipient__position", "nominated_by", "decided_by"
    )


def award_visible_for(*, user) -> QuerySet[Award]:
    """Managers see every award in their subtrees; a recipient sees their granted and
    revoked awards (never a pending or rejected nomination about them); a nominator sees
    what they nominated."""
    scope = scope_for(user)
    queryset = _awards()
    if scope.is_admin:
        return queryset
    managed = subtree_q(scope.paths(MANAGERS), "recipient__unit__path")
    own = (
        Q(recipient=scope.employee, status__in=[Status.GRANTED, Status.REVOKED])
        if scope.employee
        else Q(pk__in=[])
    )
    return queryset.filter(managed | own | Q(nominated_by=user))


def awards_to_decide_for(*, user) -> QuerySet[Award]:
    """The approvals inbox: pending nominations the user may approve (rules still apply in
    the service: two people, quota)."""
    scope = scope_for(user)
    queryset = _awards().filter(status=Status.NOMINATED).order_by("created_at", "id")
    if not scope.is_admin:
        leader_q = Q(award_type__approver=AwardType.Approver.LEADER) & subtree_q(
            scope.paths((Role.LEADER,)), "recipient__unit__path"
        )
        hr_q = Q(award_type__approver=AwardType.Approver.HR) & subtree_q(
            scope.paths((Role.HR,)), "recipient__unit__path"
        )
        queryset = queryset.filter(leader_q | hr_q)
    if scope.employee:
        queryset = queryset.exclude(recipient=scope.employee)
    return queryset


def wall_units_for(*, user) -> QuerySet[OrgUnit]:
    """Walls a user may open: their own unit and the units above it (their dinas and
    agency), plus every unit they manage."""
    scope = scope_for(user)
    if scope.is_admin:
        return OrgUnit.objects.all()
    q = subtree_q(scope.paths(MANAGERS))
    if scope.employee:
        path = scope.employee.unit.path
        ancestors = [path[:n] for n in range(OrgUnit.steplen, len(path) + 1, OrgUnit.steplen)]
        q |= Q(path__in=ancestors)
    return OrgUnit.objects.filter(q)


def wall_awards(*, unit: OrgUnit) -> QuerySet[Award]:
    """Granted awards in a unit's subtree, newest first."""
    return (
        _awards()
        .filter(status=Status.GRANTED, recipient__unit__path__startswith=unit.path)
        .order_by("-decided_at", "-id")
    )


def awards_of(*, employee: Employee) -> QuerySet[Award]:
    """An employee's own record: granted and revoked awards ("Penghargaan Saya")."""
    return (
        _awards()
        .filter(recipient=employee, status__in=[Status.GRANTED, Status.REVOKED])
        .order_by("-decided_at", "-id")
    )


def award_types_for_nomination(*, user) -> QuerySet[AwardType]:
    """Active types the user holds a nominating role for (peers: types open to peers)."""
    scope = scope_for(user)
    queryset = AwardType.objects.filter(is_active=True)
    if scope.is_admin:
        return queryset
    q = Q(nominate_peer=True) if scope.employee else Q(pk__in=[])
    if scope.paths((Role.LEADER,)):
        q |= Q(nominate_leader=True)
    if scope.paths((Role.HR,)):
        q |= Q(nominate_hr=True)
    return queryset.filter(q)


def nominees_for(*, user) -> QuerySet[Employee]:
    """Employees the user may pick in the "Beri Apresiasi" form: their managed subtrees
    and, for peer nominations, their own unit (never themselves)."""
    scope = scope_for(user)
    queryset = employees_managed_by(user=user).filter(is_active=True)
    if scope.employee and not scope.is_admin:
        queryset = queryset | Employee.objects.select_related("unit", "position", "user").filter(
            unit_id=scope.employee.unit_id, is_active=True
        )
        queryset = queryset.exclude(pk=scope.employee.pk)
    return queryset.distinct().order_by("name", "id")


@dataclass(frozen=True)
class Eligibility:
    employee: Employee
    award_type: AwardType
    years: int
    eligible_on: dt.date
    already_eligible: bool
    pending: bool


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def satyalancana_eligibility(
    *, user, on: dt.date, tier: int | None = None, unit: OrgUnit | None = None
) -> list[Eligibility]:
    """PNS in the user's managed subtrees who complete 10/20/30 years from TMT CPNS by the
    end of `on`'s year (so those who become eligible later this year are included), minus
    anyone with a moderate or heavy disciplinary sanction, ever (the strict reading), and
    minus tiers already granted. Two queries, whatever the size."""
    types = [
        t
        for t in AwardType.objects.filter(is_active=True, service_years__isnull=False).order_by(
            "service_years"
        )
        if tier is None or t.service_years == tier
    ]
    if not types:
        return []
    shortest = cast(int, types[0].service_years)  # filtered: service_years is set
    if on.year - shortest < dt.MINYEAR:
        return []  # nobody can have served that long by then
    cutoff = dt.date(on.year - shortest, 12, 31)
    sanctioned = DisciplinaryRecord.objects.filter(
        employee=OuterRef("pk"), level__in=EXCLUDING_LEVELS
    )
    employees = (
        employees_managed_by(user=user)
        .filter(
            is_active=True,
            employment_type=Employee.EmploymentType.PNS,
            tmt_cpns__lte=cutoff,
        )
        .exclude(Exists(sanctioned))
    )
    if unit is not None:
        employees = employees.filter(unit__path__startswith=unit.path)
    employees = employees.prefetch_related(
        Prefetch(
            "awards",
            to_attr="long_service_awards",
            queryset=Award.objects.filter(
                award_type__in=types, status__in=[Status.GRANTED, Status.NOMINATED]
            ),
        )
    )
    rows = []
    for employee in employees.order_by("tmt_cpns", "name", "id"):
        done = {a.award_type_id for a in employee.long_service_awards if a.status == Status.GRANTED}
        pending = {
            a.award_type_id for a in employee.long_service_awards if a.status == Status.NOMINATED
        }
        for award_type in types:
            eligible_on = _add_years(employee.tmt_cpns, award_type.service_years)
            if eligible_on.year > on.year or award_type.pk in done:
                continue
            rows.append(
                Eligibility(
                    employee=employee,
                    award_type=award_type,
                    years=award_type.service_years,
                    eligible_on=eligible_on,
                    already_eligible=eligible_on <= on,
                    pending=award_type.pk in pending,
                )
            )
    return rows


@dataclass(frozen=True)
class Candidate:
    employee: Employee
    jpm: Decimal | None
    modules_passed: int
    integrity_modules: int
    reasons: tuple[str, ...]


def _jpm_annotations(queryset: QuerySet[Employee]) -> QuerySet[Employee]:
    """JPM = Σ current ÷ Σ required × 100, both sums computed by the database: current is
    the latest non-self assessment of each competency the position requires."""
    required = (
        PositionRequirement.objects.filter(position_id=OuterRef("position_id"))
        .values("position_id")
        .annotate(total=Sum("required_level"))
        .values("total")
    )
    latest = (
        Assessment.objects.filter(
            employee_id=OuterRef(OuterRef("pk")), competency_id=OuterRef("competency_id")
        )
        .exclude(source=Assessment.Source.SELF)
        .order_by("-assessed_on", "-id")
        .values("level")[:1]
    )
    current = (
        PositionRequirement.objects.filter(position_id=OuterRef("position_id"))
        .annotate(current=Subquery(latest, output_field=IntegerField()))
        .values("position_id")
        .annotate(total=Sum("current"))
        .values("total")
    )
    return queryset.annotate(
        required_sum=Subquery(required, output_field=IntegerField()),
        current_sum=Coalesce(Subquery(current, output_field=IntegerField()), 0),
    )


def appreciation_candidates(*, user, year: int | None = None) -> list[Candidate]:
    """Staff in the user's managed subtrees whose achievements suggest an award:
    JPM Optimal, many training modules passed, or integrity modules completed.

    Passed modules are counted from the JP ledger: the training app writes one
    LearningRecord per passed module with source_key "training.enrollment:<id>". An
    integrity module is one whose title contains "Integritas" (the ledger carries no
    competency; the lead may replace this with a training selector after the merge)."""
    passed = Q(learning_records__source_key__startswith=TRAINING_SOURCE_PREFIX)
    if year is not None:
        passed &= Q(learning_records__year=year)
    integrity = passed & Q(learning_records__title__icontains=INTEGRITY_KEYWORD)
    counts = (
        Employee.objects.filter(pk=OuterRef("pk"))
        .annotate(n=Count("learning_records", filter=passed))
        .values("n")
    )
    integrity_counts = (
        Employee.objects.filter(pk=OuterRef("pk"))
        .annotate(n=Count("learning_records", filter=integrity))
        .values("n")
    )
    queryset = _jpm_annotations(employees_managed_by(user=user).filter(is_active=True))
    queryset = queryset.annotate(
        modules_passed=Subquery(counts, output_field=IntegerField()),
        integrity_modules=Subquery(integrity_counts, output_field=IntegerField()),
    ).exclude(pk=getattr(scope_for(user).employee, "pk", None))
    optimal = settings.JPM_OPTIMAL_MIN
    queryset = queryset.filter(
        Q(modules_passed__gte=MANY_MODULES_PASSED)
        | Q(integrity_modules__gte=1)
        | Q(required_sum__gt=0, current_sum__gte=F("required_sum") * optimal / 100.0)
    ).order_by("name", "id")
    return [_candidate(employee) for employee in queryset]


def _candidate(employee: Employee) -> Candidate:
    jpm = None
    if employee.required_sum:
        jpm = min(Decimal(100), Decimal(employee.current_sum * 100) / employee.required_sum)
        jpm = jpm.quantize(Decimal("0.1"))
    reasons = []
    if jpm is not None and jpm >= settings.JPM_OPTIMAL_MIN:
        reasons.append(_("JPM Optimal (%(jpm)s%%)") % {"jpm": jpm})
    if employee.modules_passed >= MANY_MODULES_PASSED:
        reasons.append(_("%(n)s training modules passed") % {"n": employee.modules_passed})
    if employee.integrity_modules:
        reasons.append(_("Integrity modules completed"))
    return Candidate(
        employee=employee,
        jpm=jpm,
        modules_passed=employee.modules_passed,
        integrity_modules=employee.integrity_modules,
        reasons=tuple(reasons),
    )
