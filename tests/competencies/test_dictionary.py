"""The data migration loads the nine Permenpan RB 38/2017 competencies and four technical
ones, each with five levels, titles and indicators."""

import pytest

from competencies.models import Competency, CompetencyLevel

pytestmark = pytest.mark.django_db


def test_nine_standard_and_four_technical_competencies_with_five_levels():
    codes = list(Competency.objects.values_list("code", flat=True))
    assert codes == [
        "M.1",
        "M.2",
        "M.3",
        "M.4",
        "M.5",
        "M.6",
        "M.7",
        "M.8",
        "SK.1",
        "T.1",
        "T.2",
        "T.3",
        "T.4",
    ]
    for competency in Competency.objects.all():
        levels = list(competency.levels.order_by("level"))
        assert [level.level for level in levels] == [1, 2, 3, 4, 5]
        assert all(level.title and len(level.indicators) >= 3 for level in levels)
        assert competency.definition


def test_kinds_and_official_text():
    assert Competency.objects.filter(kind="managerial").count() == 8
    assert Competency.objects.get(code="SK.1").kind == "sociocultural"
    assert Competency.objects.get(code="SK.1").name == "Perekat Bangsa"
    assert Competency.objects.filter(kind="technical").count() == 4
    assert Competency.objects.get(code="T.1").name == "Empati dalam Pelayanan"
    m1 = CompetencyLevel.objects.get(competency__code="M.1", level=1)
    assert m1.title == (
        "Mampu bertindak sesuai nilai, norma, etika organisasi dalam kapasitas pribadi"
    )


def test_competency_api_lists_levels_for_everyone_and_writes_only_for_admin(
    api, pegawai, admin_user, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = api(pegawai).get("/api/v1/competencies/")
    assert response.status_code == 200
    assert response.json()["count"] == 13
    first = response.json()["results"][0]
    assert first["code"] == "M.1" and len(first["levels"]) == 5
    payload = {
        "code": "T.9",
        "name": "Bahasa Isyarat",
        "kind": "technical",
        "levels": [{"level": n, "title": f"Tingkat {n}", "indicators": ["x"]} for n in range(1, 6)],
    }
    assert api(pegawai).post("/api/v1/competencies/", payload, format="json").status_code == 403
    assert not Competency.objects.filter(code="T.9").exists()
    response = api(admin_user).post("/api/v1/competencies/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert Competency.objects.get(code="T.9").levels.count() == 5
    assert (
        api(admin_user).delete(f"/api/v1/competencies/{response.json()['id']}/").status_code == 400
    )


@pytest.mark.django_db(transaction=True)
def test_data_migration_reverses_and_reapplies():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("competencies", "0002_assessment_is_current_level_title")])
    assert not Competency.objects.exists() and not CompetencyLevel.objects.exists()
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Competency.objects.count() == 13
    assert CompetencyLevel.objects.count() == 65
