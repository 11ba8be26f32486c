"""Gap report: aggregates in the database, scope per persona, exports, constant queries."""

import csv
import io

import pytest
from openpyxl import load_workbook

from competencies import selectors
from competencies.models import Competency
from tests.competencies.conftest import rate
from tests.conftest import employee_of
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/competency-gaps/"
DRILL = "/api/v1/reports/competency-gaps/employees/"


@pytest.fixture
def rated(personas, world, requirements):
    """In Bidang A1a: pegawai M.1=1 (meets, req 1), T.1=1 (below, req 2); a colleague
    T.1=3; in Dinas A2 the outsider T.1=1; agency B: one employee rated."""
    rate(employee_of(personas["pegawai"]), "M.1", 1)
    rate(employee_of(personas["pegawai"]), "T.1", 1)
    colleague = EmployeeFactory(
        unit=world.a1a, position=world.position_a, name="=cmd|' /C calc'!A0"
    )
    rate(colleague, "T.1", 3)
    rate(employee_of(personas["outsider"]), "T.1", 1)
    rate(employee_of(personas["hr_b"]), "T.1", 2)
    return colleague


def _row(data, unit_name, code):
    return next(
        r for r in data["results"] if r["unit_name"] == unit_name and r["competency_code"] == code
    )


def test_hr_sees_each_dinas_with_counts(api, personas, rated):
    response = api(personas["hr"]).get(URL, {"competency": Competency.objects.get(code="T.1").pk})
    assert response.status_code == 200
    data = response.json()
    assert {r["unit_name"] for r in data["results"]} == {"Agency A", "Dinas A1", "Dinas A2"}
    a1 = _row(data, "Dinas A1", "T.1")
    # Dinas A1 subtree: hr_a1, leader (JPT, req 4), pegawai, colleague
    assert a1["employees"] == 4
    assert a1["assessed"] == 2 and a1["not_assessed"] == 2
    assert a1["below"] == 1 and a1["meeting"] == 1
    assert a1["mean_gap"] == "0.00"  # (1-2) and (3-2)
    assert a1["pct_meeting"] == "50.0"
    a2 = _row(data, "Dinas A2", "T.1")
    assert a2["below"] == 1 and a2["pct_meeting"] == "0.0"


def test_leader_sees_only_their_subtree(api, personas, rated):
    data = api(personas["leader"]).get(URL).json()
    assert {r["unit_name"] for r in data["results"]} == {"Dinas A1", "Bidang A1a"}
    response = api(personas["leader"]).get(URL, {"unit": personas["outsider"].employee.unit_id})
    assert response.status_code == 404
    names = [r["full_name"] for r in api(personas["leader"]).get(DRILL).json()["results"]]
    assert "Outsider" not in names and "Pegawai" in names


def test_unit_filter_narrows_to_a_subtree(api, personas, world, rated):
    data = api(personas["hr"]).get(URL, {"unit": world.a1.pk}).json()
    assert {r["unit_name"] for r in data["results"]} == {"Dinas A1", "Bidang A1a"}
    bidang = _row(data, "Bidang A1a", "T.1")
    assert bidang["employees"] == 2 and bidang["below"] == 1


def test_filters_position_type_and_golongan(api, personas, world, rated):
    data = api(personas["hr"]).get(URL, {"position_type": "jpt_pratama"}).json()
    assert {r["unit_name"] for r in data["results"]} == {"Dinas A1", "Dinas A2"}
    assert all(r["employees"] == 1 for r in data["results"])
    assert api(personas["hr"]).get(URL, {"golongan": "IV/e"}).json()["results"] == []
    assert api(personas["hr"]).get(URL, {"position_type": "nonsense"}).status_code == 400


@pytest.mark.parametrize("persona", ["pegawai", "outsider"])
def test_pegawai_may_never_read_reports(api, personas, rated, persona):
    for url in (URL, DRILL, "/api/v1/reports/learning-hours/"):
        for fmt in ("", "csv", "xlsx"):
            response = api(personas[persona]).get(url, {"format": fmt} if fmt else {})
            assert response.status_code == 403, (url, fmt)
            assert b"Pegawai" not in response.content


