import pytest

from certificates.models import Certificate
from tests.conftest import employee_of
from tests.factories import EmployeeFactory

# who sees the pegawai's certificate (pegawai in Bidang A1a, under Dinas A1, agency A)
SEES = {
    "admin": True,
    "hr": True,
    "hr_a1": True,
    "leader": True,
    "pegawai": True,
    "hr_b": False,
    "leader_a2": False,
    "outsider": False,
}
MAY_CHANGE = {"admin", "hr", "hr_a1"}


@pytest.fixture
def cert(personas, issue):
    return issue(employee_of(personas["pegawai"]))


@pytest.mark.parametrize("persona", SEES)
def test_list_and_detail_scope(api, personas, cert, persona):
    client = api(personas[persona])
    ids = [row["id"] for row in client.get("/api/v1/certificates/").json()["results"]]
    assert ids == ([cert.pk] if SEES[persona] else [])
    detail = client.get(f"/api/v1/certificates/{cert.pk}/")
    assert detail.status_code == (200 if SEES[persona] else 404)
    if SEES[persona]:
        assert detail.json()["serial"] == cert.serial
        assert detail.json()["verification_code"] == cert.verification_code


@pytest.mark.parametrize("persona", SEES)
def test_pdf_download_serves_the_stored_file(api, personas, cert, persona, monkeypatch):
    from certificates import rendering

    monkeypatch.setattr(
        rendering, "render_html_to_pdf", lambda html: pytest.fail("downloads must not render")
    )
    response = api(personas[persona]).get(f"/api/v1/certificates/{cert.pk}/pdf/")
    if not SEES[persona]:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == cert.pdf.read()
    expected = f'attachment; filename="sertifikat-{cert.serial.replace("/", "-")}.pdf"'
    assert response["Content-Disposition"] == expected
    assert response["ETag"] == f'"{cert.sha256}"'
    assert response["Cache-Control"].startswith("private")
    again = api(personas[persona]).get(
        f"/api/v1/certificates/{cert.pk}/pdf/", HTTP_IF_NONE_MATCH=f'"{cert.sha256}"'
    )
    assert again.status_code == 304


@pytest.mark.parametrize("persona", SEES)
@pytest.mark.parametrize("verb", ["revoke", "reissue"])
def test_revoke_and_reissue_matrix(api, personas, cert, persona, verb):
    response = api(personas[persona]).post(
        f"/api/v1/certificates/{cert.pk}/{verb}/", {"reason": "Koreksi"}
    )
    if persona in MAY_CHANGE:
        assert response.status_code == (200 if verb == "revoke" else 201)
        cert.refresh_from_db()
        assert cert.status == ("revoked" if verb == "revoke" else "superseded")
        return
    assert response.status_code == (403 if SEES[persona] else 404)
    cert.refresh_from_db()
    assert cert.status == "valid" and Certificate.objects.count() == 1
    assert not cert.audits.exclude(action="issue").exists()


def test_reason_is_required(api, hr, cert):
    response = api(hr).post(f"/api/v1/certificates/{cert.pk}/revoke/", {"reason": ""})
    assert response.status_code == 400 and "reason" in response.json()
    cert.refresh_from_db()
    assert cert.status == "valid"


def test_anonymous_cannot_list(api, cert):
    assert api().get("/api/v1/certificates/").status_code in (401, 403)
    assert api().get(f"/api/v1/certificates/{cert.pk}/pdf/").status_code in (401, 403)


def test_list_query_count_is_constant(api, hr, world, issue, django_assert_max_num_queries):
    for n in range(50):
        issue(EmployeeFactory(unit=world.a1), n=n)
    client = api(hr)
    # scope (roles, employee), count, page with recipients and superseded_by joined
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/certificates/?page_size=50")
    assert len(response.json()["results"]) == 50
