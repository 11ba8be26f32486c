import pytest
from django.core.management import call_command

from certificates import checks
from tests.conftest import employee_of


def test_check_warns_without_harfbuzz_subset(monkeypatch):
    monkeypatch.setattr(checks.ctypes.util, "find_library", lambda name: None)
    warnings = checks.check_harfbuzz_subset(None)
    assert [w.id for w in warnings] == ["certificates.W001"]
    monkeypatch.undo()
    assert checks.check_harfbuzz_subset(None) == []


def test_my_certificates_page(client, pegawai, outsider, issue):
    mine = issue(employee_of(pegawai))
    other = issue(employee_of(outsider))
    client.force_login(pegawai)
    body = client.get("/certificates/").content.decode()
    assert mine.serial in body and other.serial not in body
    assert client.get(f"/certificates/{other.pk}/pdf/").status_code == 404
    assert client.get(f"/certificates/{mine.pk}/pdf/").status_code == 200


@pytest.mark.parametrize(
    ("persona", "status"),
    [("hr", 200), ("hr_a1", 200), ("hr_b", 404), ("pegawai", 403), ("leader", 403)],
)
def test_manage_pages_scope(client, personas, issue, persona, status):
    cert = issue(employee_of(personas["pegawai"]))
    client.force_login(personas[persona])
    assert client.get(f"/certificates/manage/{cert.pk}/").status_code == status
    response = client.post(f"/certificates/manage/{cert.pk}/revoke/", {"revoke-reason": "Salah"})
    assert response.status_code == (302 if status == 200 else status)
    cert.refresh_from_db()
    assert cert.status == ("revoked" if status == 200 else "valid")


def test_manage_reissue_form_shows_errors(client, hr, pegawai, issue):
    cert = issue(employee_of(pegawai))
    client.force_login(hr)
    response = client.post(f"/certificates/manage/{cert.pk}/reissue/", {"reissue-reason": ""})
    assert response.status_code == 400
    list_page = client.get("/certificates/manage/?status=valid")
    assert cert.serial in list_page.content.decode()


def test_demo_seed_is_idempotent_and_shows_every_state(db, django_capture_on_commit_callbacks):
    # The seed commits as it goes; here, inside the test's transaction, the renders queued
    # on commit are run when each block ends.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=__import__("io").StringIO())
    from certificates.models import Certificate

    first = sorted(Certificate.objects.values_list("serial", "status"))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=__import__("io").StringIO())
    assert sorted(Certificate.objects.values_list("serial", "status")) == first
    assert {s for _, s in first} == {"valid", "revoked", "superseded"}
