"""API: every endpoint for every persona (scope, 404 for out of scope, nothing changes),
query counts on the lists, and the nominate/approve/reject/revoke round trip."""

import pytest

from recognition import services
from recognition.models import Award, AwardEvent, AwardType
from tests.conftest import employee_of
from tests.factories import EmployeeFactory

Status = Award.Status


@pytest.fixture
def granted(types, leader, hr, pegawai):
    """A Pegawai Teladan for `pegawai` (Bidang A1a), nominated by leader, granted by hr."""
    award = services.award_nominate(
        actor=leader,
        award_type=types["pegawai-teladan"],
        recipient=employee_of(pegawai),
        citation="Teladan",
    )
    return services.award_approve(actor=hr, award=award)


@pytest.fixture
def pending(types, leader, colleague):
    return services.award_nominate(
        actor=leader, award_type=types["pegawai-teladan"], recipient=colleague, citation="Rajin"
    )


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    "persona, sees",
    [
        ("admin", {"granted", "pending"}),
        ("hr", {"granted", "pending"}),
        ("hr_a1", {"granted", "pending"}),
        ("leader", {"granted", "pending"}),  # leads A1 and nominated both
        ("pegawai", {"granted"}),  # own granted award only, not a colleague's nomination
        ("leader_a2", set()),
        ("hr_b", set()),
        ("outsider", set()),
    ],
)
def test_list_is_scoped(api, personas, granted, pending, persona, sees):
    response = api(personas[persona]).get("/api/v1/awards/")
    assert response.status_code == 200
    expected = {"granted": granted.pk, "pending": pending.pk}
    assert ids(response) == {expected[name] for name in sees}


@pytest.mark.parametrize(
    "persona, status",
    [
        ("admin", 200),
        ("hr", 200),
        ("leader", 200),
        ("pegawai", 200),
        ("leader_a2", 404),
        ("hr_b", 404),
        ("outsider", 404),
    ],
)
def test_detail_is_scoped(api, personas, granted, persona, status):
    response = api(personas[persona]).get(f"/api/v1/awards/{granted.pk}/")
    assert response.status_code == status
    if status == 200:
        assert [e["to_status"] for e in response.json()["events"]] == ["nominated", "granted"]
        assert "nip" not in str(response.json()).lower()


def test_pending_nomination_hidden_from_its_recipient(api, types, leader, pegawai):
    award = services.award_nominate(
        actor=leader,
        award_type=types["pegawai-teladan"],
        recipient=employee_of(pegawai),
        citation="x",
    )
    assert api(pegawai).get(f"/api/v1/awards/{award.pk}/").status_code == 404


