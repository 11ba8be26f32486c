import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from certificates import services
from certificates.models import Certificate, CertificateAudit, SerialCounter
from certificates.services import certificate_issue, certificate_reissue, certificate_revoke
from tests.conftest import employee_of


def test_issue_stores_pdf_with_its_hash_and_is_idempotent(pegawai, issue):
    first = issue(employee_of(pegawai))
    again = issue(employee_of(pegawai))
    assert again.pk == first.pk
    assert Certificate.objects.count() == 1
    data = first.pdf.read()
    assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == first.sha256
    assert first.serial == "SERT/2025/000001" or first.serial.endswith("/000001")
    assert len(first.verification_code) >= 22  # 16 random bytes
    assert first.status == "valid" and first.version == 1
    assert list(first.audits.values_list("action", flat=True)) == ["issue"]


def test_serials_are_sequential_per_prefix(pegawai, outsider, issue):
    a = issue(employee_of(pegawai), n=1)
    b = issue(employee_of(pegawai), n=2)
    c = issue(employee_of(outsider), n=1, kind="award", title="Pegawai Teladan")
    assert [a.serial[-6:], b.serial[-6:]] == ["000001", "000002"]
    assert c.serial.startswith("PIAGAM/") and c.serial.endswith("/000001")


def test_renaming_after_issue_leaves_the_stored_pdf_unchanged(pegawai, issue):
    employee = employee_of(pegawai)
    certificate = issue(employee)
    before = certificate.pdf.read()
    employee.name = "Nama Baru"
    employee.save()
    certificate.refresh_from_db()
    assert certificate.pdf.read() == before
    assert hashlib.sha256(before).hexdigest() == certificate.sha256
    assert certificate.snapshot["recipient_name"] == "Pegawai"


def test_reissue_creates_version_2_and_supersedes_version_1(hr, pegawai, issue):
    employee = employee_of(pegawai)
    old = issue(employee)
    employee.name = "Pegawai Diperbaiki"
    employee.save()
    new = certificate_reissue(certificate=old, actor=hr, reason="Nama salah ketik")
    old.refresh_from_db()
    assert (new.version, new.status, new.supersedes_id) == (2, "valid", old.pk)
    assert old.status == "superseded" and old.superseded_by == new
    assert new.serial != old.serial and new.verification_code != old.verification_code
    assert new.snapshot["recipient_name"] == "Pegawai Diperbaiki"
    assert new.source_key == old.source_key
    audit = CertificateAudit.objects.get(certificate=new)
    assert (audit.action, audit.actor, audit.reason) == ("reissue", hr, "Nama salah ketik")
    # the current version answers for the source; issuing again is still idempotent
    assert issue(employee).pk == new.pk


def test_revoke_needs_a_reason_and_is_audited(hr, pegawai, issue):
    certificate = issue(employee_of(pegawai))
    with pytest.raises(ValidationError) as error:
        certificate_revoke(certificate=certificate, actor=hr, reason=" ")
    assert error.value.message_dict == {"reason": ["Mohon berikan alasan."]}
    revoked = certificate_revoke(certificate=certificate, actor=hr, reason="Data keliru")
    assert (revoked.status, revoked.revoked_reason) == ("revoked", "Data keliru")
    assert revoked.audits.filter(action="revoke", actor=hr).exists()
    # a rerun never undoes the revocation
    assert issue(employee_of(pegawai)).pk == revoked.pk
    with pytest.raises(ValidationError):
        certificate_reissue(certificate=revoked, actor=hr, reason="lagi")


@pytest.mark.parametrize("persona", ["pegawai", "leader", "hr_b", "outsider", "leader_a2"])
def test_only_hr_in_scope_may_revoke_or_reissue(personas, persona, issue):
    certificate = issue(employee_of(personas["pegawai"]))
    for service in (certificate_revoke, certificate_reissue):
        with pytest.raises(PermissionDenied):
            service(certificate=certificate, actor=personas[persona], reason="x")
    certificate.refresh_from_db()
    assert certificate.status == "valid" and Certificate.objects.count() == 1


@pytest.mark.parametrize("persona", ["hr", "hr_a1", "admin"])
def test_hr_in_scope_and_admin_may_revoke(personas, persona, issue):
    certificate = issue(employee_of(personas["pegawai"]))
    assert (
        certificate_revoke(certificate=certificate, actor=personas[persona], reason="x").status
        == "revoked"
    )


def test_bad_input_is_refused_and_writes_nothing(pegawai, hr):
    with pytest.raises(ValidationError) as error:
        certificate_issue(
            recipient=employee_of(pegawai),
            kind="nope",
            title=" ",
            source_key="s:1",
            jp=-1,
            actor=hr,
        )
    assert set(error.value.message_dict) == {"kind", "title"}
    with pytest.raises(ValidationError) as error:
        certificate_issue(
            recipient=employee_of(pegawai),
            kind="training",
            title="T",
            source_key="s:1",
            jp=-1,
            actor=hr,
        )
    assert error.value.message_dict == {"jp": ["JP harus antara 0 dan 1000."]}
    assert not Certificate.objects.exists() and not SerialCounter.objects.filter(last__gt=0)


def test_a_failed_render_hands_its_number_back(pegawai, issue, monkeypatch):
    employee = employee_of(pegawai)
    issue(employee, n=1)

    def broken(snapshot):
        raise RuntimeError("renderer down")

    monkeypatch.setattr(services, "render_certificate_pdf", broken)
    with pytest.raises(RuntimeError):
        issue(employee, n=2)
    monkeypatch.undo()
    assert Certificate.objects.count() == 1
    assert issue(employee, n=3).serial.endswith("/000002")  # no gap
