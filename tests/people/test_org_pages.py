import pytest
from django.urls import reverse

from people.models import Employee
from tests.conftest import employee_of
from tests.factories import EmployeeFactory, OrgUnitFactory, valid_nip


@pytest.fixture
def browser(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def detail(employee):
    return reverse("people:employee_detail", args=[employee.pk])


def edit(employee):
    return reverse("people:employee_edit", args=[employee.pk])


# --- who may open what ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", 200),
        ("hr", 200),
        ("hr_a1", 200),
        ("leader", 200),
        ("pegawai", 403),
        ("outsider", 403),
    ],
)
@pytest.mark.parametrize("name", ["people:units", "people:employees", "people:employee_export"])
def test_org_section_is_for_hr_and_leaders(browser, personas, persona, expected, name):
    response = browser(personas[persona]).get(reverse(name))
    assert response.status_code == expected
    if expected == 403:
        assert b"Outsider" not in response.content and b"Pegawai" not in response.content


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("admin", 200),
        ("hr", 200),
        ("hr_a1", 200),
        ("leader", 403),
        ("pegawai", 403),
    ],
)
@pytest.mark.parametrize("name", ["people:import", "people:employee_create"])
def test_writing_pages_are_for_hr_only(browser, personas, persona, expected, name):
    assert browser(personas[persona]).get(reverse(name)).status_code == expected


