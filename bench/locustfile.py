"""Locust users for bench/load.py (run by it; reads the plan it writes to $LOAD_PLAN).

Phase "mix": learners start, save and submit the quiz (each question right with
probability 0.7, so some pass and complete the module and move on to the next learner)
while HR users read the gap report of one bidang (about 2,000 employees).
Phase "submit": every user only submits attempts bench/load.py started beforehand.
Phase "me": every user only reads GET /api/v1/me/ (token lookup plus the caller's roles
and employee record): what the stack costs for the cheapest authenticated request.
"""

import json
import os
import random

from locust import FastHttpUser, constant, task
from locust.exception import StopUser

PLAN = json.loads(open(os.environ["LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
PHASE = os.environ.get("LOAD_PHASE", "mix")
KEY = {int(q): right for q, right in PLAN["key"].items()}  # question -> right option
LEARNERS = list(PLAN["mix_learners"])
ATTEMPTS = list(PLAN["submit_attempts"])
RIGHT = 0.7
# Behind the proxy production runs behind: plain HTTP to gunicorn, HTTPS to the user.
BASE_HEADERS = {"X-Forwarded-Proto": "https", "Accept": "application/json"}


def headers(token: str) -> dict:
    return {**BASE_HEADERS, "Authorization": f"Token {token}"}


def answers(questions: list[dict], rng: random.Random) -> list[dict]:
    result = []
    for question in questions:
        right = KEY[question["id"]]
        wrong = [o["id"] for o in question["options"] if o["id"] != right]
        result.append(
            {
                "question": question["id"],
                "options": [right if rng.random() < RIGHT else rng.choice(wrong)],
            }
        )
    return result


class Learner(FastHttpUser):
    weight = int(os.environ.get("LOAD_LEARNER_WEIGHT", "9"))
    wait_time = constant(0)

    def on_start(self) -> None:
        self.rng = random.Random()  # noqa: S311 - load generation
        self.token = None
        if PHASE in ("mix", "me"):
            self.next_learner()

    def next_learner(self) -> None:
        if not LEARNERS:
            raise StopUser
        self.token = LEARNERS.pop()

    @task
    def work(self) -> None:
        if PHASE == "submit":
            self.submit_prepared()
        elif PHASE == "me":
            self.client.get("/api/v1/me/", headers=headers(self.token), name="me")
        else:
            self.take_quiz()

    def submit_prepared(self) -> None:
        if not ATTEMPTS:
            raise StopUser
        token, attempt_id, given = ATTEMPTS.pop()
        self.client.post(
            f"/api/v1/attempts/{attempt_id}/submit/",
            json={"answers": given},
            headers=headers(token),
            name="quiz submit",
        )

    def take_quiz(self) -> None:
        module = PLAN["module"]
        with self.client.post(
            f"/api/v1/modules/{module}/attempts/",
            headers=headers(self.token),
            name="quiz start",
            catch_response=True,
        ) as started:
            if started.status_code not in (200, 201):
                started.failure(f"{started.status_code}: {started.text[:200]}")
                self.next_learner()
                return
            attempt = started.json()
        given = answers(attempt["questions"], self.rng)
        half = len(given) // 2
        self.client.put(
            f"/api/v1/attempts/{attempt['id']}/answers/",
            json={"answers": given[:half]},
            headers=headers(self.token),
            name="quiz save",
        )
        with self.client.post(
            f"/api/v1/attempts/{attempt['id']}/submit/",
            json={"answers": given[half:]},
            headers=headers(self.token),
            name="quiz submit",
            catch_response=True,
        ) as submitted:
            if submitted.status_code != 200:
                submitted.failure(f"{submitted.status_code}: {submitted.text[:200]}")
                return
            if submitted.json().get("enrollment_status") == "completed":
                self.next_learner()


class HumanResources(FastHttpUser):
    weight = int(os.environ.get("LOAD_HR_WEIGHT", "1"))
    wait_time = constant(0)

    @task
    def gap_report(self) -> None:
        if PHASE != "mix":
            raise StopUser
        unit = random.choice(PLAN["gap_units"])  # noqa: S311 - load generation
        self.client.get(
            f"/api/v1/reports/competency-gaps/?unit={unit}",
            headers=headers(PLAN["hr_token"]),
            name="gap report (bidang)",
        )
