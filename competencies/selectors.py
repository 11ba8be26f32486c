"""Read queries of the competency section: scoping, profiles, gap and JP reports.

Reports are computed by the database in one aggregate query whatever the number of
employees: the current level of each (employee, competency) is the one assessment flagged
`is_current` (kept by the services), so a report is joins plus GROUP BY, no history search
and no Python loop over employees.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Avg,
    Count,
    DecimalField,
    F,
    FilteredRelation,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Substr
from django.http import Http404

from competencies.hooks import Recommendation, recommendations_for
from competencies.models import Assessment, Competency, LearningRecord, PositionRequirement
from people.models import Employee, OrgUnit, RoleAssignment
from people.selectors import (
    MANAGING_ROLES,
    employees_managed_by,
    employees_visible_for,
    positions_visible_for,
    scope_for,
    subtree_q,
    unit_in_scope,
    units_managed_by,
)

MEETS, BELOW, NOT_ASSESSED = "meets", "below", "not_assessed"
OPTIMAL, CUKUP_OPTIMAL, KURANG_OPTIMAL = "optimal", "cukup_optimal", "kurang_optimal"


# --- scoping -----------------------------------------------------------------------------


def can_read_reports(user) -> bool:
    scope = scope_for(user)
    return scope.is_admin or bool(scope.paths(MANAGING_ROLES))


def require_report_access(user) -> None:
    """Reports are for leaders and HR (and admin); a pegawai may never read them."""
    if not can_read_reports(user):
        raise PermissionDenied


def assessments_visible_for(*, user) -> QuerySet[Assessment]:
    """Ratings of the employees the user may see (own record included, with its history)."""
    visible = employees_visible_for(user=user).values("pk")
    return Assessment.objects.filter(employee__in=visible).select_related(
        "employee", "competency", "assessor"
    )


def requirements_visible_for(*, user) -> QuerySet[PositionRequirement]:
    """Requirements of the positions in the catalogues of the user's agencies."""
    positions = positions_visible_for(user=user).values("pk")
    return PositionRequirement.objects.filter(position__in=positions).select_related(
        "position", "competency"
    )


def learning_records_visible_for(*, user) -> QuerySet[LearningRecord]:
    visible = employees_visible_for(user=user).values("pk")
    return LearningRecord.objects.filter(employee__in=visible).select_related("employee")


def active_competencies() -> QuerySet[Competency]:
    return Competency.objects.filter(is_active=True).order_by("order", "code")


# --- gap, status and JPM -----------------------------------------------------------------


def level_status(*, required: int, current: int | None) -> str:
    """Not assessed stays apart: it is never a level zero."""
    if current is None:
        return NOT_ASSESSED
    return MEETS if current >= required else BELOW


def jpm_category(percent: Decimal | None) -> str | None:
    if percent is None:
        return None
    if percent >= settings.JPM_OPTIMAL_MIN:
        return OPTIMAL
    if percent >= settings.JPM_CUKUP_OPTIMAL_MIN:
        return CUKUP_OPTIMAL
    return KURANG_OPTIMAL


def jpm_from_sums(*, total_current: int | None, total_required: int | None) -> Decimal | None:
    """JPM from Σ current and Σ required of the assessed competencies (capped at 100)."""
    if not total_required or total_current is None:
        return None
    percent = Decimal(total_current * 100) / Decimal(total_required)
    return min(percent, Decimal(100)).quantize(Decimal("0.1"))


def jpm_percent(pairs: list[tuple[int, int | None]]) -> Decimal | None:
    """Job Person Match = Σ current ÷ Σ required × 100, capped at 100, over the assessed
    competencies only (a missing rating is not a zero); None while nothing is assessed."""
    assessed = [(required, current) for required, current in pairs if current is not None]
    return jpm_from_sums(
        total_current=sum(current for _, current in assessed),
        total_required=sum(required for required, _ in assessed),
    )


@dataclass
class ProfileRow:
    competency: Competency
    required: int
    current: int | None
    self_level: int | None
    assessed_on: dt.date | None

    @property
    def gap(self) -> int | None:
        return None if self.current is None else self.current - self.required

    @property
    def status(self) -> str:
        return level_status(required=self.required, current=self.current)


@dataclass
class Profile:
    employee: Employee
    rows: list[ProfileRow]
    jp_year: int
    jp_total: Decimal
    recommendations: list[Recommendation] = field(default_factory=list)

    @property
    def jpm(self) -> Decimal | None:
        return jpm_percent([(row.required, row.current) for row in self.rows])

    @property
    def jpm_category(self) -> str | None:
        return jpm_category(self.jpm)

    @property
    def jpm_complete(self) -> bool:
        return all(row.current is not None for row in self.rows)

    @property
    def counts(self) -> dict[str, int]:
        found = {MEETS: 0, BELOW: 0, NOT_ASSESSED: 0}
        for row in self.rows:
            found[row.status] += 1
        return found

    @property
    def jp_minimum(self) -> int:
        return settings.JP_ANNUAL_MINIMUM


