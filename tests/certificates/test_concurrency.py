import pytest

from certificates.models import Certificate
from certificates.services import certificate_issue
from people.models import Employee
from tests.factories import EmployeeFactory, OrgUnitFactory
from tests.races import needs_postgresql, race

pytestmark = needs_postgresql


def _issue(employee_id: int, key: str):
    return lambda: certificate_issue(
        recipient=Employee.objects.get(pk=employee_id),
        kind="training",
        title="Komunikasi",
        jp=12,
        source_key=key,
    )


@pytest.mark.django_db(transaction=True)
def test_parallel_issuance_gives_unique_gap_free_serials():
    unit = OrgUnitFactory()
    employees = [EmployeeFactory(unit=unit) for _ in range(10)]
    result = race(*[_issue(e.pk, f"race:{e.pk}") for e in employees])
    assert result.errors == []
    serials = sorted(Certificate.objects.values_list("serial", flat=True))
    assert len(serials) == len(set(serials)) == 10
    assert [int(s.rsplit("/", 1)[1]) for s in serials] == list(range(1, 11))


@pytest.mark.django_db(transaction=True)
def test_parallel_issuance_of_one_source_gives_one_certificate():
    employee = EmployeeFactory(unit=OrgUnitFactory())
    result = race(_issue(employee.pk, "same:1"), times=8)
    assert result.errors == []
    assert Certificate.objects.count() == 1
    certificate = Certificate.objects.get()
    assert certificate.status == "valid" and certificate.serial.endswith("/000001")