def test_anonymous_is_sent_to_login(client, world):
    for name in ("people:units", "people:employees", "people:import", "people:my_profile"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")


# --- scope: hr_a1 (Dinas A1) vs its sibling A2; hr (agency A) sees both ----------------------


def test_hr_of_a1_gets_404_for_sibling_a2(browser, hr_a1, outsider, pegawai):
    client = browser(hr_a1)
    target = employee_of(outsider)
    assert client.get(detail(target)).status_code == 404
    assert client.get(edit(target)).status_code == 404
    response = client.post(
        edit(target),
        {
            "nip": target.nip,
            "name": "Diubah",
            "employment_type": "PNS",
            "golongan": "III/a",
            "unit": hr_a1.employee.unit_id,
        },
    )
    assert response.status_code == 404
    target.refresh_from_db()
    assert target.name == "Outsider"
    assert (
        client.get(reverse("people:employee_export"), {"unit": target.unit_id}).status_code == 404
    )
    assert client.get(reverse("people:employees"), {"unit": target.unit_id}).status_code == 404
    listing = client.get(reverse("people:employees")).content.decode()
    assert "Outsider" not in listing and "Pegawai" in listing
    export = client.get(reverse("people:employee_export")).content.decode("utf-8-sig")
    assert target.nip not in export and employee_of(pegawai).nip in export


def test_hr_of_the_parent_sees_both(browser, hr, outsider, pegawai):
    client = browser(hr)
    for user in (outsider, pegawai):
        employee = employee_of(user)
        assert client.get(detail(employee)).status_code == 200
        assert client.get(edit(employee)).status_code == 200
    listing = client.get(reverse("people:employees")).content.decode()
    assert "Outsider" in listing and "Pegawai" in listing


def test_hr_of_another_agency_sees_nothing_of_agency_a(browser, hr_b, pegawai, world):
    client = browser(hr_b)
    assert client.get(detail(employee_of(pegawai))).status_code == 404
    assert client.get(reverse("people:employees"), {"unit": world.a1.pk}).status_code == 404


def test_pegawai_sees_only_themself(browser, pegawai, outsider, leader):
    client = browser(pegawai)
    own = employee_of(pegawai)
    response = client.get(detail(own))
    assert response.status_code == 200
    assert own.nip_display in response.content.decode()
    assert edit(own) not in response.content.decode()  # no edit button
    assert client.get(detail(employee_of(outsider))).status_code == 404
    assert client.get(detail(employee_of(leader))).status_code == 404
    assert client.get(edit(own)).status_code == 403
    profile = client.get(reverse("people:my_profile"))
    assert profile.status_code == 302 and profile["Location"] == detail(own)


def test_admin_without_employee_record_has_no_profile(browser, admin_user):
    assert browser(admin_user).get(reverse("people:my_profile")).status_code == 404


def test_leader_is_read_only(browser, leader, pegawai, outsider):
    client = browser(leader)
    staff = employee_of(pegawai)
    page = client.get(detail(staff)).content.decode()
    assert staff.nip_display in page
    assert edit(staff) not in page
    assert client.get(edit(staff)).status_code == 403
    assert client.post(edit(staff), {"name": "x"}).status_code == 403
    assert client.get(detail(employee_of(outsider))).status_code == 404
    assert "Impor" not in client.get(reverse("people:employees")).content.decode()


# --- detail ---------------------------------------------------------------------------------


def test_detail_shows_nip_dates_golongan_and_unit_path(browser, hr, pegawai, world):
    employee = employee_of(pegawai)
    page = browser(hr).get(detail(employee)).content.decode()
    assert employee.nip_display in page
    assert "III/a Penata Muda" in page
    assert "Pelaksana" in page
    born = employee.birth_date
    assert f"{born.day} " in page and str(born.year) in page
    breadcrumb = page[page.index('aria-label="breadcrumb"') :]
    assert (
        breadcrumb.index("Agency A") < breadcrumb.index("Dinas A1") < breadcrumb.index("Bidang A1a")
    )
    assert edit(employee) in page


# --- list -----------------------------------------------------------------------------------


def test_list_filters_by_unit_subtree_type_and_search(
    browser, hr, pegawai, outsider, leader, world
):
    client = browser(hr)
    names = lambda **params: {  # noqa: E731
        e.name for e in client.get(reverse("people:employees"), params).context["page_obj"]
    }
    assert names(unit=world.a1.pk) == {"Hr_a1", "Leader", "Pegawai"} - {"Hr_a1"}
    assert names(unit=world.a2.pk) == {"Outsider"}
    assert names(position_type="jpt_pratama") == {"Leader"}
    assert names(search="outs") == {"Outsider"}
    assert names(search=employee_of(pegawai).nip[:12]) == {"Pegawai"}


def test_employee_list_runs_a_fixed_number_of_queries(
    browser, hr, world, django_assert_max_num_queries
):
    unit = OrgUnitFactory(parent=world.a1, code="A1b")
    for n in range(60):
        EmployeeFactory(unit=unit, position=world.position_a, nip=valid_nip(1000 + n))
    client = browser(hr)
    # session, user, role assignments, own employee (scope), units for the filter choices,
    # the unit of the filter, COUNT, the page of 50 with unit and position joined,
    # plus the navigation/dashboard hooks' reads of the same cached scope: no per-row query.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("people:employees"), {"unit": unit.pk})
    assert len(response.context["page_obj"].object_list) == 50
    with django_assert_max_num_queries(8):
        response = client.get(reverse("people:employees"), {"unit": unit.pk, "page": 2})
    assert len(response.context["page_obj"].object_list) == 10


def test_unit_tree_counts_in_one_query(
    browser, hr, pegawai, outsider, leader, world, django_assert_max_num_queries
):
    EmployeeFactory(unit=world.a1a, is_active=False)
    client = browser(hr)
    # session, user, role assignments, own employee, the units with their counts
    with django_assert_max_num_queries(5):
        response = client.get(reverse("people:units"))
    roots = response.context["roots"]
    assert [node.unit.code for node in roots] == ["A"]
    agency = roots[0]
    # agency: hr; A1: hr_a1? no (not created) -> leader; A1a: pegawai (+1 inactive); A2: outsider
    assert (agency.own, agency.total) == (1, 4)
    by_code = {child.unit.code: child for child in agency.children}
    assert (by_code["A1"].own, by_code["A1"].total) == (1, 2)
    assert (by_code["A1"].children[0].own, by_code["A2"].total) == (1, 1)


def test_leader_tree_is_their_subtree(browser, leader, world):
    roots = browser(leader).get(reverse("people:units")).context["roots"]
    assert [node.unit.code for node in roots] == ["A1"]
    assert [child.unit.code for child in roots[0].children] == ["A1a"]


# --- HR form --------------------------------------------------------------------------------


def form_data(world, **overrides):
    data = {
        "nip": "19800101 200501 1 007",
        "name": "Baru Sekali",
        "title_prefix": "",
        "title_suffix": "S.T.",
        "employment_type": "PNS",
        "golongan": "III/b",
        "unit": world.a1a.pk,
        "position": world.position_a.pk,
        "email": "baru@x.go.id",
        "is_active": "on",
    }
    return {**data, **overrides}


def test_hr_creates_an_employee(browser, hr, world):
    response = browser(hr).post(reverse("people:employee_create"), form_data(world))
    employee = Employee.objects.get(nip="198001012005011007")
    assert response.status_code == 302 and response["Location"] == detail(employee)
    assert (employee.full_name, employee.unit, employee.golongan) == (
        "Baru Sekali, S.T.",
        world.a1a,
        "III/b",
    )


def test_bad_input_shows_the_form_again_with_messages(browser, hr, world):
    client = browser(hr)
    response = client.post(
        reverse("people:employee_create"), form_data(world, nip="198001012005011000", golongan="")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nomor urut pada NIP (digit 16-18) tidak boleh 000." in page
    assert not Employee.objects.filter(name="Baru Sekali").exists()
    response = client.post(reverse("people:employee_create"), form_data(world, golongan=""))
    assert "PNS wajib memiliki golongan." in response.content.decode()
    assert not Employee.objects.filter(name="Baru Sekali").exists()


def test_hr_of_a1_cannot_create_in_a2(browser, hr_a1, world):
    response = browser(hr_a1).post(
        reverse("people:employee_create"), form_data(world, unit=world.a2.pk)
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Employee.objects.filter(name="Baru Sekali").exists()


def test_hr_edits_an_employee_and_duplicate_nip_is_refused(browser, hr, pegawai, outsider, world):
    client = browser(hr)
    staff = employee_of(pegawai)
    data = form_data(world, nip=staff.nip, name="Pegawai Baru", unit=world.a2.pk)
    response = client.post(edit(staff), data)
    assert response.status_code == 302
    staff.refresh_from_db()
    assert (staff.name, staff.unit, staff.golongan) == ("Pegawai Baru", world.a2, "III/b")
    response = client.post(edit(staff), {**data, "nip": employee_of(outsider).nip})
    assert response.status_code == 200
    assert "Pegawai dengan NIP ini sudah ada." in response.content.decode()
    staff.refresh_from_db()
    assert staff.nip != employee_of(outsider).nip


# --- import page ----------------------------------------------------------------------------


def test_import_page_lists_bad_rows_and_saves_nothing(browser, hr, world):
    from tests.people.conftest import csv_file, import_rows

    rows = import_rows(5)
    rows[2][6] = "TIDAK-ADA"
    response = browser(hr).post(reverse("people:import"), {"file": csv_file(rows)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "kode_unit" in page and "Tidak ditemukan di unit yang Anda kelola." in page
    assert '<td data-label="Baris">4</td>' in page
    assert not Employee.objects.filter(name__startswith="Pegawai Impor").exists()


def test_import_page_imports_and_summarises(browser, hr, world):
    from tests.people.conftest import import_rows, xlsx_file

    response = browser(hr).post(reverse("people:import"), {"file": xlsx_file(import_rows(5))})
    assert response.status_code == 200
    assert "5 pegawai ditambahkan, 0 diperbarui, 0 tidak berubah." in response.content.decode()
    assert Employee.objects.filter(name__startswith="Pegawai Impor").count() == 5


def test_import_page_refuses_other_file_types(browser, hr, world):
    from tests.people.conftest import csv_file, import_rows

    response = browser(hr).post(
        reverse("people:import"), {"file": csv_file(import_rows(1), name="x.txt")}
    )
    assert "Unggah berkas .csv atau .xlsx." in response.content.decode()


def test_import_page_post_is_forbidden_for_leaders(browser, leader, world):
    from tests.people.conftest import csv_file, import_rows

    response = browser(leader).post(reverse("people:import"), {"file": csv_file(import_rows(2))})
    assert response.status_code == 403
    assert not Employee.objects.filter(name__startswith="Pegawai Impor").exists()


# --- navigation and dashboard ---------------------------------------------------------------


def test_navigation_by_role(browser, hr, leader, pegawai, admin_user):
    def links(user):
        page = browser(user).get(reverse("dashboard")).content.decode()
        return {
            label
            for label in ("Organisasi", "Impor Pegawai", "Profil Saya")
            if f">{label}</a>" in page
        }

    assert links(hr) == {"Organisasi", "Impor Pegawai", "Profil Saya"}
    assert links(leader) == {"Organisasi", "Profil Saya"}
    assert links(pegawai) == {"Profil Saya"}
    assert links(admin_user) == {"Organisasi", "Impor Pegawai"}


def test_dashboard_panels_by_role(browser, hr, leader, pegawai, outsider):
    page = browser(pegawai).get(reverse("dashboard")).content.decode()
    assert employee_of(pegawai).nip_display in page and "Bidang A1a" in page
    assert "Tim Saya" not in page and "Organisasi (HR)" not in page
    page = browser(leader).get(reverse("dashboard"))
    team = [p for p in page.context["panels"] if p.template.endswith("leader.html")]
    assert team[0].context == {"team": 1}  # pegawai; the leader is not their own team
    page = browser(hr).get(reverse("dashboard"))
    counts = [p for p in page.context["panels"] if p.template.endswith("hr.html")][0].context
    assert counts == {"employees": 4, "units": 4}
