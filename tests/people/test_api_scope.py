"""Who sees and changes which employees, units and positions through the API."""

import pytest

from people.models import Employee
from tests.conftest import employee_of

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def test_hr_of_a_unit_gets_404_for_an_employee_of_the_sibling_unit(api, hr_a1, outsider):
    target = employee_of(outsider)
    client = api(hr_a1)
    assert client.get(f"/api/v1/employees/{target.pk}/").status_code == 404
    response = client.patch(f"/api/v1/employees/{target.pk}/", {"name": "Changed"})
    assert response.status_code == 404
    assert target.pk not in ids(client.get("/api/v1/employees/?page_size=200"))
    target.refresh_from_db()
    assert target.name == "Outsider"


def test_hr_of_the_parent_sees_both_units(api, hr, hr_a1, outsider, pegawai):
    client = api(hr)
    seen = ids(client.get("/api/v1/employees/?page_size=200"))
    assert {employee_of(outsider).pk, employee_of(pegawai).pk, employee_of(hr_a1).pk} <= seen
    assert client.get(f"/api/v1/employees/{employee_of(outsider).pk}/").status_code == 200


def test_pegawai_sees_only_themself(api, pegawai, outsider, leader):
    response = api(pegawai).get("/api/v1/employees/")
    assert response.status_code == 200
    assert ids(response) == {employee_of(pegawai).pk}
    other = employee_of(leader)
    assert api(pegawai).get(f"/api/v1/employees/{other.pk}/").status_code == 404


def test_leader_sees_their_subtree_only(api, leader, pegawai, outsider):
    seen = ids(api(leader).get("/api/v1/employees/"))
    assert seen == {employee_of(leader).pk, employee_of(pegawai).pk}


def test_hr_of_another_agency_sees_nothing_of_agency_a(api, hr_b, pegawai, world):
    client = api(hr_b)
    assert ids(client.get("/api/v1/employees/")) == {employee_of(hr_b).pk}
    assert client.get(f"/api/v1/employees/{employee_of(pegawai).pk}/").status_code == 404
    assert world.a1.pk not in ids(client.get("/api/v1/units/"))
    assert client.get(f"/api/v1/units/{world.a1.pk}/").status_code == 404
    assert world.position_a.pk not in ids(client.get("/api/v1/positions/"))


def test_anonymous_gets_401(api, pegawai):
    for url in ("/api/v1/employees/", "/api/v1/units/", "/api/v1/positions/", "/api/v1/me/"):
        assert api().get(url).status_code == 401


@pytest.mark.parametrize("persona", ["pegawai", "leader", "outsider"])
def test_non_hr_cannot_create_or_update(api, personas, persona, world):
    client = api(personas[persona])
    before = Employee.objects.count()
    payload = {
        "nip": "196608011988031001",
        "name": "Baru",
        "employment_type": "PNS",
        "golongan": "III/a",
        "unit": world.a1a.pk,
    }
    response = client.post("/api/v1/employees/", payload)
    assert response.status_code == 403
    assert Employee.objects.count() == before
    own = employee_of(personas[persona])
    assert client.patch(f"/api/v1/employees/{own.pk}/", {"name": "X"}).status_code == 403


def test_hr_creates_an_employee_in_scope(api, hr_a1, world):
    payload = {
        "nip": "19660801 198803 1 001",
        "name": "Siti Aminah",
        "title_suffix": "S.Sos.",
        "employment_type": "PNS",
        "golongan": "III/b",
        "unit": world.a1a.pk,
        "position": world.position_a.pk,
    }
    response = api(hr_a1).post("/api/v1/employees/", payload)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["nip"] == "196608011988031001"
    assert body["full_name"] == "Siti Aminah, S.Sos."
    assert body["birth_date"] == "1966-08-01"
    assert body["sex"] == "L"


def test_hr_cannot_create_in_a_unit_outside_scope(api, hr_a1, world):
    payload = {
        "nip": "196608011988031001",
        "name": "X",
        "employment_type": "PNS",
        "golongan": "III/a",
        "unit": world.a2.pk,
    }
    response = api(hr_a1).post("/api/v1/employees/", payload)
    assert response.status_code == 400
    assert response.json() == {"unit": ["Unit tidak ditemukan."]}
    assert not Employee.objects.filter(nip="196608011988031001").exists()


def test_hr_cannot_move_an_employee_out_of_scope(api, hr_a1, pegawai, world):
    target = employee_of(pegawai)
    response = api(hr_a1).patch(f"/api/v1/employees/{target.pk}/", {"unit": world.a2.pk})
    assert response.status_code == 400
    target.refresh_from_db()
    assert target.unit == world.a1a


