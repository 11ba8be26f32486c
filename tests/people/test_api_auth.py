import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import employee_of
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def test_token_for_valid_credentials_then_me(api, leader, world):
    response = api().post("/api/v1/auth/token/", {"username": "leader", "password": "demo12345"})
    assert response.status_code == 200
    token = response.json()["token"]
    client = api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = client.get("/api/v1/me/").json()
    assert me["user"]["username"] == "leader"
    assert me["employee"]["id"] == employee_of(leader).pk
    assert me["roles"] == [{"role": "leader", "unit": world.a1.pk, "unit_name": "Dinas A1"}]


def test_wrong_password_is_a_clear_400(api, pegawai):
    response = api().post("/api/v1/auth/token/", {"username": "pegawai", "password": "nope"})
    assert response.status_code == 400
    assert response.json() == {"detail": "Nama pengguna atau kata sandi salah."}


def test_token_endpoint_locks_the_username_and_ip_pair(api, pegawai, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = api()
    for _ in range(3):
        client.post("/api/v1/auth/token/", {"username": "pegawai", "password": "wrong"})
    locked = client.post("/api/v1/auth/token/", {"username": "pegawai", "password": "demo12345"})
    assert locked.status_code == 429
    assert "Terlalu banyak" in locked.json()["detail"]
    # Another user behind the same office IP is not locked out.
    other = client.post("/api/v1/auth/token/", {"username": "outsider", "password": "demo12345"})
    assert other.status_code in (200, 400)
    assert other.status_code != 429


def test_login_page_locks_after_failures_and_success_resets(client, pegawai, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(2):
        client.post("/login/", {"username": "pegawai", "password": "wrong"})
    ok = client.post("/login/", {"username": "pegawai", "password": "demo12345"})
    assert ok.status_code == 302  # success resets the count
    client.logout()
    for _ in range(3):
        client.post("/login/", {"username": "pegawai", "password": "wrong"})
    locked = client.post("/login/", {"username": "pegawai", "password": "demo12345"})
    assert locked.status_code == 429
    assert "Terlalu banyak" in locked.content.decode()


def test_employee_list_runs_a_fixed_number_of_queries(
    api, hr, world, django_assert_max_num_queries
):
    EmployeeFactory.create_batch(50, unit=world.a1a, position=world.position_a)
    client = api(hr)
    # role assignments, own employee, count, page (employees + unit + position + user joined)
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/employees/?page_size=50")
    assert len(response.json()["results"]) == 50
    with CaptureQueriesContext(connection) as few:
        api(hr).get("/api/v1/employees/?page_size=5")
    with CaptureQueriesContext(connection) as many:
        api(hr).get("/api/v1/employees/?page_size=50")
    assert len(few) == len(many)


def test_unit_and_position_lists_run_a_fixed_number_of_queries(
    api, hr, world, django_assert_max_num_queries
):
    from tests.factories import OrgUnitFactory, PositionFactory

    for n in range(50):
        OrgUnitFactory(parent=world.a2, code=f"A2-{n}")
        PositionFactory(agency=world.agency_a, code=f"P{n}")
    with django_assert_max_num_queries(4):
        units = api(hr).get("/api/v1/units/?page_size=50")
    assert len(units.json()["results"]) == 50
    with django_assert_max_num_queries(4):
        positions = api(hr).get("/api/v1/positions/?page_size=50")
    assert len(positions.json()["results"]) == 50


def test_schema_generates_without_warnings(capsys):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


def test_swagger_ui_loads_no_external_url(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "http://" not in html.replace("http://testserver", "")
    assert "https://" not in html
    assert "/static/drf_spectacular_sidecar/" in html


def test_pages_send_a_content_security_policy(client, db):
    response = client.get("/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_demo_seed_gives_pegawai_an_api_token(api, db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - idempotent
    response = api().post("/api/v1/auth/token/", {"username": "pegawai", "password": "demo12345"})
    assert response.status_code == 200
    assert response.json()["token"]
