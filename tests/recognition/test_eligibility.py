"""Satyalancana Karya Satya: 10/20/30 years from the TMT CPNS encoded in the NIP, those
becoming eligible later this year included, moderate/heavy sanctions excluding."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from competencies.models import Assessment, Competency, LearningRecord, PositionRequirement
from recognition import selectors, services
from recognition.models import Award, DisciplinaryRecord
from tests.factories import EmployeeFactory

ON = dt.date(2026, 6, 15)


def nip(tmt: str, serial: int) -> str:
    return f"19700101{tmt}1{serial:03d}"


@pytest.fixture
def staff(world, hr):
    def make(name, tmt, serial, unit=None, **extra):
        return EmployeeFactory(name=name, nip=nip(tmt, serial), unit=unit or world.a1a, **extra)

    return {
        "ten_done": make("Sepuluh", "201601", 1),
        "ten_later": make("Sepuluh Nanti", "201609", 2),
        "too_new": make("Baru", "201701", 3),
        "twenty": make("Duapuluh", "200603", 4),
        "thirty": make("Tigapuluh", "199605", 5, unit=world.a2),
        "sanctioned": make("Sedang", "201001", 6),
        "light": make("Ringan", "201001", 7),
        "pppk": make("Kontrak", "201001", 8, employment_type="PPPK", golongan=""),
    }


def rows_by_name(rows):
    return {(r.employee.name, r.years): (r.eligible_on, r.already_eligible) for r in rows}


def test_eligibility_from_nip_tmt(types, hr, staff):
    DisciplinaryRecord.objects.create(
        employee=staff["sanctioned"],
        level="moderate",
        decided_on=dt.date(2019, 5, 2),
        description="Mangkir",
    )
    DisciplinaryRecord.objects.create(
        employee=staff["light"], level="light", decided_on=dt.date(2020, 1, 2)
    )
    Award.objects.create(
        award_type=types["satyalancana-karya-satya-x"],
        recipient=staff["twenty"],
        nominated_by=hr,
        period_start=dt.date(2016, 1, 1),
        status="granted",
    )
    assert staff["ten_done"].tmt_cpns == dt.date(2016, 1, 1)  # read from the NIP
    rows = selectors.satyalancana_eligibility(user=hr, on=ON)
    assert rows_by_name(rows) == {
        ("Sepuluh", 10): (dt.date(2026, 1, 1), True),
        ("Sepuluh Nanti", 10): (dt.date(2026, 9, 1), False),  # becomes eligible this year
        ("Duapuluh", 20): (dt.date(2026, 3, 1), True),  # X already granted: only XX
        ("Tigapuluh", 10): (dt.date(2006, 5, 1), True),
        ("Tigapuluh", 20): (dt.date(2016, 5, 1), True),
        ("Tigapuluh", 30): (dt.date(2026, 5, 1), True),
        ("Ringan", 10): (dt.date(2020, 1, 1), True),  # a light sanction does not exclude
        ("Hr", 10): (dt.date(2011, 3, 1), True),  # the persona itself (TMT 2001-03)
        ("Hr", 20): (dt.date(2021, 3, 1), True),
    }


def test_eligibility_is_scoped_and_filterable(hr_a1, leader_a2, staff):
    assert {r.employee.name for r in selectors.satyalancana_eligibility(user=leader_a2, on=ON)} == {
        "Tigapuluh",
        "Leader_a2",
    }
    assert "Tigapuluh" not in {
        r.employee.name for r in selectors.satyalancana_eligibility(user=hr_a1, on=ON)
    }
    rows = selectors.satyalancana_eligibility(user=leader_a2, on=ON, tier=30)
    assert [(r.employee.name, r.years) for r in rows] == [("Tigapuluh", 30)]


def test_nomination_checks_long_service_rules(types, hr, staff):
    x = types["satyalancana-karya-satya-x"]
    DisciplinaryRecord.objects.create(
        employee=staff["sanctioned"], level="heavy", decided_on=dt.date(2019, 5, 2)
    )
    with pytest.raises(ValidationError) as caught:
        services.award_nominate(actor=hr, award_type=x, recipient=staff["sanctioned"], on=ON)
    assert caught.value.message_dict == {
        "recipient": [
            "Sedang pernah dijatuhi hukuman disiplin tingkat sedang atau berat sehingga tidak "
            "dapat menerima Satyalancana Karya Satya."
        ]
    }
    with pytest.raises(ValidationError) as caught:
        services.award_nominate(actor=hr, award_type=x, recipient=staff["too_new"], on=ON)
    assert caught.value.message_dict == {
        "recipient": ["Baru belum genap 10 tahun masa kerja sampai akhir tahun ini."]
    }
    award = services.award_nominate(actor=hr, award_type=x, recipient=staff["ten_later"], on=ON)
    services.award_approve(actor=hr, award=award)
    with pytest.raises(ValidationError) as caught:
        services.award_nominate(
            actor=hr, award_type=x, recipient=staff["ten_later"], on=dt.date(2027, 2, 1)
        )
    assert caught.value.message_dict == {
        "recipient": ["Sepuluh Nanti sudah pernah menerima penghargaan ini."]
    }


@pytest.mark.parametrize(
    "persona, status",
    [
        ("hr", 200),
        ("admin", 200),
        ("leader", 200),
        ("pegawai", 403),
        ("outsider", 403),
    ],
)
def test_eligibility_endpoint_per_persona(api, personas, staff, persona, status):
    response = api(personas[persona]).get("/api/v1/awards/eligibility/?on=2026-06-15")
    assert response.status_code == status
    if persona == "leader":  # leads Dinas A1: not the Dinas A2 employee
        names = {row["employee_name"] for row in response.json()["results"]}
        assert "Tigapuluh" not in names and "Sepuluh Nanti" in names
        row = next(r for r in response.json()["results"] if r["employee_name"] == "Sepuluh Nanti")
        assert row == {**row, "tier": 10, "eligible_on": "2026-09-01", "already_eligible": False}
        assert "nip" not in row


def test_eligibility_endpoint_out_of_scope_unit(api, leader, world, staff):
    response = api(leader).get(f"/api/v1/awards/eligibility/?unit={world.a2.pk}")
    assert response.status_code == 404


def test_service_years_are_bounded_and_an_early_date_finds_nobody(api, personas, staff):
    """Found by the schema fuzzer: a 5xx for an absurd length of service or date."""
    admin = api(personas["admin"])
    award_type = admin.get("/api/v1/award-types/").json()["results"][0]
    response = admin.patch(
        f"/api/v1/award-types/{award_type['id']}/", {"service_years": 51}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "service_years": ["Isi bidang ini harus kurang atau sama dengan 50."]
    }
    response = api(personas["hr"]).get("/api/v1/awards/eligibility/?on=0005-06-15")
    assert response.status_code == 200 and response.json()["count"] == 0


def test_eligibility_query_count(api, hr, world, django_assert_max_num_queries):
    for i in range(50):
        EmployeeFactory(name=f"Lama {i}", nip=nip("200001", 100 + i), unit=world.a1a)
    with django_assert_max_num_queries(5):  # scope 2, types, employees, prefetch awards
        response = api(hr).get("/api/v1/awards/eligibility/?page_size=100&on=2026-06-15")
    assert response.json()["count"] == 102  # (50 people + hr) x (X and XX)


def test_appreciation_candidates(world, leader, hr):
    integritas = Competency.objects.get(code="M.1")  # from the dictionary data migration
    komunikasi = Competency.objects.get(code="M.3")
    for competency in (integritas, komunikasi):
        PositionRequirement.objects.create(
            position=world.position_a, competency=competency, required_level=2
        )
    optimal = EmployeeFactory(name="Optimal", unit=world.a1a, position=world.position_a)
    below = EmployeeFactory(name="Kurang", unit=world.a1a, position=world.position_a)
    learner = EmployeeFactory(name="Rajin", unit=world.a1a, position=world.position_a)
    for employee, levels in ((optimal, (2, 3)), (below, (1, 2))):
        for competency, level in zip((integritas, komunikasi), levels, strict=True):
            Assessment.objects.create(
                employee=employee,
                competency=competency,
                level=level,
                source="supervisor",
                assessed_on=dt.date(2026, 1, 5),
            )
    Assessment.objects.create(
        employee=below,
        competency=integritas,
        level=5,
        source="self",
        assessed_on=dt.date(2026, 2, 5),
    )  # self-ratings do not count
    for i in range(5):
        LearningRecord.objects.create(
            employee=learner,
            title="Modul Integritas ASN" if i == 0 else f"Modul {i}",
            kind="elearning",
            jp=Decimal(2),
            start_date=dt.date(2026, 1, 1 + i),
            end_date=dt.date(2026, 1, 1 + i),
            source_key=f"training.enrollment:{i}",
        )
    LearningRecord.objects.create(
        employee=below,
        title="Diklat luar",
        kind="classical",
        jp=Decimal(20),
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 1, 2),
    )
    candidates = {c.employee.name: c for c in selectors.appreciation_candidates(user=leader)}
    assert set(candidates) == {"Optimal", "Rajin"}
    assert candidates["Optimal"].jpm == Decimal("100.0")
    assert candidates["Optimal"].reasons == ("JPM Optimal (100.0%)",)
    assert candidates["Rajin"].modules_passed == 5
    assert candidates["Rajin"].reasons == (
        "5 modul pelatihan lulus",
        "Modul integritas telah dituntaskan",
    )
    assert selectors.appreciation_candidates(user=hr)  # HR over the agency sees them too
