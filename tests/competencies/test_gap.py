"""Gap, status and Job Person Match."""

from decimal import Decimal

import pytest
from django.test import override_settings

from competencies import selectors
from competencies.models import PositionRequirement
from tests.competencies.conftest import rate
from tests.conftest import employee_of

pytestmark = pytest.mark.django_db


def test_status_not_assessed_is_apart_from_below():
    assert selectors.level_status(required=2, current=None) == "not_assessed"
    assert selectors.level_status(required=2, current=1) == "below"
    assert selectors.level_status(required=2, current=2) == "meets"
    assert selectors.level_status(required=2, current=4) == "meets"


def test_jpm_ignores_not_assessed_instead_of_counting_zero():
    assert selectors.jpm_percent([(2, 2), (2, None)]) == Decimal("100.0")
    assert selectors.jpm_percent([(2, None), (3, None)]) is None
    assert selectors.jpm_percent([(4, 3), (4, 4)]) == Decimal("87.5")


def test_jpm_caps_at_100_when_above_standard():
    assert selectors.jpm_percent([(1, 5), (1, 5)]) == Decimal("100.0")


@pytest.mark.parametrize(
    ("percent", "category"),
    [
        ("100", "optimal"),
        ("90", "optimal"),
        ("89.9", "cukup_optimal"),
        ("78", "cukup_optimal"),
        ("77.9", "kurang_optimal"),
        ("0", "kurang_optimal"),
        (None, None),
    ],
)
def test_jpm_category_boundaries(percent, category):
    value = None if percent is None else Decimal(percent)
    assert selectors.jpm_category(value) == category


@override_settings(JPM_OPTIMAL_MIN=95, JPM_CUKUP_OPTIMAL_MIN=80)
def test_jpm_thresholds_come_from_settings():
    assert selectors.jpm_category(Decimal("90")) == "cukup_optimal"
    assert selectors.jpm_category(Decimal("79")) == "kurang_optimal"


def test_profile_api_gives_required_current_gap_status_and_jpm(api, pegawai, requirements):
    employee = employee_of(pegawai)
    rate(employee, "M.1", 3)  # above standard (required 1)
    rate(employee, "T.1", 1)  # below (required 2)
    rate(employee, "T.2", 4, source="self")  # self only: still not assessed
    response = api(pegawai).get(f"/api/v1/employees/{employee.pk}/competency-profile/")
    assert response.status_code == 200
    data = response.json()
    by_code = {row["code"]: row for row in data["competencies"]}
    assert by_code["M.1"] == {
        **by_code["M.1"],
        "required": 1,
        "current": 3,
        "gap": 2,
        "status": "meets",
        "self_level": None,
    }
    assert by_code["T.1"] == {
        **by_code["T.1"],
        "required": 2,
        "current": 1,
        "gap": -1,
        "status": "below",
    }
    assert by_code["T.2"] == {
        **by_code["T.2"],
        "required": 2,
        "current": None,
        "gap": None,
        "status": "not_assessed",
        "self_level": 4,
    }
    # (3 capped by nothing: 3 + 1) / (1 + 2) = 133 % -> capped at 100
    assert data["jpm"] == "100.0"
    assert data["jpm_category"] == "optimal"
    assert data["jpm_complete"] is False
    assert data["counts"] == {"meets": 1, "below": 1, "not_assessed": 11}
    assert data["recommendations"] == []


def test_profile_jpm_kurang_optimal(pegawai, requirements):
    employee = employee_of(pegawai)
    PositionRequirement.objects.filter(position=employee.position).update(required_level=4)
    rate(employee, "M.1", 3)
    rate(employee, "M.2", 3)
    profile = selectors.employee_profile(employee=employee)
    assert profile.jpm == Decimal("75.0")
    assert profile.jpm_category == "kurang_optimal"


def test_recommendation_hook_receives_the_gaps(pegawai, requirements):
    from competencies import hooks
    from competencies.hooks import Recommendation

    seen = []

    def recommender(employee, gaps):
        seen.extend(g.competency.code for g in gaps)
        return [Recommendation(competency_code="T.1", title="Modul Empati", url="/m/1/")]

    hooks.register_recommender(recommender)
    try:
        rate(employee_of(pegawai), "M.1", 1)
        profile = selectors.employee_profile(employee=employee_of(pegawai))
    finally:
        hooks._recommenders.remove(recommender)
    assert "M.1" not in seen and "T.1" in seen
    assert profile.recommendations[0].title == "Modul Empati"
