"""A test-only certificate source built on Employees: cohort = an org unit, one training
certificate per active employee of it."""

import datetime as dt

import pytest

from certificates.registry import (
    CertificateSource,
    IssueRequest,
    register_source,
    unregister_source,
)
from people.models import Employee, OrgUnit
from people.selectors import units_managed_by

SOURCE = "test.unit"


def _cohorts(user) -> list[tuple[int, str]]:
    return [(unit.pk, unit.name) for unit in units_managed_by(user=user).order_by("path")]


def _pending(cohort_id) -> list[IssueRequest]:
    unit = OrgUnit.objects.get(pk=cohort_id)
    return [
        IssueRequest(
            recipient=employee,
            kind="training",
            title="Komunikasi Efektif dalam Pelayanan Publik",
            source_key=f"test.enrollment:{unit.pk}:{employee.pk}",
            jp=12,
            competencies=("M.3 Komunikasi",),
            period_start=dt.date(2025, 3, 3),
            period_end=dt.date(2025, 3, 5),
        )
        for employee in Employee.objects.filter(unit=unit, is_active=True).order_by("id")
    ]


@pytest.fixture
def test_source():
    register_source(CertificateSource(SOURCE, "Test units", _cohorts, _pending))
    yield SOURCE
    unregister_source(SOURCE)


@pytest.fixture
def issue(hr):
    """`issue(employee, n=1, **overrides)` issues a training certificate as HR."""
    from certificates.services import certificate_issue

    def make(employee, n: int = 1, **overrides):
        kwargs = {
            "recipient": employee,
            "kind": "training",
            "title": "Komunikasi Efektif dalam Pelayanan Publik",
            "jp": 12,
            "competencies": ["M.3 Komunikasi"],
            "period_start": dt.date(2025, 3, 3),
            "period_end": dt.date(2025, 3, 5),
            "source_key": f"test:{employee.pk}:{n}",
            "actor": hr,
        }
        kwargs.update(overrides)
        return certificate_issue(**kwargs)

    return make
