"""The JP ledger and the learning-hours report."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import override_settings
from openpyxl import load_workbook

from competencies.models import LearningRecord
from competencies.selectors import prorated_expectation
from competencies.services import learning_record_create
from tests.conftest import employee_of
from tests.factories import EmployeeFactory
from tests.races import needs_postgresql, race

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/learning-hours/"
YEAR = dt.date.today().year


def _record(employee, jp, *, year=YEAR, key=None, title="Pelatihan"):
    day = dt.date(year, 1, 2)
    return learning_record_create(
        employee=employee,
        title=title,
        kind="classical",
        jp=jp,
        start_date=day,
        end_date=day,
        source_key=key,
    )


def test_source_key_makes_recording_idempotent(pegawai):
    first = _record(employee_of(pegawai), 8, key="training.enrollment:42")
    again = _record(employee_of(pegawai), 8, key="training.enrollment:42")
    assert again.pk == first.pk
    assert LearningRecord.objects.count() == 1
    assert first.year == YEAR


def test_bad_dates_and_jp_are_refused(pegawai):
    with pytest.raises(Exception) as error:
        learning_record_create(
            employee=employee_of(pegawai),
            title="X",
            kind="classical",
            jp=0,
            start_date=dt.date(YEAR, 1, 5),
            end_date=dt.date(YEAR, 1, 1),
        )
    messages = error.value.message_dict
    assert messages["end_date"] == ["Tanggal selesai tidak boleh sebelum tanggal mulai."]
    assert "jp" in messages
    assert not LearningRecord.objects.exists()


def test_below_minimum_report(api, personas, world):
    pegawai, leader = employee_of(personas["pegawai"]), employee_of(personas["leader"])
    _record(pegawai, 12)
    _record(pegawai, Decimal("7.99"))
    _record(leader, 20)
    _record(leader, 30, year=YEAR - 1)  # last year does not count
    _record(employee_of(personas["outsider"]), 25)
    data = api(personas["hr"]).get(URL).json()
    by_name = {r["full_name"]: r for r in data["results"]}
    assert by_name["Pegawai"]["jp"] == "19.99" and by_name["Pegawai"]["below_minimum"] is True
    assert by_name["Leader"]["jp"] == "20.00" and by_name["Leader"]["below_minimum"] is False
    assert by_name["Hr"]["jp"] == "0.00"
    below = api(personas["hr"]).get(URL, {"below_minimum": "true"}).json()["results"]
    assert "Leader" not in {r["full_name"] for r in below}
    assert {"Pegawai", "Hr"} <= {r["full_name"] for r in below}
    last_year = api(personas["hr"]).get(URL, {"year": YEAR - 1}).json()["results"]
    assert {r["full_name"]: r["jp"] for r in last_year}["Leader"] == "30.00"


def test_learning_hours_scope_and_exports(api, personas):
    _record(employee_of(personas["outsider"]), 25, title='=HYPERLINK("x")')
    names = {r["full_name"] for r in api(personas["leader"]).get(URL).json()["results"]}
    assert names == {"Leader", "Pegawai", "Hr_a1"}
    assert api(personas["pegawai"]).get(URL).status_code == 403
    hr_b = {r["full_name"] for r in api(personas["hr_b"]).get(URL).json()["results"]}
    assert hr_b == {"Hr_b"}
    text = api(personas["leader"]).get(URL, {"format": "csv"}).content.decode("utf-8-sig")
    assert "Outsider" not in text
    assert len(list(csv.reader(io.StringIO(text)))) == 4
    sheet = load_workbook(
        io.BytesIO(
            api(personas["hr"]).get(URL, {"format": "xlsx", "below_minimum": "true"}).content
        )
    ).active
    assert "Outsider" not in {row[0].value for row in sheet.iter_rows(min_row=2)}


@override_settings(JP_ANNUAL_MINIMUM=20)
def test_prorated_expectation():
    assert prorated_expectation(year=2025, today=dt.date(2025, 12, 31)) == Decimal("20.0")
    assert prorated_expectation(year=2025, today=dt.date(2025, 7, 2)) == Decimal("10.0")
    assert prorated_expectation(year=2024, today=dt.date(2025, 1, 1)) == Decimal("20")
    assert prorated_expectation(year=2026, today=dt.date(2025, 1, 1)) == Decimal("0")


def test_hr_records_external_training_in_scope_only(api, personas):
    payload = {
        "employee": employee_of(personas["pegawai"]).pk,
        "title": "Diklat Pelayanan",
        "kind": "classical",
        "jp": "16",
        "start_date": f"{YEAR}-01-02",
        "end_date": f"{YEAR}-01-03",
        "organiser": "BPSDM Provinsi",
    }
    assert api(personas["leader"]).post("/api/v1/learning-records/", payload).status_code == 403
    assert api(personas["pegawai"]).post("/api/v1/learning-records/", payload).status_code == 403
    response = api(personas["hr_b"]).post("/api/v1/learning-records/", payload)
    assert response.status_code == 400
    assert response.json() == {"employee": ["Pegawai tidak ditemukan."]}
    assert not LearningRecord.objects.exists()
    response = api(personas["hr"]).post("/api/v1/learning-records/", payload)
    assert response.status_code == 201
    assert response.json()["jp"] == "16.00"
    assert LearningRecord.objects.get().recorded_by == personas["hr"]


def test_learning_hours_query_count(api, hr, world, django_assert_max_num_queries):
    for index in range(60):
        _record(EmployeeFactory(unit=world.a1a), index % 30 + 1)
    with django_assert_max_num_queries(4):
        response = api(hr).get(URL, {"page_size": 50})
    assert len(response.json()["results"]) == 50


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_concurrent_completion_records_once(world):
    employee = EmployeeFactory(unit=world.a1a)
    result = race(lambda: _record(employee, 4, key="training.enrollment:7").pk, times=5)
    assert result.errors == []
    assert LearningRecord.objects.filter(source_key="training.enrollment:7").count() == 1
    assert len(set(result.values)) == 1 and len(result.values) == 5
