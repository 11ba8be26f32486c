"""Each rule of the award flow, through the services, with its exact (Indonesian) message."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from recognition import services
from recognition.models import Award, AwardEvent, Notification
from tests.conftest import employee_of
from tests.factories import EmployeeFactory

Status = Award.Status


def messages_of(error: ValidationError) -> list[str]:
    return error.messages


def test_nobody_nominates_themselves(types, leader):
    with pytest.raises(ValidationError) as caught:
        services.award_nominate(
            actor=leader,
            award_type=types["apresiasi-integritas"],
            recipient=employee_of(leader),
            citation="Jujur",
        )
    assert caught.value.message_dict == {
        "recipient": ["Anda tidak dapat mengusulkan diri sendiri."]
    }
    assert not Award.objects.exists()


def test_nominator_must_act_within_scope(types, leader_a2, pegawai):
    with pytest.raises(ValidationError) as caught:
        services.award_nominate(
            actor=leader_a2,
            award_type=types["apresiasi-integritas"],
            recipient=employee_of(pegawai),
            citation="Jujur",
        )
    assert caught.value.message_dict == {
        "recipient": [
            "Anda tidak dapat mengusulkan pegawai ini untuk jenis penghargaan ini: pegawai "
            "tersebut di luar lingkup kewenangan Anda."
        ]
    }
    assert not Award.objects.exists()


def test_peer_nominates_only_where_the_type_allows(types, pegawai, colleague):
    award = services.award_nominate(
        actor=pegawai,
        award_type=types["pelayanan-prima"],
        recipient=colleague,
        citation="Ramah kepada warga",
    )
    assert award.status == Status.NOMINATED
    with pytest.raises(ValidationError) as caught:
        services.award_nominate(
            actor=pegawai,
            award_type=types["pegawai-teladan"],
            recipient=colleague,
            citation="Teladan",
        )
    assert "di luar lingkup kewenangan Anda" in caught.value.message_dict["recipient"][0]


def test_approver_must_act_within_scope(types, leader, leader_a2, pegawai):
    award = services.award_nominate(
        actor=leader,
        award_type=types["apresiasi-integritas"],
        recipient=employee_of(pegawai),
        citation="Jujur",
    )
    with pytest.raises(ValidationError) as caught:
        services.award_approve(actor=leader_a2, award=award)
    assert caught.value.messages == [
        "Hanya pimpinan unit penerima, atau unit di atasnya, yang dapat memutuskan penghargaan ini."
    ]
    award.refresh_from_db()
    assert award.status == Status.NOMINATED


def test_hr_type_needs_hr(types, leader, pegawai):
    award = services.award_nominate(
        actor=leader,
        award_type=types["pegawai-teladan"],
        recipient=employee_of(pegawai),
        citation="Teladan",
    )
    with pytest.raises(ValidationError) as caught:
        services.award_approve(actor=leader, award=award)
    assert caught.value.messages == [
        "Hanya pengelola kepegawaian unit penerima yang dapat memutuskan penghargaan ini."
    ]


def test_nobody_approves_their_own_award(types, admin_user, leader):
    award = services.award_nominate(
        actor=admin_user,
        award_type=types["apresiasi-integritas"],
        recipient=employee_of(leader),
        citation="Jujur",
    )
    with pytest.raises(ValidationError) as caught:
        services.award_approve(actor=leader, award=award)
    assert caught.value.messages == ["Anda tidak dapat menyetujui penghargaan untuk diri sendiri."]
    award.refresh_from_db()
    assert award.status == Status.NOMINATED


def test_two_people_rule(types, leader, pegawai, charters):
    award = services.award_nominate(
        actor=leader,
        award_type=types["pelayanan-prima"],
        recipient=employee_of(pegawai),
        citation="Cepat",
    )
    with pytest.raises(ValidationError) as caught:
        services.award_approve(actor=leader, award=award)
    assert caught.value.messages == [
        "Penghargaan ini memerlukan dua orang: pengusul tidak dapat menyetujuinya."
    ]
    assert charters.issued == []


def test_one_person_type_lets_the_leader_grant_directly(types, leader, pegawai):
    award = services.award_nominate(
        actor=leader,
        award_type=types["apresiasi-integritas"],
        recipient=employee_of(pegawai),
        citation="Jujur",
    )
    assert services.award_approve(actor=leader, award=award).status == Status.GRANTED


def test_quota_per_unit_and_period(types, leader, leader_a2, hr, world):
    first = EmployeeFactory(unit=world.a1a, name="Satu")
    second = EmployeeFactory(unit=world.a1, name="Dua")  # same dinas A1: same quota unit
    elsewhere = EmployeeFactory(unit=world.a2, name="Tiga")
    teladan = types["pegawai-teladan"]  # quota 1 per dinas per quarter
    awards = [
        services.award_nominate(actor=actor, award_type=teladan, recipient=e, citation="Teladan")
        for actor, e in ((leader, first), (leader, second), (leader_a2, elsewhere))
    ]
    services.award_approve(actor=hr, award=awards[0])
    with pytest.raises(ValidationError) as caught:
        services.award_approve(actor=hr, award=awards[1])
    assert caught.value.messages == [
        "Kuota penghargaan ini di Dinas A1 untuk periode ini (1) sudah terpenuhi."
    ]
    services.award_approve(actor=hr, award=awards[2])  # Dinas A2 has its own quota
    assert list(Award.objects.order_by("id").values_list("status", flat=True)) == [
        Status.GRANTED,
        Status.NOMINATED,
        Status.GRANTED,
    ]


def test_quota_counts_per_period(types, leader, hr, world):
    teladan = types["pegawai-teladan"]
    one, two = EmployeeFactory(unit=world.a1), EmployeeFactory(unit=world.a1)
    first = services.award_nominate(
        actor=leader, award_type=teladan, recipient=one, citation="x", on=dt.date(2025, 3, 31)
    )
    later = services.award_nominate(
        actor=leader, award_type=teladan, recipient=two, citation="x", on=dt.date(2025, 4, 1)
    )
    assert (first.period_start, later.period_start) == (dt.date(2025, 1, 1), dt.date(2025, 4, 1))
    services.award_approve(actor=hr, award=first)
    services.award_approve(actor=hr, award=later)


def test_one_award_of_a_type_per_person_per_period(types, leader, pegawai):
    recipient = employee_of(pegawai)
    kind = types["apresiasi-integritas"]
    services.award_nominate(actor=leader, award_type=kind, recipient=recipient, citation="a")
    with pytest.raises(ValidationError) as caught:
        services.award_nominate(actor=leader, award_type=kind, recipient=recipient, citation="b")
    assert caught.value.message_dict == {
        "recipient": [
            "Pegawai sudah menerima, atau sedang diusulkan untuk, penghargaan ini pada periode ini."
        ]
    }
    assert Award.objects.count() == 1


def test_rejected_award_frees_the_period(types, leader, hr, pegawai):
    recipient = employee_of(pegawai)
    kind = types["pegawai-teladan"]
    first = services.award_nominate(
        actor=leader, award_type=kind, recipient=recipient, citation="a"
    )
    services.award_reject(actor=hr, award=first, reason="Belum cukup bukti")
    services.award_nominate(actor=leader, award_type=kind, recipient=recipient, citation="b")
    assert Award.objects.filter(status=Status.NOMINATED).count() == 1


def test_citation_required(types, leader, pegawai):
    with pytest.raises(ValidationError) as caught:
        services.award_nominate(
            actor=leader,
            award_type=types["apresiasi-integritas"],
            recipient=employee_of(pegawai),
            citation="   ",
        )
    assert caught.value.message_dict == {
        "citation": ["Alasan penghargaan wajib diisi untuk jenis penghargaan ini."]
    }


def test_grant_issues_charter_notifies_and_audits(
    types, leader, hr, pegawai, charters, django_capture_on_commit_callbacks
):
    award = services.award_nominate(
        actor=leader,
        award_type=types["pegawai-teladan"],
        recipient=employee_of(pegawai),
        citation="Teladan",
    )
    with django_capture_on_commit_callbacks(execute=True):
        award = services.award_approve(actor=hr, award=award, note="Setuju")
    assert award.status == Status.GRANTED and award.decided_by == hr
    assert charters.issued == [
        {"award": award.pk, "actor": hr.pk, "source_key": f"recognition.award:{award.pk}"}
    ]
    charter = award.charter_certificate
    assert charter.kind == "award" and charter.status == "valid"
    assert charter.source_key == f"recognition.award:{award.pk}"
    assert charter.serial.startswith("PIAGAM/")
    note = Notification.objects.get(recipient=pegawai)
    assert note.text == "Anda menerima penghargaan “Pegawai Teladan”."
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Anda menerima penghargaan “Pegawai Teladan”"
    assert mail.outbox[0].to == [employee_of(pegawai).email]
    assert "Teladan" in mail.outbox[0].alternatives[0][0]


def test_no_email_before_commit(types, leader, hr, pegawai, django_capture_on_commit_callbacks):
    award = services.award_nominate(
        actor=leader,
        award_type=types["pegawai-teladan"],
        recipient=employee_of(pegawai),
        citation="Teladan",
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.award_approve(actor=hr, award=award)
    assert len(callbacks) == 1 and mail.outbox == []


def test_revoke_needs_reason_and_revokes_charter(types, leader, hr, pegawai, charters):
    award = services.award_nominate(
        actor=leader,
        award_type=types["pegawai-teladan"],
        recipient=employee_of(pegawai),
        citation="Teladan",
    )
    award = services.award_approve(actor=hr, award=award)
    with pytest.raises(ValidationError) as caught:
        services.award_revoke(actor=hr, award=award, reason=" ")
    assert caught.value.message_dict == {
        "reason": ["Alasan wajib diisi untuk mencabut penghargaan."]
    }
    assert charters.revoked == []
    award = services.award_revoke(actor=hr, award=award, reason="Data tidak benar")
    assert award.status == Status.REVOKED
    assert charters.revoked == [{"award": award.pk, "actor": hr.pk, "reason": "Data tidak benar"}]
    with pytest.raises(ValidationError) as caught:
        services.award_revoke(actor=hr, award=award, reason="lagi")
    assert caught.value.messages == ["Hanya penghargaan yang sudah diberikan yang dapat dicabut."]


def test_audit_row_for_every_transition(types, leader, hr, pegawai, colleague):
    kind = types["pegawai-teladan"]
    granted = services.award_nominate(
        actor=leader, award_type=kind, recipient=employee_of(pegawai), citation="Teladan"
    )
    services.award_approve(actor=hr, award=granted, note="ok")
    services.award_revoke(actor=hr, award=granted, reason="salah data")
    rejected = services.award_nominate(
        actor=leader, award_type=kind, recipient=colleague, citation="Teladan"
    )
    services.award_reject(actor=hr, award=rejected, reason="kurang bukti")
    rows = list(
        AwardEvent.objects.order_by("id").values_list(
            "award_id", "actor__username", "from_status", "to_status", "note"
        )
    )
    assert rows == [
        (granted.pk, "leader", "", "nominated", "Teladan"),
        (granted.pk, "hr", "nominated", "granted", "ok"),
        (granted.pk, "hr", "granted", "revoked", "salah data"),
        (rejected.pk, "leader", "", "nominated", "Teladan"),
        (rejected.pk, "hr", "nominated", "rejected", "kurang bukti"),
    ]
    assert all(e.at is not None for e in AwardEvent.objects.all())


def test_decided_award_cannot_be_decided_again(types, leader, hr, pegawai):
    award = services.award_nominate(
        actor=leader,
        award_type=types["pegawai-teladan"],
        recipient=employee_of(pegawai),
        citation="Teladan",
    )
    services.award_reject(actor=hr, award=award)
    with pytest.raises(ValidationError) as caught:
        services.award_approve(actor=hr, award=award)
    assert caught.value.messages == [
        "Hanya usulan yang masih menunggu yang dapat disetujui atau ditolak."
    ]
