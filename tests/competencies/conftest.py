import datetime as dt

import pytest

from competencies.models import Assessment, Competency
from competencies.services import requirement_defaults_apply
from people.models import Employee


@pytest.fixture
def requirements(world):
    """Default requirements for the world's positions (pelaksana 1/2, JPT pratama 4)."""
    for position in (world.position_a, world.position_head, world.position_b):
        requirement_defaults_apply(position)


@pytest.fixture
def comp():
    """Competency by code: comp("M.1")."""
    return lambda code: Competency.objects.get(code=code)


def rate(
    employee: Employee, code: str, level: int, *, source: str = "supervisor", days_ago: int = 10
) -> Assessment:
    from competencies.services import assessment_record

    return assessment_record(
        employee=employee,
        competency=Competency.objects.get(code=code),
        level=level,
        source=source,
        assessed_on=dt.date.today() - dt.timedelta(days=days_ago),
    )


@pytest.fixture
def dictionary():
    """Reload the dictionary for transactional tests: a transactional test elsewhere in the
    session flushes the tables, removing what the data migration loaded."""
    from importlib import import_module

    from django.apps import apps

    import_module("competencies.migrations.0003_load_dictionary").load(apps, None)