def employee_profile(*, employee: Employee, year: int | None = None) -> Profile:
    """Required, current (latest non-self rating), self level and JP of one employee.

    Four queries whatever the number of competencies."""
    year = year or dt.date.today().year
    requirements = (
        PositionRequirement.objects.filter(
            position_id=employee.position_id, competency__is_active=True
        )
        .select_related("competency")
        .order_by("competency__order", "competency__code")
    )
    current = {
        a.competency_id: a
        for a in Assessment.objects.filter(employee=employee, is_current=True).only(
            "competency_id", "level", "assessed_on"
        )
    }
    own = {}
    for competency_id, level in (
        Assessment.objects.filter(employee=employee, source="self")
        .order_by("assessed_on", "id")
        .values_list("competency_id", "level")
    ):
        own[competency_id] = level  # ascending order: the last one wins
    rows = [
        ProfileRow(
            competency=r.competency,
            required=r.required_level,
            current=getattr(current.get(r.competency_id), "level", None),
            self_level=own.get(r.competency_id),
            assessed_on=getattr(current.get(r.competency_id), "assessed_on", None),
        )
        for r in requirements
    ]
    jp = (
        LearningRecord.objects.filter(employee=employee, year=year).aggregate(total=Sum("jp"))[
            "total"
        ]
    ) or Decimal(0)
    profile = Profile(employee=employee, rows=rows, jp_year=year, jp_total=jp)
    profile.recommendations = recommendations_for(
        employee, [row for row in rows if row.status != MEETS]
    )
    return profile


def assessment_history(*, employee: Employee) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(employee=employee)
        .select_related("competency", "assessor")
        .order_by("-assessed_on", "-id")
    )


# --- gap report --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFilters:
    unit: OrgUnit | None = None
    position_type: str = ""
    golongan: str = ""
    competency: Competency | None = None


