"""The quiz hot path in SQL statements, counted through the real API with a token (the
token lookup counts too), on a quiz of many questions.

Counted outside a test transaction (`transaction=True`), as in production, where the
service's transaction is the outermost one. Statements that read or write rows are counted;
the transaction's own BEGIN and COMMIT are listed apart (Django logs them on SQLite, where
the transaction starts with BEGIN IMMEDIATE, and not on PostgreSQL)."""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.conftest import employee_of
from tests.training.factories import answers_for, make_module
from training.models import Attempt, AttemptQuestion, Enrollment, Module


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


@contextmanager
def assert_row_statements_at_most(limit: int):
    with CaptureQueriesContext(connection) as captured:
        yield
    statements = [
        q["sql"]
        for q in captured.captured_queries
        if not q["sql"].upper().startswith(TRANSACTION_CONTROL)
    ]
    assert len(statements) <= limit, "\n\n".join(statements)


def started(client, module) -> dict:
    client.post(f"/api/v1/modules/{module.pk}/enroll/")
    response = client.post(f"/api/v1/modules/{module.pk}/attempts/")
    assert response.status_code == 201, response.content
    return response.json()


@pytest.mark.django_db(transaction=True)
def test_a_submit_that_does_not_complete_the_module_is_at_most_six_statements(pegawai, issued):
    module = make_module(questions=25, per_attempt=20, pass_mark=80, attempts_allowed=None)
    client = token_client(pegawai)
    attempt = started(client, module)
    with assert_row_statements_at_most(6):
        response = client.post(
            f"/api/v1/attempts/{attempt['id']}/submit/",
            {"answers": answers_for(attempt, right=10)},
            format="json",
        )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["score"], body["passed"], body["grade"]) == ("50.00", False, "50.00")
    assert [q["correct"] for q in body["questions"]] == [True] * 10 + [False] * 10
    stored = AttemptQuestion.objects.filter(attempt_id=attempt["id"]).order_by("position")
    assert [item.is_correct for item in stored] == [True] * 10 + [False] * 10
    assert all(item.selected for item in stored)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "expected"),
    [
        (Module.Grading.HIGHEST, "75.00"),
        (Module.Grading.AVERAGE, "58.33"),
        (Module.Grading.FIRST, "50.00"),
        (Module.Grading.LAST, "50.00"),
    ],
)
def test_grading_on_the_third_attempt_uses_the_earlier_scores(pegawai, issued, method, expected):
    module = make_module(pass_mark=100, attempts_allowed=None, grading_method=method)
    client = token_client(pegawai)
    for right in (2, 3, 2):  # 50, 75, 50
        attempt = started(client, module)
        body = client.post(
            f"/api/v1/attempts/{attempt['id']}/submit/",
            {"answers": answers_for(attempt, right=right)},
            format="json",
        ).json()
    assert body["grade"] == expected
    assert str(Enrollment.objects.get().grade) == expected


@pytest.mark.django_db(transaction=True)
def test_saving_answers_is_at_most_four_statements(pegawai, issued):
    module = make_module(questions=25, per_attempt=20)
    client = token_client(pegawai)
    attempt = started(client, module)
    with assert_row_statements_at_most(4):
        response = client.put(
            f"/api/v1/attempts/{attempt['id']}/answers/",
            {"answers": answers_for(attempt, right=5)[:5]},
            format="json",
        )
    assert response.status_code == 200, response.content
    assert sum(bool(q["selected"]) for q in response.json()["questions"]) == 5
    assert "score" not in response.json()


@pytest.mark.django_db
def test_another_learners_attempt_cannot_be_saved_or_submitted(pegawai, outsider, issued):
    module = make_module()
    attempt = started(token_client(pegawai), module)
    intruder = token_client(outsider)
    answers = {"answers": answers_for(attempt, right=4)}
    assert (
        intruder.put(
            f"/api/v1/attempts/{attempt['id']}/answers/", answers, format="json"
        ).status_code
        == 404
    )
    assert (
        intruder.post(
            f"/api/v1/attempts/{attempt['id']}/submit/", answers, format="json"
        ).status_code
        == 404
    )
    stored = Attempt.objects.get(pk=attempt["id"])
    assert stored.state == Attempt.State.OPEN
    assert not any(item.selected for item in stored.items.all())
    assert Enrollment.objects.get(employee=employee_of(pegawai)).grade is None
