"""Recognition fixtures. The two integration functions are wrapped by spies that record
their calls and then issue or revoke the real charter through the certificates app."""

from importlib import import_module

import pytest
from django.apps import apps as django_apps

from recognition import integrations
from recognition.models import AwardType
from tests.conftest import employee_of  # noqa: F401 - re-exported for the tests
from tests.factories import EmployeeFactory


class CharterSpy:
    def __init__(self, issue, revoke) -> None:
        self.issued: list[dict] = []
        self.revoked: list[dict] = []
        self._issue, self._revoke = issue, revoke

    def issue(self, *, award, actor):
        self.issued.append({"award": award.pk, "actor": actor.pk, "source_key": award.source_key})
        return self._issue(award=award, actor=actor)

    def revoke(self, *, award, actor, reason):
        self.revoked.append({"award": award.pk, "actor": actor.pk, "reason": reason})
        return self._revoke(award=award, actor=actor, reason=reason)


@pytest.fixture(autouse=True)
def charters(monkeypatch) -> CharterSpy:
    spy = CharterSpy(integrations.charter_issue, integrations.charter_revoke)
    monkeypatch.setattr(integrations, "charter_issue", spy.issue)
    monkeypatch.setattr(integrations, "charter_revoke", spy.revoke)
    return spy


@pytest.fixture(autouse=True)
def types(db) -> dict[str, AwardType]:
    """The seeded types, by code. The data migration put them there; a transactional test
    flushes tables afterwards (Django's known caveat), so re-seed through the same
    migration function when they are gone."""
    if not AwardType.objects.exists():
        seed_migration = import_module("recognition.migrations.0002_seed_award_types")
        seed_migration.seed(django_apps, None)
    return {t.code: t for t in AwardType.objects.all()}


@pytest.fixture
def colleague(world, pegawai):
    """A second staff member in Bidang A1a (a peer of `pegawai`)."""
    return EmployeeFactory(unit=world.a1a, name="Rekan", position=world.position_a)