def test_nominate(api, types, leader, pegawai):
    response = api(leader).post(
        "/api/v1/awards/",
        {
            "award_type": types["pelayanan-prima"].pk,
            "recipient": employee_of(pegawai).pk,
            "citation": "Melayani warga dengan sabar",
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "nominated" and body["recipient_name"] == "Pegawai"
    assert AwardEvent.objects.filter(award_id=body["id"], to_status="nominated").count() == 1


@pytest.mark.parametrize("persona", ["leader_a2", "hr_b", "outsider"])
def test_nominate_out_of_scope_changes_nothing(api, personas, types, persona):
    response = api(personas[persona]).post(
        "/api/v1/awards/",
        {
            "award_type": types["pelayanan-prima"].pk,
            "recipient": employee_of(personas["pegawai"]).pk,
            "citation": "x",
        },
    )
    assert response.status_code == 400
    assert "di luar lingkup kewenangan Anda" in response.json()["recipient"][0]
    assert not Award.objects.exists()


def test_nominate_unknown_employee_reads_like_out_of_scope(api, types, leader):
    response = api(leader).post(
        "/api/v1/awards/",
        {"award_type": types["pelayanan-prima"].pk, "recipient": 999999, "citation": "x"},
    )
    assert response.status_code == 400
    assert "di luar lingkup kewenangan Anda" in response.json()["recipient"][0]


def test_nominate_needs_citation(api, types, leader, pegawai):
    response = api(leader).post(
        "/api/v1/awards/",
        {"award_type": types["pelayanan-prima"].pk, "recipient": employee_of(pegawai).pk},
    )
    assert response.status_code == 400
    assert response.json() == {
        "citation": ["Alasan penghargaan wajib diisi untuk jenis penghargaan ini."]
    }


@pytest.mark.parametrize(
    "persona, status",
    [
        ("hr", 200),
        ("admin", 200),
        ("leader", 400),  # sees it, but Pegawai Teladan is approved by HR (and he nominated it)
        ("hr_b", 404),
        ("leader_a2", 404),
        ("outsider", 404),
        ("pegawai", 404),
    ],
)
def test_approve_per_persona(api, personas, pending, persona, status, charters):
    response = api(personas[persona]).post(f"/api/v1/awards/{pending.pk}/approve/", {})
    assert response.status_code == status
    pending.refresh_from_db()
    if status == 200:
        assert response.json()["status"] == "granted"
        assert pending.status == Status.GRANTED and len(charters.issued) == 1
    else:
        assert pending.status == Status.NOMINATED and charters.issued == []
    if status == 400:
        assert response.json() == {
            "detail": "Hanya pengelola kepegawaian unit penerima "
            "yang dapat memutuskan penghargaan ini."
        }


@pytest.mark.parametrize(
    "persona, status",
    [
        ("hr", 200),
        ("hr_a1", 200),
        ("leader", 400),
        ("hr_b", 404),
        ("outsider", 404),
    ],
)
def test_reject_per_persona(api, personas, pending, persona, status):
    response = api(personas[persona]).post(
        f"/api/v1/awards/{pending.pk}/reject/", {"reason": "Belum memenuhi kriteria"}
    )
    assert response.status_code == status
    pending.refresh_from_db()
    assert pending.status == (Status.REJECTED if status == 200 else Status.NOMINATED)


@pytest.mark.parametrize(
    "persona, status",
    [
        ("hr", 200),
        ("admin", 200),
        ("hr_a1", 200),
        ("leader", 400),  # a leader may not revoke an HR-approved award
        ("pegawai", 400),  # sees their own award, may not revoke it
        ("leader_a2", 404),
        ("hr_b", 404),
        ("outsider", 404),
    ],
)
def test_revoke_per_persona(api, personas, granted, persona, status, charters):
    response = api(personas[persona]).post(
        f"/api/v1/awards/{granted.pk}/revoke/", {"reason": "Data tidak benar"}
    )
    assert response.status_code == status
    granted.refresh_from_db()
    if status == 200:
        assert granted.status == Status.REVOKED
        assert charters.revoked == [
            {"award": granted.pk, "actor": personas[persona].pk, "reason": "Data tidak benar"}
        ]
    else:
        assert granted.status == Status.GRANTED and charters.revoked == []


def test_revoke_without_reason(api, hr, granted):
    response = api(hr).post(f"/api/v1/awards/{granted.pk}/revoke/", {})
    assert response.status_code == 400
    assert response.json() == {"reason": ["Alasan wajib diisi untuk mencabut penghargaan."]}


def test_anonymous_gets_nothing(api, granted):
    assert api().get("/api/v1/awards/").status_code in (401, 403)
    assert api().get("/api/v1/award-types/").status_code in (401, 403)


def test_award_types_readable_by_all_writable_by_admin(api, personas):
    assert api(personas["pegawai"]).get("/api/v1/award-types/").json()["count"] == 7
    payload = {"code": "baru", "name": "Baru", "approver": "leader", "period": "year"}
    for persona in ("pegawai", "leader", "hr"):
        assert api(personas[persona]).post("/api/v1/award-types/", payload).status_code == 403
    assert not AwardType.objects.filter(code="baru").exists()
    assert api(personas["admin"]).post("/api/v1/award-types/", payload).status_code == 201
    assert AwardType.objects.filter(code="baru").exists()


def _many_awards(types, leader, hr, world, n=50):
    kind = types["apresiasi-integritas"]
    for i in range(n):
        recipient = EmployeeFactory(unit=world.a1a, name=f"Staf {i}")
        award = services.award_nominate(
            actor=leader, award_type=kind, recipient=recipient, citation=f"Jujur {i}"
        )
        if i % 2:
            services.award_approve(actor=leader, award=award)


def test_award_list_query_count(api, types, leader, hr, world, django_assert_max_num_queries):
    _many_awards(types, leader, hr, world)
    client = api(hr)
    # session-less client: scope (roles + employee) 2, count 1, page 1
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/awards/?page_size=50")
    assert len(response.json()["results"]) == 50


def test_award_type_list_query_count(api, pegawai, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # count, page
        assert api(pegawai).get("/api/v1/award-types/").status_code == 200
