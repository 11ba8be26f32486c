"""HTML pages per persona: content, scope and the charts' safety."""

import pytest

from competencies.charts import bar_svg, radar_svg
from competencies.models import LearningRecord
from tests.competencies.conftest import rate
from tests.conftest import employee_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def rated(personas, requirements):
    rate(employee_of(personas["pegawai"]), "T.1", 1)
    rate(employee_of(personas["pegawai"]), "M.1", 2)
    rate(employee_of(personas["outsider"]), "T.1", 1)


def test_my_profile_shows_radar_table_and_jp(client, pegawai, rated):
    client.force_login(pegawai)
    response = client.get("/kompetensi/saya/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "<script" not in html.split("<svg", 1)[1].split("</svg>")[0]
    assert "Empati dalam Pelayanan" in html
    assert "Di bawah standar" in html and "Belum dinilai" in html
    assert "JP" in html


@pytest.mark.parametrize(
    ("persona", "target", "status"),
    [
        ("pegawai", "pegawai", 200),
        ("pegawai", "outsider", 404),
        ("leader", "pegawai", 200),
        ("leader", "outsider", 404),
        ("hr", "outsider", 200),
        ("hr_b", "pegawai", 404),
        ("leader_a2", "pegawai", 404),
    ],
)
def test_employee_profile_scope(client, personas, rated, persona, target, status):
    client.force_login(personas[persona])
    url = f"/kompetensi/pegawai/{employee_of(personas[target]).pk}/"
    assert client.get(url).status_code == status
    api_url = f"/api/v1/employees/{employee_of(personas[target]).pk}/competency-profile/"
    assert client.get(api_url).status_code == status


@pytest.mark.parametrize(
    "url",
    ["/kompetensi/laporan/", "/kompetensi/laporan/pegawai/", "/kompetensi/jp/", "/kompetensi/tim/"],
)
def test_reports_for_leaders_and_hr_not_pegawai(client, personas, rated, url):
    client.force_login(personas["pegawai"])
    assert client.get(url).status_code == 403
    client.force_login(personas["leader"])
    response = client.get(url)
    assert response.status_code == 200
    assert "Outsider" not in response.content.decode()


def test_gap_report_page_has_chart_and_drilldown_links(client, hr, rated):
    client.force_login(hr)
    html = client.get("/kompetensi/laporan/").content.decode()
    assert 'class="chart bars"' in html and "/kompetensi/laporan/pegawai/?unit=" in html
    assert "format=xlsx" in html


def test_leader_rates_staff_through_the_form(client, personas, requirements, comp):
    client.force_login(personas["leader"])
    target = employee_of(personas["pegawai"])
    url = f"/kompetensi/pegawai/{target.pk}/nilai/"
    response = client.post(
        url,
        {
            "competency": comp("T.2").pk,
            "level": 3,
            "source": "supervisor",
            "assessed_on": "2025-03-01",
        },
    )
    assert response.status_code == 302
    assert target.assessments.get().source == "supervisor"
    client.force_login(personas["leader"])
    other = employee_of(personas["outsider"])
    assert client.get(f"/kompetensi/pegawai/{other.pk}/nilai/").status_code == 404


def test_record_training_form_redisplays_errors(client, hr, pegawai):
    client.force_login(hr)
    response = client.post(
        "/kompetensi/jp/catat/",
        {
            "employee": employee_of(pegawai).pk,
            "title": "Diklat",
            "kind": "classical",
            "jp": "4",
            "start_date": "2025-03-05",
            "end_date": "2025-03-01",
        },
    )
    assert response.status_code == 200
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in response.content.decode()
    assert not LearningRecord.objects.exists()


def test_dashboard_panels_and_navigation(client, personas, rated):
    client.force_login(personas["hr"])
    html = client.get("/").content.decode()
    assert "/kompetensi/laporan/" in html and "/kompetensi/jabatan/" in html
    client.force_login(personas["pegawai"])
    html = client.get("/").content.decode()
    assert "/kompetensi/saya/" in html and "/kompetensi/jabatan/" not in html


def test_charts_escape_text_and_load_nothing():
    svg = radar_svg(
        labels=["<script>", "B", "C"],
        required=[1, 2, 3],
        current=[1, None, 5],
        title="t&t",
        legend_required="r",
        legend_current="c",
    )
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert "href" not in svg and "style=" not in svg
    bars = bar_svg(bars=[("<b>", 50.0), ("x", None)], title="t")
    assert "<b>" not in bars and "href" not in bars and "style=" not in bars


def test_team_view_jpm_matches_profile_and_queries_are_constant(
    client, personas, world, requirements, django_assert_max_num_queries
):
    from competencies.selectors import employee_profile
    from tests.factories import EmployeeFactory

    rate(employee_of(personas["pegawai"]), "T.1", 1)
    rate(employee_of(personas["pegawai"]), "M.1", 3)
    for _ in range(55):
        rate(EmployeeFactory(unit=world.a1a, position=world.position_a), "T.2", 1)
    client.force_login(personas["leader"])
    client.get("/kompetensi/tim/")
    with django_assert_max_num_queries(12):
        response = client.get("/kompetensi/tim/")
    members = {m.name: m for m in response.context["page_obj"]}
    assert len(response.context["page_obj"]) == 50
    expected = employee_profile(employee=employee_of(personas["pegawai"])).jpm
    assert expected is not None and members["Pegawai"].jpm == expected
    assert members["Pegawai"].n_below == 1 and members["Pegawai"].not_assessed == 11
