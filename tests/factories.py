"""factory_boy factories. OrgUnits go through treebeard's add_root / add_child."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from people.models import Employee, OrgUnit, Position


def valid_nip(n: int, *, sex: str = "1", tmt: str = "200001") -> str:
    """A unique valid NIP for the n-th test employee (TMT 2000-01 unless told).

    Birth dates cycle through 1970-1980 so the TMT always falls after the 18th
    birthday however many employees one test session creates; the serial cycles
    through 1-999, so (birth, serial) only repeats after four million employees.
    """
    birth = dt.date(1970, 1, 1) + dt.timedelta(days=n % 4000)
    return f"{birth:%Y%m%d}{tmt}{sex}{n % 999 + 1:03d}"


def _factory_nip(n: int) -> str:
    """The factory's own NIPs (TMT 2001-03): never equal to one a test builds with
    valid_nip(k) for its import rows or API bodies, whatever the sequence has reached."""
    return valid_nip(n, tmt="200103")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.go.id")
    password = factory.django.Password("demo12345")


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Unit {n}")
    kind = OrgUnit.Kind.UNIT
    parent = None

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        unit = model_class(**kwargs)
        if parent is None:
            return model_class.objects.add_root(instance=unit)
        return OrgUnit.objects.add_child(OrgUnit.objects.get(pk=parent.pk), instance=unit)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    agency = factory.SubFactory(OrgUnitFactory, kind=OrgUnit.Kind.AGENCY)
    code = factory.Sequence(lambda n: f"POS{n}")
    name = factory.Sequence(lambda n: f"Pelaksana {n}")
    type = Position.Type.PELAKSANA
    level = ""


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    nip = factory.Sequence(_factory_nip)
    name = factory.Sequence(lambda n: f"Pegawai {n}")
    employment_type = Employee.EmploymentType.PNS
    golongan = "III/a"
    unit = factory.SubFactory(OrgUnitFactory)
    position = None
    email = factory.Sequence(lambda n: f"pegawai{n}@example.go.id")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        employee = model_class(*args, **kwargs)
        employee.full_clean()
        employee.save()
        return employee
