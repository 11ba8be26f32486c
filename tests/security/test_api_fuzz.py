"""Fuzz every operation of the published OpenAPI schema with schemathesis, once per role.

The schema is loaded from `/api/schema/` and every request runs in-process against the
Django WSGI application, inside the test's database transaction, so the fuzzer sees the
rows the `fuzz_world` fixture created. Path ids are drawn half of the time from real rows
(so detail, action and nested routes reach the code behind the 404), half of the time from
schemathesis' own values.

Checks on every response: no 5xx, the status code is documented for the operation, the
content type is the documented one, and the body matches the documented schema.

Case count (default `FUZZ_EXAMPLES=3`, derandomized so runs repeat): 73 operations x 5
roles (pegawai, leader, hr, admin, anonymous) x up to 3 positive examples = 217 cases per
role (an operation without parameters has fewer distinct inputs), 1,085 requests in all;
about 40 s on SQLite. Raise FUZZ_EXAMPLES for a deeper local run.
"""

import copy
import datetime as dt
import os
from collections import defaultdict

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from django.utils import translation
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from certificates.services import certificate_issue
from competencies.models import Assessment, Competency, LearningRecord, PositionRequirement
from recognition.models import AwardType
from recognition.services import award_nominate
from tests.conftest import employee_of
from tests.training.factories import make_module
from training.models import Enrollment

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
ROLES = ["pegawai", "leader", "hr", "admin", "anonymous"]
SCHEMA_PATH = "/api/schema/"
EXPECTED_OPERATIONS = 73
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def in_process():
    """Serve requests the way Django's test client does: keep the test's connection open
    (`close_old_connections` at request start and end would close the transaction's connection on
    PostgreSQL) and give the next test the default language back (LocaleMiddleware
    activates the request's language on this thread)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)
        translation.activate(django_settings.LANGUAGE_CODE)


def _application():
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()


@pytest.fixture(scope="session")
def published_schema(django_db_setup, django_db_blocker) -> dict:
    """The document `/api/schema/` serves, fetched once per worker: drf-spectacular takes
    seconds to generate it and the five roles fuzz the same document."""
    with django_db_blocker.unblock():
        loaded = schemathesis.openapi.from_wsgi(SCHEMA_PATH, _application())
    return copy.deepcopy(loaded.raw_schema)


def _schema(published: dict):
    """A fresh schemathesis schema over the published document, served in-process (what
    `schemathesis.openapi.from_wsgi` builds, without generating the document again)."""
    schema = schemathesis.openapi.from_dict(copy.deepcopy(published))
    schema.app = _application()
    schema.location = SCHEMA_PATH
    return schema


@pytest.fixture
def fuzz_world(world, personas, api) -> dict[str, list]:
    """A few real rows in every app; returns the ids to use per path parameter prefix."""
    pegawai, leader, hr = personas["pegawai"], personas["leader"], personas["hr"]
    module = make_module(code="FUZZ-1")
    client = api(pegawai)
    client.post(f"/api/v1/modules/{module.pk}/enroll/")
    started = client.post(f"/api/v1/modules/{module.pk}/attempts/").json()
    employee = employee_of(pegawai)
    certificate = certificate_issue(
        recipient=employee,
        kind="training",
        title="Komunikasi Efektif",
        jp=12,
        competencies=["M.3 Komunikasi"],
        period_start=dt.date(2025, 3, 3),
        period_end=dt.date(2025, 3, 5),
        source_key=f"fuzz:{employee.pk}",
        actor=hr,
    )
    award = award_nominate(
        actor=leader,
        award_type=AwardType.objects.get(code="pegawai-teladan"),
        recipient=employee,
        citation="Melayani dengan sepenuh hati.",
    )
    competency = Competency.objects.get(code="M.3")
    api(hr).post(
        "/api/v1/assessments/",
        {
            "employee": employee.pk,
            "competency": competency.pk,
            "level": 3,
            "source": "supervisor",
            "assessed_on": "2025-01-10",
        },
        format="json",
    )
    api(hr).post(
        "/api/v1/position-requirements/apply-defaults/",
        {"position": world.position_a.pk},
        format="json",
    )
    ids = {
        "assessments": list(Assessment.objects.values_list("pk", flat=True)),
        "attempts": [started["id"]],
        "award-types": list(AwardType.objects.values_list("pk", flat=True)[:3]),
        "awards": [award.pk],
        "certificates": [certificate.pk],
        "competencies": [competency.pk],
        "employees": [employee.pk, employee_of(leader).pk, employee_of(personas["outsider"]).pk],
        "enrollments": list(Enrollment.objects.values_list("pk", flat=True)),
        "learning-records": list(LearningRecord.objects.values_list("pk", flat=True)),
        "modules": [module.pk],
        "position-requirements": list(PositionRequirement.objects.values_list("pk", flat=True)[:3]),
        "positions": [world.position_a.pk, world.position_b.pk],
        "units": [world.a1.pk, world.a1a.pk, world.b1.pk],
        "lesson_id": list(module.lessons.values_list("pk", flat=True)),
        "code": [certificate.verification_code],
    }
    return {key: value for key, value in ids.items() if value}


def _real_values(operation, ids: dict[str, list]) -> dict[str, list]:
    """Known-good values for each path parameter of this operation."""
    resource = operation.path.removeprefix("/api/v1/").split("/")[0]
    names = [p.name for p in operation.path_parameters]
    values = {}
    for name in names:
        key = resource if name == "id" else name
        if key in ids:
            values[name] = ids[key]
    return values


def _headers(role: str, personas: dict) -> dict[str, str]:
    if role == "anonymous":
        return {}
    token, _ = Token.objects.get_or_create(user=personas[role])
    return {"Authorization": f"Token {token.key}"}


def _fuzz(operation, ids, headers, executed, failures) -> None:
    """Run EXAMPLES generated cases of one operation, recording (not raising) failures so
    one run reports every broken operation."""
    real = _real_values(operation, ids)
    overrides = st.fixed_dictionaries(
        {name: st.one_of(st.none(), st.sampled_from(values)) for name, values in real.items()}
    )

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), chosen=overrides)
    def run(case, chosen):
        for name, value in chosen.items():
            if value is not None:
                case.path_parameters[name] = value
        cache.clear()  # throttling is tested on its own; keep fuzzing out of 429
        executed[operation.label] += 1
        try:
            case.call_and_validate(headers=headers, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - reported below
            if len(failures[operation.label]) < 2:
                failures[operation.label].append(f"{type(exc).__name__}: {exc}"[:1200])

    run()


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_conforms_to_the_schema(
    role, fuzz_world, personas, in_process, published_schema
):
    schema = _schema(published_schema)
    headers = _headers(role, personas)
    failures: dict[str, list[str]] = defaultdict(list)
    executed: dict[str, int] = defaultdict(int)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == EXPECTED_OPERATIONS, "a new operation: update EXPECTED_OPERATIONS"

    for operation in operations:
        _fuzz(operation, fuzz_world, headers, executed, failures)

    print(f"[{role}] {sum(executed.values())} cases over {len(executed)} operations")
    assert set(executed) == {op.label for op in operations}
    assert not failures, "\n\n".join(
        f"[{role}] {label}\n" + "\n".join(messages) for label, messages in failures.items()
    )