def test_hr_of_agency_b_sees_nothing_of_agency_a(api, personas, world, rated):
    data = api(personas["hr_b"]).get(URL).json()
    assert {r["unit_name"] for r in data["results"]} <= {"Agency B", "Dinas B1"}
    assert api(personas["hr_b"]).get(URL, {"unit": world.a1.pk}).status_code == 404
    csv_text = api(personas["hr_b"]).get(URL, {"format": "csv"}).content.decode()
    assert "Dinas A1" not in csv_text
    drill = api(personas["hr_b"]).get(DRILL, {"format": "csv"}).content.decode()
    assert "Pegawai" not in drill and "cmd" not in drill


def test_drilldown_lists_the_employees_below(api, personas, rated):
    t1 = Competency.objects.get(code="T.1")
    data = api(personas["hr"]).get(DRILL, {"competency": t1.pk, "status": "below"}).json()
    assert [(r["full_name"], r["current"], r["gap"], r["status"]) for r in data["results"]] == [
        ("Pegawai", 1, -1, "below"),
        ("Outsider", 1, -1, "below"),
    ]
    none = api(personas["hr"]).get(DRILL, {"competency": t1.pk, "status": "not_assessed"}).json()
    assert "Pegawai" not in [r["full_name"] for r in none["results"]]
    assert all(r["current"] is None for r in none["results"])


def test_csv_export_neutralises_formulas(api, personas, rated):
    response = api(personas["hr"]).get(DRILL, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:]]
    assert "'=cmd|' /C calc'!A0" in names
    assert not any(name.startswith("=") for name in names)
    report = api(personas["hr"]).get(URL, {"format": "csv"})
    assert report.status_code == 200 and b"Dinas A1" in report.content


def test_xlsx_export_opens_and_keeps_a_formula_like_name_as_text(api, personas, rated):
    response = api(personas["hr"]).get(DRILL, {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    target = next(c for c in cells if "cmd" in str(c.value))
    assert target.value == "=cmd|' /C calc'!A0"
    assert target.data_type == "s"  # text, never a formula
    report = load_workbook(io.BytesIO(api(personas["hr"]).get(URL, {"format": "xlsx"}).content))
    header = [c.value for c in next(report.active.iter_rows(max_row=1))]
    assert header[0] in {"Unit", "Unit kerja"} and len(header) == 9


def test_leader_export_has_only_their_subtree(api, personas, rated):
    text = api(personas["leader"]).get(DRILL, {"format": "csv"}).content.decode()
    assert "Pegawai" in text and "Outsider" not in text
    sheet = load_workbook(
        io.BytesIO(api(personas["leader"]).get(URL, {"format": "xlsx"}).content)
    ).active
    units = {row[0].value for row in sheet.iter_rows(min_row=2)}
    assert units == {"Dinas A1", "Bidang A1a"}


def _populate(world, count):
    for index in range(count):
        employee = EmployeeFactory(
            unit=world.a1a if index % 2 else world.a2, position=world.position_a
        )
        if index % 3:
            rate(employee, "T.1", 1 + index % 4)


@pytest.mark.parametrize("count", [10, 200])
def test_report_query_count_is_constant(
    api, personas, world, requirements, count, django_assert_num_queries
):
    _populate(world, count)
    client = api(personas["hr"])
    # scope: role assignments + own employee; report: aggregate + unit names + competencies
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert response.status_code == 200
    # the scope is now cached on the user object: aggregate + unit names + competencies
    with django_assert_num_queries(3):
        assert client.get(URL, {"format": "xlsx"}).status_code == 200
    # drill-down: count + page (form choices are not queried)
    with django_assert_num_queries(2):
        response = client.get(DRILL, {"page_size": 50})
    assert len(response.json()["results"]) == 50


def test_report_is_one_aggregate_query(personas, world, requirements):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _populate(world, 20)
    selectors.scope_for(personas["hr"])
    with CaptureQueriesContext(connection) as queries:
        selectors.gap_report(user=personas["hr"], filters=selectors.ReportFilters())
    assert "GROUP BY" in queries.captured_queries[0]["sql"]
    assert len(queries.captured_queries) == 3


def test_selector_refuses_a_unit_outside_scope(personas, world, requirements):
    from django.http import Http404

    filters = selectors.ReportFilters(unit=world.a2)
    with pytest.raises(Http404):
        selectors.gap_report(user=personas["leader"], filters=filters)
    with pytest.raises(Http404):
        selectors.gap_drilldown(user=personas["leader"], filters=filters)