def report_unit(*, user, unit_id: Any) -> OrgUnit | None:
    """The unit a report is narrowed to; outside the caller's scope is 404."""
    if unit_id in (None, ""):
        return None
    try:
        return units_managed_by(user=user).get(pk=int(unit_id))
    except (OrgUnit.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def _report_employees(*, user, filters: ReportFilters) -> QuerySet[Employee]:
    """Active employees with a position in the report's subtree. A narrowed unit must lie in
    the caller's scope (checked here without a query), and then its subtree alone is the
    condition, so the database sees one prefix match, not two."""
    queryset = Employee.objects.filter(is_active=True, position__isnull=False)
    scope = scope_for(user)
    if filters.unit is not None:
        if not unit_in_scope(user=user, unit=filters.unit):
            raise Http404
        queryset = queryset.filter(unit__path__startswith=filters.unit.path)
    elif not scope.is_admin:
        queryset = queryset.filter(subtree_q(scope.paths(MANAGING_ROLES), "unit__path"))
    if filters.position_type:
        queryset = queryset.filter(position__type=filters.position_type)
    if filters.golongan:
        queryset = queryset.filter(golongan=filters.golongan)
    return queryset


def _with_requirement_and_current(
    queryset: QuerySet[Employee], filters: ReportFilters, condition: Q | None = None
) -> QuerySet[Employee]:
    """One row per (employee, required competency), LEFT JOINed to the current rating.

    Every condition on the two relations goes into ONE filter() call: Django gives each
    filter() on a multi-valued relation its own join, which would multiply rows."""
    queryset = queryset.annotate(
        req=FilteredRelation("position__requirements"),
    ).annotate(
        cur=FilteredRelation(
            "assessments",
            condition=Q(assessments__is_current=True, assessments__competency=F("req__competency")),
        ),
    )
    where = Q(req__competency__is_active=True)
    if filters.competency is not None:
        where &= Q(req__competency=filters.competency)
    if condition is not None:
        where &= condition
    return queryset.filter(where)


def group_depth(*, user, filters: ReportFilters) -> int:
    """Rows are the sub-units one level below the narrowed unit (or the caller's scope)."""
    if filters.unit is not None:
        return filters.unit.depth + 1
    scope = scope_for(user)
    paths = scope.paths(MANAGING_ROLES)
    if scope.is_admin or not paths:
        return 2
    return min(len(path) // OrgUnit.steplen for path in paths) + 1


@dataclass
class GapRow:
    unit: OrgUnit | None
    unit_path: str
    competency: Competency
    employees: int
    assessed: int
    below: int
    mean_gap: Decimal | None

    @property
    def not_assessed(self) -> int:
        return self.employees - self.assessed

    @property
    def meeting(self) -> int:
        return self.assessed - self.below

    @property
    def pct_meeting(self) -> Decimal | None:
        """Share of the assessed who meet the standard; not-assessed are reported apart."""
        if not self.assessed:
            return None
        return (Decimal(self.meeting * 100) / Decimal(self.assessed)).quantize(Decimal("0.1"))


def gap_report(*, user, filters: ReportFilters) -> list[GapRow]:
    """Per sub-unit subtree × competency: employees, assessed, below, mean gap, % meeting.

    Three queries: the aggregate, the units named by its keys, and the competencies."""
    require_report_access(user)
    depth = group_depth(user=user, filters=filters)
    length = depth * OrgUnit.steplen
    rows = (
        _with_requirement_and_current(_report_employees(user=user, filters=filters), filters)
        .values(group=Substr("unit__path", 1, length), competency_id=F("req__competency"))
        .annotate(
            employees=Count("pk"),
            assessed=Count("cur__level"),
            below=Count("pk", filter=Q(cur__level__lt=F("req__required_level"))),
            mean_gap=Avg(F("cur__level") - F("req__required_level"), output_field=DecimalField()),
        )
        .order_by("group", "competency_id")
    )
    rows = list(rows)
    units = {u.path: u for u in OrgUnit.objects.filter(path__in={r["group"] for r in rows})}
    competencies = {
        c.pk: c for c in Competency.objects.filter(pk__in={r["competency_id"] for r in rows})
    }
    result = [
        GapRow(
            unit=units.get(r["group"]),
            unit_path=r["group"],
            competency=competencies[r["competency_id"]],
            employees=r["employees"],
            assessed=r["assessed"],
            below=r["below"],
            mean_gap=None
            if r["mean_gap"] is None
            else Decimal(r["mean_gap"]).quantize(Decimal("0.01")),
        )
        for r in rows
    ]
    return sorted(
        result, key=lambda row: (row.unit_path, row.competency.order, row.competency.code)
    )


def gap_drilldown(*, user, filters: ReportFilters, status: str = "") -> QuerySet[Employee]:
    """The employees behind report rows: one row per employee × required competency with
    `required`, `current` and `competency_code` annotated (for one competency, pass it in
    the filters)."""
    require_report_access(user)
    by_status = {
        NOT_ASSESSED: Q(cur__level__isnull=True),
        BELOW: Q(cur__level__lt=F("req__required_level")),
        MEETS: Q(cur__level__gte=F("req__required_level")),
    }
    queryset = _with_requirement_and_current(
        _report_employees(user=user, filters=filters),
        filters,
        by_status.get(status),
    ).annotate(
        required=F("req__required_level"),
        current=F("cur__level"),
        competency_code=F("req__competency__code"),
        competency_name=F("req__competency__name"),
    )
    return queryset.select_related("unit", "position").order_by(
        "unit__path", "name", "id", "req__competency__order"
    )


# --- learning hours ----------------------------------------------------------------------


def learning_hours(
    *, user, year: int, below_minimum: bool = False, unit: OrgUnit | None = None
) -> QuerySet[Employee]:
    """JP per employee in the user's scope for a year, annotated `jp` (0 when none)."""
    require_report_access(user)
    queryset = employees_managed_by(user=user).filter(is_active=True)
    if unit is not None:
        queryset = queryset.filter(unit__path__startswith=unit.path)
    queryset = queryset.annotate(
        jp=Coalesce(
            Sum("learning_records__jp", filter=Q(learning_records__year=year)),
            Value(Decimal(0)),
            output_field=DecimalField(max_digits=8, decimal_places=2),
        )
    )
    if below_minimum:
        queryset = queryset.filter(jp__lt=settings.JP_ANNUAL_MINIMUM)
    return queryset.order_by("jp", "name", "id")


def prorated_expectation(*, year: int, today: dt.date | None = None) -> Decimal:
    """The JP one would expect by today if the 20 JP were spread evenly over the year."""
    today = today or dt.date.today()
    minimum = Decimal(settings.JP_ANNUAL_MINIMUM)
    if year < today.year:
        return minimum
    if year > today.year:
        return Decimal(0)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    share = Decimal((today - start).days + 1) / Decimal((end - start).days + 1)
    return (minimum * share).quantize(Decimal("0.1"))


def team_summary(*, user) -> QuerySet[Employee]:
    """Employees a leader or HR manages, each annotated in the same query with the sums
    behind the JPM and the counts of competencies below standard and not assessed."""
    require_report_access(user)
    active = Q(req__competency__is_active=True)
    assessed = active & Q(cur__level__isnull=False)
    return (
        employees_managed_by(user=user)
        .filter(is_active=True)
        .annotate(req=FilteredRelation("position__requirements"))
        .annotate(
            cur=FilteredRelation(
                "assessments",
                condition=Q(
                    assessments__is_current=True, assessments__competency=F("req__competency")
                ),
            )
        )
        .annotate(
            n_required=Count("req__id", filter=active),
            n_assessed=Count("cur__id", filter=assessed),
            n_below=Count("cur__id", filter=assessed & Q(cur__level__lt=F("req__required_level"))),
            sum_current=Sum("cur__level", filter=assessed),
            sum_required=Sum("req__required_level", filter=assessed),
        )
        .order_by("unit__path", "name", "id")
    )


HR_ROLE = (RoleAssignment.Role.HR,)
