"""Default requirements per position type and HR editing a position's whole profile."""

import pytest

from competencies.models import PositionRequirement
from competencies.services import requirement_defaults
from people.models import Position
from tests.factories import PositionFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/position-requirements/"


@pytest.mark.parametrize(
    ("ptype", "level", "managerial", "technical"),
    [
        ("jpt_utama", "", 5, 4),
        ("jpt_madya", "", 5, 4),
        ("jpt_pratama", "", 4, 4),
        ("administrator", "", 3, 3),
        ("pengawas", "", 2, 3),
        ("pelaksana", "", 1, 2),
        ("fungsional_ahli", "ahli_pertama", 1, 2),
        ("fungsional_ahli", "ahli_muda", 2, 3),
        ("fungsional_ahli", "ahli_madya", 3, 3),
        ("fungsional_ahli", "ahli_utama", 4, 4),
        ("fungsional_terampil", "terampil", 1, 2),
    ],
)
def test_defaults_per_position_type(world, ptype, level, managerial, technical):
    position = PositionFactory(agency=world.agency_a, type=ptype, level=level)
    defaults = requirement_defaults(position)
    assert len(defaults) == 13
    assert {defaults[f"M.{n}"] for n in range(1, 9)} == {managerial}
    assert defaults["SK.1"] == managerial
    assert {defaults[f"T.{n}"] for n in range(1, 5)} == {technical}


def _levels(position):
    return dict(
        PositionRequirement.objects.filter(position=position).values_list(
            "competency__code", "required_level"
        )
    )


def test_hr_replaces_the_whole_profile_via_api(api, hr, world, requirements, comp):
    payload = {
        "position": world.position_a.pk,
        "levels": [
            {"competency": comp("M.1").pk, "required_level": 3},
            {"competency": comp("T.4").pk, "required_level": None},
        ],
    }
    response = api(hr).put(f"{URL}profile/", payload, format="json")
    assert response.status_code == 200, response.json()
    levels = _levels(world.position_a)
    assert levels["M.1"] == 3 and "T.4" not in levels and levels["M.2"] == 1


@pytest.mark.parametrize("persona", ["leader", "pegawai"])
def test_non_hr_cannot_write(api, personas, world, requirements, comp, persona):
    before = _levels(world.position_a)
    payload = {
        "position": world.position_a.pk,
        "levels": [{"competency": comp("M.1").pk, "required_level": 5}],
    }
    assert api(personas[persona]).put(f"{URL}profile/", payload, format="json").status_code == 403
    requirement = PositionRequirement.objects.filter(position=world.position_a).first()
    assert (
        api(personas[persona])
        .patch(f"{URL}{requirement.pk}/", {"required_level": 5}, format="json")
        .status_code
        == 403
    )
    assert _levels(world.position_a) == before


def test_hr_of_another_agency_sees_and_changes_nothing(api, hr_b, world, requirements, comp):
    results = api(hr_b).get(URL, {"page_size": 200}).json()["results"]
    assert {r["position"] for r in results} == {world.position_b.pk}
    requirement = PositionRequirement.objects.filter(position=world.position_a).first()
    assert api(hr_b).get(f"{URL}{requirement.pk}/").status_code == 404
    assert (
        api(hr_b).patch(f"{URL}{requirement.pk}/", {"required_level": 5}, format="json").status_code
        == 404
    )
    payload = {
        "position": world.position_a.pk,
        "levels": [{"competency": comp("M.1").pk, "required_level": 5}],
    }
    response = api(hr_b).put(f"{URL}profile/", payload, format="json")
    assert response.status_code == 400
    assert _levels(world.position_a)["M.1"] == 1


def test_bad_level_is_refused_atomically(api, hr, world, requirements, comp):
    payload = {
        "position": world.position_a.pk,
        "levels": [
            {"competency": comp("M.1").pk, "required_level": 3},
            {"competency": comp("M.2").pk, "required_level": 9},
        ],
    }
    assert api(hr).put(f"{URL}profile/", payload, format="json").status_code == 400
    assert _levels(world.position_a)["M.1"] == 1


def test_requirements_list_query_count(api, hr, world, requirements, django_assert_max_num_queries):
    for n in range(5):
        from competencies.services import requirement_defaults_apply

        requirement_defaults_apply(PositionFactory(agency=world.agency_a, code=f"X{n}"))
    with django_assert_max_num_queries(5):
        response = api(hr).get(URL, {"page_size": 50})
    assert len(response.json()["results"]) == 50


def test_html_formset_saves_the_profile(client, hr, world, requirements, comp):
    client.force_login(hr)
    url = f"/kompetensi/jabatan/{world.position_head.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    forms = page.context["formset"].forms
    data = {"form-TOTAL_FORMS": len(forms), "form-INITIAL_FORMS": len(forms)}
    for index, form in enumerate(forms):
        data[f"form-{index}-competency"] = form.initial["competency"]
        data[f"form-{index}-required_level"] = form.initial["required_level"] or ""
    first_code = page.context["lines"][0][0].code
    data["form-0-required_level"] = "5"
    data["form-12-required_level"] = ""
    assert client.post(url, data).status_code == 302
    levels = _levels(world.position_head)
    assert levels[first_code] == 5 and len(levels) == 12
    assert Position.objects.count() == 3


def test_html_profile_editor_is_hr_only(client, personas, world, requirements):
    client.force_login(personas["leader"])
    assert client.get(f"/kompetensi/jabatan/{world.position_a.pk}/").status_code == 403
    client.force_login(personas["hr_b"])
    assert client.get(f"/kompetensi/jabatan/{world.position_a.pk}/").status_code == 404
