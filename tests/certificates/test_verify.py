import json

import pytest

from certificates.models import VerificationLog
from certificates.services import certificate_reissue, certificate_revoke
from tests.conftest import employee_of


@pytest.fixture
def states(hr, pegawai, issue):
    employee = employee_of(pegawai)
    valid = issue(employee, n=1)
    revoked = certificate_revoke(certificate=issue(employee, n=2), actor=hr, reason="Keliru")
    old = issue(employee, n=3)
    current = certificate_reissue(certificate=old, actor=hr, reason="Nama")
    old.refresh_from_db()
    return {
        "valid": valid,
        "revoked": revoked,
        "superseded": old,
        "current": current,
        "employee": employee,
    }


def _no_personal_data(body: str, employee) -> None:
    assert employee.nip not in body
    assert employee.nip_masked not in body
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%d-%m-%Y", "%d/%m/%Y"):
        assert employee.birth_date.strftime(fmt) not in body


@pytest.mark.parametrize("state", ["valid", "revoked", "superseded"])
def test_verify_api(api, states, state):
    certificate = states[state]
    response = api().get(f"/api/v1/verify/{certificate.verification_code}/")
    assert response.status_code == 200
    data = response.json()
    assert (data["status"], data["serial"], data["name"], data["jp"]) == (
        state,
        certificate.serial,
        "Pegawai",
        "12",
    )
    assert data["title"] == "Komunikasi Efektif dalam Pelayanan Publik"
    if state == "superseded":
        assert data["current"]["serial"] == states["current"].serial
        assert data["current"]["verification_code"] == states["current"].verification_code
    else:
        assert data["current"] is None
    _no_personal_data(json.dumps(data), states["employee"])
    assert VerificationLog.objects.get(certificate=certificate).channel == "api"


@pytest.mark.parametrize(
    ("state", "text"),
    [
        ("valid", "Sertifikat ini sah dan berlaku."),
        ("revoked", "Sertifikat ini telah dicabut."),
        ("superseded", "Sertifikat ini telah digantikan oleh versi yang diperbaiki."),
    ],
)
def test_verify_page(client, states, state, text):
    certificate = states[state]
    response = client.get(f"/verify/{certificate.verification_code}/?via=qr")
    body = response.content.decode()
    assert response.status_code == 200
    assert text in body and certificate.serial in body and "Pegawai" in body
    if state == "superseded":
        assert f"/verify/{states['current'].verification_code}/" in body
    _no_personal_data(body, states["employee"])
    log = VerificationLog.objects.get(certificate=certificate)
    assert log.channel == "qr" and len(log.ip_hash) == 64 and "127.0.0.1" not in log.ip_hash


def test_unknown_code_is_404(api, client, states):
    assert api().get("/api/v1/verify/nope-nope/").status_code == 404
    assert client.get("/verify/nope-nope/").status_code == 404
    assert not VerificationLog.objects.exists()


def test_verify_by_serial_and_code(client, states):
    valid = states["valid"]
    response = client.get("/verify/", {"serial": valid.serial, "code": valid.verification_code})
    assert response.status_code == 302
    assert response["Location"] == f"/verify/{valid.verification_code}/"
    wrong = client.get("/verify/", {"serial": valid.serial, "code": "x"})
    assert wrong.status_code == 404
    assert "Tidak ada sertifikat dengan nomor dan kode ini." in wrong.content.decode()
    assert client.get("/verify/").status_code == 200


def test_badge_assertion_and_410_when_revoked(api, states):
    valid = states["valid"]
    response = api().get(f"/api/v1/certificates/{valid.pk}/badge/")
    assert response.status_code == 200
    data = response.json()
    assert data["@context"] == "https://w3id.org/openbadges/v2"
    assert data["type"] == "Assertion" and data["verification"] == {"type": "hosted"}
    assert data["recipient"]["hashed"] is True
    assert data["recipient"]["identity"].startswith("sha256$")
    assert data["badge"]["type"] == "BadgeClass"
    assert data["id"].endswith(f"/api/v1/certificates/{valid.pk}/badge/")
    body = json.dumps(data)
    _no_personal_data(body, states["employee"])
    assert valid.verification_code not in body and states["employee"].email not in body
    revoked = api().get(f"/api/v1/certificates/{states['revoked'].pk}/badge/")
    assert revoked.status_code == 410
    assert revoked.json() == {"revoked": True, "revocationReason": "Keliru"}
    assert api().get("/api/v1/certificates/999999/badge/").status_code == 404
