"""HTML pages: scoped like the API, forms show the service's message, exports are safe."""

import csv
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from recognition import services
from recognition.models import Award, DisciplinaryRecord, Notification
from tests.conftest import employee_of
from tests.factories import EmployeeFactory


@pytest.fixture
def granted(types, leader, pegawai):
    award = services.award_nominate(
        actor=leader,
        award_type=types["apresiasi-integritas"],
        recipient=employee_of(pegawai),
        citation='=HYPERLINK("http://x")',
    )
    return services.award_approve(actor=leader, award=award)


def login(client, user):
    client.force_login(user)
    return client


def test_give_flow_nominates_and_grants(client, types, leader, pegawai, charters):
    login(client, leader)
    page = client.get("/awards/give/")
    assert page.status_code == 200 and "Beri Apresiasi" in page.content.decode()
    response = client.post(
        "/awards/give/",
        {
            "recipient": employee_of(pegawai).pk,
            "award_type": types["apresiasi-integritas"].pk,
            "citation": "Jujur dalam melayani",
            "grant_now": "on",
        },
    )
    award = Award.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/awards/{award.pk}/"
    assert award.status == "granted" and len(charters.issued) == 1


def test_give_form_shows_service_message(client, types, leader, pegawai):
    login(client, leader)
    response = client.post(
        "/awards/give/",
        {
            "recipient": employee_of(pegawai).pk,
            "award_type": types["pelayanan-prima"].pk,
            "citation": "Cepat",
            "grant_now": "on",
        },
    )
    assert response.status_code == 200
    assert (
        "Penghargaan ini memerlukan dua orang: pengusul tidak dapat menyetujuinya."
        in response.content.decode()
    )
    assert not Award.objects.exists()  # the nomination rolled back with the failed grant


def test_give_form_offers_only_scope(client, leader, pegawai, outsider):
    login(client, leader)
    html = client.get("/awards/give/").content.decode()
    assert employee_of(pegawai).full_name in html
    assert employee_of(outsider).full_name not in html


def test_inbox_and_decision(client, types, leader, hr, colleague):
    award = services.award_nominate(
        actor=leader,
        award_type=types["pegawai-teladan"],
        recipient=colleague,
        citation="Rajin sekali",
    )
    assert "Rajin sekali" not in login(client, leader).get("/awards/inbox/").content.decode()
    login(client, hr)
    assert "Rajin sekali" in client.get("/awards/inbox/").content.decode()
    response = client.post(f"/awards/{award.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 302
    award.refresh_from_db()
    assert award.status == "granted"


def test_decide_out_of_scope_is_404(client, types, leader, hr_b, colleague):
    award = services.award_nominate(
        actor=leader, award_type=types["pegawai-teladan"], recipient=colleague, citation="x"
    )
    assert (
        login(client, hr_b).post(f"/awards/{award.pk}/decide/", {"decision": "approve"}).status_code
        == 404
    )
    award.refresh_from_db()
    assert award.status == "nominated"


@pytest.mark.parametrize(
    "persona, status",
    [
        ("pegawai", 200),
        ("leader", 200),
        ("hr", 200),
        ("outsider", 404),
        ("hr_b", 404),
    ],
)
def test_detail_page_scope(client, personas, granted, persona, status):
    assert login(client, personas[persona]).get(f"/awards/{granted.pk}/").status_code == status


def test_revoke_from_detail_page(client, hr, granted, charters):
    login(client, hr)
    response = client.post(f"/awards/{granted.pk}/", {"reason": ""})
    assert response.status_code == 200 and "Bidang ini harus diisi" in response.content.decode()
    response = client.post(f"/awards/{granted.pk}/", {"reason": "Keliru"})
    assert response.status_code == 302
    granted.refresh_from_db()
    assert granted.status == "revoked" and len(charters.revoked) == 1


def test_wall_and_mine(client, world, pegawai, outsider, granted):
    login(client, pegawai)
    assert "Apresiasi Integritas" in client.get("/awards/mine/").content.decode()
    wall = client.get("/awards/wall/")  # default: the employee's dinas
    assert wall.status_code == 200 and employee_of(pegawai).full_name in wall.content.decode()
    assert client.get(f"/awards/wall/{world.a2.pk}/").status_code == 404
    login(client, outsider)
    assert employee_of(pegawai).full_name not in client.get("/awards/wall/").content.decode()
    assert client.get(f"/awards/wall/{world.a1.pk}/").status_code == 404


def test_wall_query_count(client, types, leader, world, django_assert_max_num_queries):
    kind = types["apresiasi-integritas"]
    for i in range(30):
        award = services.award_nominate(
            actor=leader,
            award_type=kind,
            citation=f"c{i}",
            recipient=EmployeeFactory(unit=world.a1a),
        )
        services.award_approve(actor=leader, award=award)
    login(client, leader)
    # session, user, scope x2, unit, count, page, navigation/context
    with django_assert_max_num_queries(10):
        response = client.get(f"/awards/wall/{world.a1.pk}/")
    assert response.content.decode().count('class="award-card"') == 24


def test_overview_export_neutralises_formulas(client, hr, pegawai, granted):
    login(client, hr)
    assert client.get("/awards/overview/?status=granted").status_code == 200
    rows = list(
        csv.reader(
            io.StringIO(client.get("/awards/overview/?export=csv").content.decode("utf-8-sig"))
        )
    )
    assert rows[0][0] == "Jenis penghargaan"
    assert rows[1][5] == '\'=HYPERLINK("http://x")'
    book = load_workbook(io.BytesIO(client.get("/awards/overview/?export=xlsx").content))
    assert book.active["F2"].value == '=HYPERLINK("http://x")'  # shown as typed...
    assert book.active["F2"].data_type == "s"  # ...as text, never a formula


def test_overview_is_scoped(client, hr_b, granted):
    login(client, hr_b)
    rows = list(
        csv.reader(
            io.StringIO(client.get("/awards/overview/?export=csv").content.decode("utf-8-sig"))
        )
    )
    assert len(rows) == 1  # header only


@pytest.mark.parametrize("persona, status", [("pegawai", 403), ("hr", 200), ("leader", 200)])
def test_manager_pages(client, personas, persona, status):
    login(client, personas[persona])
    assert client.get("/awards/overview/").status_code == status
    assert client.get("/awards/eligibility/").status_code == status


def test_dashboard_shows_notification_and_marks_read(client, pegawai, granted):
    login(client, pegawai)
    html = client.get("/").content.decode()
    assert "Anda menerima penghargaan “Apresiasi Integritas”." in html
    note = Notification.objects.get(recipient=pegawai)
    client.post(f"/notifications/{note.pk}/read/", {"next": "https://evil.example/"})
    note.refresh_from_db()
    assert note.read_at is not None


def test_demo_is_idempotent(db, charters):
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Award.objects.count(), DisciplinaryRecord.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Award.objects.count(), DisciplinaryRecord.objects.count()) == counts == (5, 1)
    assert Award.objects.filter(recipient__user__username="pegawai", status="granted").exists()
    assert Award.objects.filter(status="revoked").count() == 1
    assert Award.objects.filter(status="nominated").count() == 1
