"""Short-lived signed links to the stored PDF, for API clients with token auth."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.conftest import employee_of

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_link_serves_the_stored_bytes_without_login(api, client, pegawai, issue):
    certificate = issue(employee_of(pegawai))
    link = api(pegawai).get(f"/api/v1/certificates/{certificate.pk}/").json()["download_url"]
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["ETag"] == f'"{certificate.sha256}"'
    with certificate.pdf.open("rb") as stored:
        assert body(response) == stored.read()


def test_only_callers_who_see_the_certificate_get_a_link(api, pegawai, outsider, issue):
    certificate = issue(employee_of(pegawai))
    assert api(outsider).get(f"/api/v1/certificates/{certificate.pk}/").status_code == 404
    rows = api(outsider).get("/api/v1/certificates/").json()["results"]
    assert rows == []


def test_a_tampered_link_is_404(api, client, pegawai, issue):
    certificate = issue(employee_of(pegawai))
    link = api(pegawai).get(f"/api/v1/certificates/{certificate.pk}/").json()["download_url"]
    token = link.rstrip("/").rsplit("/", 1)[1]
    forged = link.replace(token, token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"))
    assert client.get(forged).status_code == 404


def test_a_link_expires_after_five_minutes(api, client, pegawai, issue):
    certificate = issue(employee_of(pegawai))
    link = api(pegawai).get(f"/api/v1/certificates/{certificate.pk}/").json()["download_url"]
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6)):
        assert client.get(link).status_code == 404
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=4)):
        assert client.get(link).status_code == 200
