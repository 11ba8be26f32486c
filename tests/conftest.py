"""Personas over a small world of two agencies.

    Agency A (root)                     Agency B (root)
    ├── Dinas A1 ── Bidang A1a          └── Dinas B1
    └── Dinas A2

- admin: admin role (everything)
- hr: HR of agency A (both dinas)        - hr_a1: HR of Dinas A1 only
- leader: head of Dinas A1 (employee there)  - leader_a2: head of Dinas A2
- pegawai: staff in Bidang A1a           - outsider: staff in Dinas A2
- hr_b: HR of agency B
"""

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from people.models import Employee, OrgUnit, Position, RoleAssignment
from tests.factories import EmployeeFactory, OrgUnitFactory, PositionFactory, UserFactory


@dataclass
class World:
    agency_a: OrgUnit
    a1: OrgUnit
    a1a: OrgUnit
    a2: OrgUnit
    agency_b: OrgUnit
    b1: OrgUnit
    position_a: Position
    position_head: Position
    position_b: Position


@pytest.fixture
def world(db) -> World:
    agency_a = OrgUnitFactory(code="A", name="Agency A", kind=OrgUnit.Kind.AGENCY)
    a1 = OrgUnitFactory(code="A1", name="Dinas A1", parent=agency_a)
    a1a = OrgUnitFactory(code="A1a", name="Bidang A1a", parent=a1, kind=OrgUnit.Kind.SUBUNIT)
    a2 = OrgUnitFactory(code="A2", name="Dinas A2", parent=agency_a)
    agency_b = OrgUnitFactory(code="B", name="Agency B", kind=OrgUnit.Kind.AGENCY)
    b1 = OrgUnitFactory(code="B1", name="Dinas B1", parent=agency_b)
    return World(
        agency_a=agency_a,
        a1=a1,
        a1a=a1a,
        a2=a2,
        agency_b=agency_b,
        b1=b1,
        position_a=PositionFactory(agency=agency_a, code="PEL", name="Pelaksana"),
        position_head=PositionFactory(
            agency=agency_a, code="KADIS", name="Kepala Dinas", type=Position.Type.JPT_PRATAMA
        ),
        position_b=PositionFactory(agency=agency_b, code="PEL", name="Pelaksana B"),
    )


def _persona(
    username: str,
    unit: OrgUnit | None,
    role: str | None = None,
    role_unit: OrgUnit | None = None,
    position: Position | None = None,
):
    user = UserFactory(username=username)
    if unit is not None:
        EmployeeFactory(user=user, unit=unit, name=username.capitalize(), position=position)
    if role:
        RoleAssignment.objects.create(user=user, role=role, unit=role_unit)
    return user


@pytest.fixture
def admin_user(world):
    user = _persona("admin", None, "admin", world.agency_a)
    user.is_superuser = user.is_staff = True
    user.save()
    return user


@pytest.fixture
def hr(world):
    return _persona("hr", world.agency_a, "hr", world.agency_a, world.position_a)


@pytest.fixture
def hr_a1(world):
    return _persona("hr_a1", world.a1, "hr", world.a1, world.position_a)


@pytest.fixture
def hr_b(world):
    return _persona("hr_b", world.agency_b, "hr", world.agency_b, world.position_b)


@pytest.fixture
def leader(world):
    return _persona("leader", world.a1, "leader", world.a1, world.position_head)


@pytest.fixture
def leader_a2(world):
    return _persona("leader_a2", world.a2, "leader", world.a2, world.position_head)


@pytest.fixture
def pegawai(world):
    return _persona("pegawai", world.a1a, position=world.position_a)


@pytest.fixture
def outsider(world):
    return _persona("outsider", world.a2, position=world.position_a)


@pytest.fixture
def personas(admin_user, hr, hr_a1, hr_b, leader, leader_a2, pegawai, outsider) -> dict:
    return {
        "admin": admin_user,
        "hr": hr,
        "hr_a1": hr_a1,
        "hr_b": hr_b,
        "leader": leader,
        "leader_a2": leader_a2,
        "pegawai": pegawai,
        "outsider": outsider,
    }


@pytest.fixture
def api():
    """`api(user)` is an API client authenticated as that user (anonymous for None)."""

    def make(user=None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return make


def employee_of(user) -> Employee:
    return Employee.objects.get(user=user)


@pytest.fixture(autouse=True)
def reference_data(request):
    """Reload what data migrations loaded (competency dictionary, award types) for
    transactional tests: a transactional test that ran before flushed those tables."""
    marker = request.node.get_closest_marker("django_db")
    if not marker or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from importlib import import_module

    from django.apps import apps

    from competencies.models import Competency
    from recognition.models import AwardType

    if not Competency.objects.exists():
        import_module("competencies.migrations.0003_load_dictionary").load(apps, None)
    if not AwardType.objects.exists():
        import_module("recognition.migrations.0002_seed_award_types").seed(apps, None)
