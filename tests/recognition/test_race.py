"""Quota under concurrency: ten approvals at once against a quota of one grant one."""

from functools import partial

import pytest
from django.core.exceptions import ValidationError

from recognition import services
from recognition.models import Award, AwardType
from tests.factories import EmployeeFactory
from tests.races import needs_postgresql, race


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_ten_parallel_approvals_against_quota_of_one(world, leader, hr, charters):
    teladan = AwardType.objects.get(code="pegawai-teladan")
    assert teladan.quota == 1
    awards = [
        services.award_nominate(
            actor=leader,
            award_type=teladan,
            citation="Teladan",
            recipient=EmployeeFactory(unit=world.a1a if i % 2 else world.a1, name=f"Staf {i}"),
        )
        for i in range(10)
    ]

    def approve(award: Award) -> str:
        """The outcome as the thread saw it (messages in the thread's default language)."""
        try:
            services.award_approve(actor=hr, award=award)
        except ValidationError as error:
            return error.messages[0]
        return "granted"

    result = race(*[partial(approve, award) for award in awards])

    assert result.errors == []
    assert result.values.count("granted") == 1
    assert (
        result.values.count(
            "Kuota penghargaan ini di Dinas A1 untuk periode ini (1) sudah terpenuhi."
        )
        == 9
    )
    assert Award.objects.filter(status=Award.Status.GRANTED).count() == 1
    assert Award.objects.filter(status=Award.Status.NOMINATED).count() == 9
    assert len(charters.issued) == 1