def test_invalid_nip_gets_its_message_and_nothing_is_written(api, hr, world):
    payload = {
        "nip": "196608011988035001",
        "name": "X",
        "employment_type": "PNS",
        "golongan": "III/a",
        "unit": world.a1.pk,
    }
    response = api(hr).post("/api/v1/employees/", payload)
    assert response.status_code == 400
    assert response.json() == {
        "nip": ["Digit jenis kelamin pada NIP (digit 15) harus 1 (laki-laki) atau 2 (perempuan)."]
    }


def test_pppk_with_golongan_is_refused(api, hr, world):
    payload = {
        "nip": "196608011988031002",
        "name": "X",
        "employment_type": "PPPK",
        "golongan": "III/a",
        "unit": world.a1.pk,
    }
    response = api(hr).post("/api/v1/employees/", payload)
    assert response.status_code == 400
    assert response.json() == {"golongan": ["Pegawai PPPK tidak memiliki golongan."]}


def test_duplicate_nip_is_refused(api, hr, pegawai, world):
    payload = {
        "nip": employee_of(pegawai).nip,
        "name": "X",
        "employment_type": "PNS",
        "golongan": "III/a",
        "unit": world.a1.pk,
    }
    response = api(hr).post("/api/v1/employees/", payload)
    assert response.status_code == 400
    assert response.json() == {"nip": ["Pegawai dengan NIP ini sudah ada."]}


def test_filters_unit_subtree_golongan_type_and_search(api, hr, pegawai, outsider, leader, world):
    client = api(hr)
    in_a1 = ids(client.get(f"/api/v1/employees/?unit={world.a1.pk}"))
    assert in_a1 == {employee_of(leader).pk, employee_of(pegawai).pk}
    assert ids(client.get("/api/v1/employees/?search=outsid")) == {employee_of(outsider).pk}
    nip = employee_of(pegawai).nip
    spaced = f"{nip[:8]} {nip[8:14]}"
    assert ids(client.get("/api/v1/employees/", {"search": spaced})) == {employee_of(pegawai).pk}
    assert ids(client.get("/api/v1/employees/?position_type=jpt_pratama")) == {
        employee_of(leader).pk
    }
    assert ids(client.get("/api/v1/employees/?golongan=IV/e")) == set()
    assert ids(client.get("/api/v1/employees/?employment_type=PPPK")) == set()


def test_units_list_has_parents_and_hr_creates_a_child_unit(api, hr_a1, world):
    client = api(hr_a1)
    rows = {row["code"]: row for row in client.get("/api/v1/units/").json()["results"]}
    assert set(rows) == {"A1", "A1a"}
    assert rows["A1a"]["parent"] == world.a1.pk
    response = client.post(
        "/api/v1/units/", {"parent": world.a1.pk, "code": "A1b", "name": "Bidang A1b"}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["parent"] == world.a1.pk
    refused = client.post("/api/v1/units/", {"parent": world.a2.pk, "code": "A2x", "name": "X"})
    assert refused.status_code == 400


def test_positions_are_per_agency_and_written_by_hr_of_the_agency(api, hr, hr_a1, world):
    payload = {
        "agency": world.agency_a.pk,
        "code": "PRANATA",
        "name": "Pranata Komputer",
        "type": "fungsional_terampil",
        "level": "terampil",
    }
    assert api(hr).post("/api/v1/positions/", payload).status_code == 201
    # HR of a dinas is not HR of the agency that owns the catalogue.
    payload["code"] = "OTHER"
    assert api(hr_a1).post("/api/v1/positions/", payload).status_code == 400
    bad = dict(payload, code="BAD", type="fungsional_ahli", level="")
    response = api(hr).post("/api/v1/positions/", bad)
    assert response.status_code == 400
    assert response.json() == {"level": ["Jabatan fungsional memerlukan jenjangnya."]}


def test_admin_pages_list_people_for_the_admin(client, admin_user, pegawai):
    client.force_login(admin_user)
    for url in (
        "/admin/people/employee/",
        "/admin/people/orgunit/",
        "/admin/people/position/",
        "/admin/people/roleassignment/",
    ):
        assert client.get(url).status_code == 200
    assert (
        client.get(f"/admin/people/employee/{employee_of(pegawai).pk}/change/").status_code == 200
    )


def test_hr_without_staff_flag_cannot_open_the_admin(client, hr):
    client.force_login(hr)
    assert client.get("/admin/people/employee/").status_code == 302
