"""Quota under concurrency: ten approvals at once against a quota of one grant one."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from recognition import services
from recognition.models import Award, AwardType
from tests.factories import EmployeeFactory


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
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
    barrier = threading.Barrier(10)
    outcomes: list[str] = []

    def approve(award: Award) -> None:
        try:
            barrier.wait()
            services.award_approve(actor=hr, award=award)
            outcomes.append("granted")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(award,)) for award in awards]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("granted") == 1
    assert (
        outcomes.count("Kuota penghargaan ini di Dinas A1 untuk periode ini (1) sudah terpenuhi.")
        == 9
    )
    assert Award.objects.filter(status=Award.Status.GRANTED).count() == 1
    assert Award.objects.filter(status=Award.Status.NOMINATED).count() == 9
    assert len(charters.issued) == 1
