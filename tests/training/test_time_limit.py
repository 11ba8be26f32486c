"""The server's clock decides: frozen time for the deadline, the grace period and autosubmit."""

import datetime as dt

import pytest
import time_machine

from tests.training.factories import answers_for, make_module
from training.models import Attempt

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _start(client, module):
    client.post(f"/api/v1/modules/{module.pk}/enroll/")
    return client.post(f"/api/v1/modules/{module.pk}/attempts/").json()


@pytest.mark.django_db
def test_autosubmit_scores_what_was_saved_at_the_deadline(api, pegawai, issued):
    module = make_module(time_limit_minutes=10, overdue_rule="autosubmit")
    client = api(pegawai)
    with time_machine.travel(START, tick=False) as clock:
        started = _start(client, module)
        assert started["deadline"] == "2026-03-02T16:10:00+07:00"
        client.put(
            f"/api/v1/attempts/{started['id']}/answers/", {"answers": answers_for(started, right=3)}
        )
        clock.move_to(START + dt.timedelta(minutes=10, seconds=1))
        late = client.put(
            f"/api/v1/attempts/{started['id']}/answers/", {"answers": answers_for(started, right=4)}
        )
        assert late.status_code == 400
        assert "Waktu habis" in late.json()["detail"]
        result = client.post(
            f"/api/v1/attempts/{started['id']}/submit/", {"answers": answers_for(started, right=4)}
        ).json()
    assert (result["state"], result["score"], result["closed_by"]) == (
        "submitted",
        "75.00",
        "deadline",
    )
    attempt = Attempt.objects.get()
    assert attempt.submitted_at == START + dt.timedelta(minutes=10)


@pytest.mark.django_db
def test_autosubmit_on_any_read_after_deadline(api, pegawai, issued):
    module = make_module(time_limit_minutes=5)
    client = api(pegawai)
    with time_machine.travel(START, tick=False) as clock:
        started = _start(client, module)
        client.put(
            f"/api/v1/attempts/{started['id']}/answers/", {"answers": answers_for(started, right=4)}
        )
        clock.move_to(START + dt.timedelta(hours=2))
        detail = client.get(f"/api/v1/attempts/{started['id']}/").json()
    assert (detail["state"], detail["score"], detail["passed"]) == ("submitted", "100.00", True)
    assert len(issued) == 1


@pytest.mark.django_db
def test_grace_accepts_submit_with_answers_within_grace(api, pegawai, issued):
    module = make_module(time_limit_minutes=10, overdue_rule="grace", grace_minutes=5)
    client = api(pegawai)
    with time_machine.travel(START, tick=False) as clock:
        started = _start(client, module)
        clock.move_to(START + dt.timedelta(minutes=14))
        result = client.post(
            f"/api/v1/attempts/{started['id']}/submit/", {"answers": answers_for(started, right=4)}
        ).json()
    assert (result["score"], result["closed_by"]) == ("100.00", "learner")


@pytest.mark.django_db
def test_grace_after_grace_is_scored_as_saved(api, pegawai, issued):
    module = make_module(time_limit_minutes=10, overdue_rule="grace", grace_minutes=5)
    client = api(pegawai)
    with time_machine.travel(START, tick=False) as clock:
        started = _start(client, module)
        client.put(
            f"/api/v1/attempts/{started['id']}/answers/", {"answers": answers_for(started, right=1)}
        )
        clock.move_to(START + dt.timedelta(minutes=12))
        # Within grace the answers are still accepted...
        assert (
            client.put(
                f"/api/v1/attempts/{started['id']}/answers/",
                {"answers": answers_for(started, right=2)},
            ).status_code
            == 200
        )
        clock.move_to(START + dt.timedelta(minutes=15, seconds=1))
        # ...after it, a submit is scored with what was saved; its answers are not taken.
        result = client.post(
            f"/api/v1/attempts/{started['id']}/submit/", {"answers": answers_for(started, right=4)}
        ).json()
    assert (result["score"], result["closed_by"], result["passed"]) == ("50.00", "deadline", False)
    assert Attempt.objects.get().submitted_at == START + dt.timedelta(minutes=15)


@pytest.mark.django_db
def test_starting_after_an_expired_attempt_closes_it_and_opens_a_new_one(api, pegawai, issued):
    module = make_module(time_limit_minutes=10, attempts_allowed=2)
    client = api(pegawai)
    with time_machine.travel(START, tick=False) as clock:
        first = _start(client, module)
        clock.move_to(START + dt.timedelta(minutes=30))
        second = client.post(f"/api/v1/modules/{module.pk}/attempts/")
    assert second.status_code == 201
    assert second.json()["number"] == 2 and second.json()["id"] != first["id"]
    assert Attempt.objects.get(pk=first["id"]).closed_by == "deadline"
