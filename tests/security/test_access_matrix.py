"""The access matrix: every route (API and HTML) x every role x object scope -> status.

1676 cases (route x method x role x scope, "-" cells excluded) in 152 rows over 118 routes;
the route list comes from the URL configuration, so a new route fails
`test_every_route_is_in_the_table` until it has a row here.

Roles (columns, in this order): anon, pegawai (staff of Bidang A1a), leader_a2 (head of
Dinas A2), leader (head of Dinas A1), hr_b (HR of agency B), hr (HR of agency A), admin.
Scopes: `own` = the caller's own object (anonymous and admin own nothing: "-"),
`sub` = an object of a peer of pegawai in Bidang A1a (subordinate of leader and hr),
`out` = an object of a staff member of Dinas B1 (outside everyone but hr_b and admin),
`any` = a global object (module, lesson, question, competency, award type), `all` = no
object. Tokens: HTTP status, `L` = 302 to the login page. Write actions (POST/PUT rows)
send an empty JSON body: 400 means "reached validation", i.e. allowed and in scope;
out of scope answers 404 before any validation. Public by design: the dictionary,
verification, Open Badges assertions/classes/issuer, signed download links, the schema.
"""

import pytest

from ._walk import walk
from .matrix_lib import R, run_row

# Excluded explicitly: Django admin (its own permission system), i18n (set language),
# static/media (served only with DEBUG).
EXCLUDED_PREFIXES = ("admin/", "i18n/", "static/", "media/")

TABLE = [
    R("auth-token", None, "POST", all="400 400 400 400 400 400 400"),
    R("me", all="401 200 200 200 200 200 200"),
    R("unit-list", all="401 200 200 200 200 200 200"),
    R(
        "unit-detail",
        "unit",
        own="- 200 200 200 200 200 -",
        sub="401 200 404 200 404 200 200",
        out="401 404 404 404 200 404 200",
    ),
    R("position-list", all="401 200 200 200 200 200 200"),
    R(
        "position-detail",
        "position",
        own="- 200 200 200 200 200 -",
        sub="401 200 200 200 404 200 200",
        out="401 404 404 404 200 404 200",
    ),
    R("employee-list", all="401 200 200 200 200 200 200"),
    R(
        "employee-detail",
        "employee",
        own="- 200 200 200 200 200 -",
        sub="401 404 404 200 404 200 200",
        out="401 404 404 404 200 404 200",
    ),
    R(
        "competency-profile",
        "employee",
        own="- 200 200 200 200 200 -",
        sub="401 404 404 200 404 200 200",
        out="401 404 404 404 200 404 200",
    ),
    R("report-gaps", all="401 403 200 200 200 200 200"),
    R("report-gaps-employees", all="401 403 200 200 200 200 200"),
    R("report-learning-hours", all="401 403 200 200 200 200 200"),
    R("competency-list", all="200 200 200 200 200 200 200"),
    R("competency-detail", "competency", any="200 200 200 200 200 200 200"),
    R("position-requirement-list", all="401 200 200 200 200 200 200"),
    R("position-requirement-apply-defaults", None, "POST", all="401 403 403 403 400 400 400"),
    R("position-requirement-profile", None, "PUT", all="401 403 403 403 400 400 400"),
    R(
        "position-requirement-detail",
        "requirement",
        own="- 200 200 200 200 200 -",
        sub="401 200 200 200 404 200 200",
        out="401 404 404 404 200 404 200",
    ),
    R("assessment-list", all="401 200 200 200 200 200 200"),
    R(
        "assessment-detail",
        "assessment",
        own="- 200 200 200 200 200 -",
        sub="401 404 404 200 404 200 200",
        out="401 404 404 404 200 404 200",
    ),
    R("learning-record-list", all="401 200 200 200 200 200 200"),
    R(
        "learning-record-detail",
        "learning_record",
        own="- 200 200 200 200 200 -",
        sub="401 404 404 200 404 200 200",
        out="401 404 404 404 200 404 200",
    ),
    R("module-list", all="401 200 200 200 200 200 200"),
    R("module-detail", "module", any="401 200 200 200 200 200 200"),
    R("module-attempts", "module", "POST", any="401 400 400 400 400 400 400"),
    R("module-enroll", "module", "POST", any="401 201 201 201 201 201 400"),
    R("enrollment-list", all="401 200 200 200 200 200 200"),
    R(
        "enrollment-detail",
        "enrollment",
        own="- 200 200 200 200 200 -",
        sub="401 404 404 200 404 200 200",
        out="401 404 404 404 200 404 200",
    ),
    R(
        "enrollment-read-lesson",
        "enrollment_lesson",
        "POST",
        own="- 200 200 200 200 200 -",
        sub="401 404 404 404 404 404 404",
        out="401 404 404 404 404 404 404",
    ),
    R(
        "attempt-detail",
        "attempt",
        own="- 200 200 200 200 200 -",
        sub="401 404 404 404 404 404 404",
        out="401 404 404 404 404 404 404",
    ),
    R(
        "attempt-answers",
        "attempt",
        "PUT",
        own="- 400 400 400 400 400 -",
        sub="401 404 404 404 404 404 404",
        out="401 404 404 404 404 404 404",
    ),
    R(
        "attempt-submit",
        "attempt",
        "POST",
        own="- 200 200 200 200 200 -",
        sub="401 404 404 404 404 404 404",
        out="401 404 404 404 404 404 404",
    ),
    R(
        "certificate-badge",
        "certificate",
        own="- 200 200 200 200 200 -",
        sub="200 200 200 200 200 200 200",
        out="200 200 200 200 200 200 200",
    ),
    R(
        "certificate-badge-class",
        "certificate",
        own="- 200 200 200 200 200 -",
        sub="200 200 200 200 200 200 200",
        out="200 200 200 200 200 200 200",
    ),
    R("badge-issuer", all="200 200 200 200 200 200 200"),
    R(
        "certificate-verify",
        "verify",
        own="- 200 200 200 200 200 -",
        sub="200 200 200 200 200 200 200",
        out="200 200 200 200 200 200 200",
    ),
    R("certificate-list", all="401 200 200 200 200 200 200"),
    R(
        "certificate-detail",
        "certificate",
        own="- 200 200 200 200 200 -",
        sub="401 404 404 200 404 200 200",
        out="401 404 404 404 200 404 200",
    ),
    R(
        "certificate-pdf",
        "certificate",
        own="- 200 200 200 200 200 -",
        sub="401 404 404 200 404 200 200",
        out="401 404 404 404 200 404 200",
    ),
    R(
        "certificate-reissue",
        "certificate",
        "POST",
        own="- 400 400 400 400 400 -",
        sub="401 404 404 400 404 400 400",
        out="401 404 404 404 400 404 400",
    ),
    R(
        "certificate-revoke",
        "certificate",
        "POST",
        own="- 400 400 400 400 400 -",
        sub="401 404 404 400 404 400 400",
        out="401 404 404 404 400 404 400",
    ),
    R("award-type-list", all="401 200 200 200 200 200 200"),
    R("award-type-detail", "award_type", any="401 200 200 200 200 200 200"),
    R("award-list", all="401 200 200 200 200 200 200"),
    R("award-eligibility", all="401 403 200 200 200 200 200"),
    R(
        "award-detail",
        "award",
        own="- 404 200 200 200 200 -",
        sub="401 404 404 200 404 200 200",
        out="401 404 404 404 200 404 200",
    ),
    R(
        "award-approve",
        "award",
        "POST",
        own="- 404 400 400 400 400 -",
        sub="401 404 404 400 404 200 400",
        out="401 404 404 404 200 404 400",
    ),
    R(
        "award-reject",
        "award",
        "POST",
        own="- 404 400 400 400 400 -",
        sub="401 404 404 400 404 200 400",
        out="401 404 404 404 200 404 400",
    ),
    R(
        "award-revoke",
        "award",
        "POST",
        own="- 404 400 400 400 400 -",
        sub="401 404 404 400 404 400 400",
        out="401 404 404 404 400 404 400",
    ),
    R("schema", all="200 200 200 200 200 200 200"),
    R("swagger-ui", all="200 200 200 200 200 200 200"),
    R("dashboard", all="L 200 200 200 200 200 200"),
    R("login", all="200 302 302 302 302 302 302"),
    R("logout", None, "POST", all="L L L L L L L"),
    R("password_change", all="L 200 200 200 200 200 200"),
    R("password_change_done", all="L 200 200 200 200 200 200"),
    R("people:units", all="L 403 200 200 200 200 200"),
    R("people:employees", all="L 403 200 200 200 200 200"),
    R("people:employee_export", all="L 403 200 200 200 200 200"),
    R("people:employee_create", all="L 403 403 403 200 200 200"),
    R(
        "people:employee_detail",
        "employee",
        own="- 200 200 200 200 200 -",
        sub="L 404 404 200 404 200 200",
        out="L 404 404 404 200 404 200",
    ),
    R(
        "people:employee_edit",
        "employee",
        own="- 403 403 403 200 200 -",
        sub="L 403 403 403 404 200 200",
        out="L 403 403 403 200 404 200",
    ),
    R("people:import", all="L 403 403 403 200 200 200"),
    R("people:my_profile", all="L 302 302 302 302 302 404"),
    R("competencies:my-profile", all="L 200 200 200 200 200 404"),
    R(
        "competencies:employee-profile",
        "employee",
        own="- 200 200 200 200 200 -",
        sub="L 404 404 200 404 200 200",
        out="L 404 404 404 200 404 200",
    ),
    R(
        "competencies:assessment-new",
        "employee",
        own="- 200 200 200 200 200 -",
        sub="L 404 404 200 404 200 200",
        out="L 404 404 404 200 404 200",
    ),
    R("competencies:team", all="L 403 200 200 200 200 200"),
    R("competencies:gap-report", all="L 403 200 200 200 200 200"),
    R("competencies:gap-drilldown", all="L 403 200 200 200 200 200"),
    R("competencies:learning-hours", all="L 403 200 200 200 200 200"),
    R("competencies:learning-record-new", all="L 403 403 403 200 200 200"),
    R("competencies:positions", all="L 403 403 403 200 200 200"),
    R(
        "competencies:position-requirements",
        "position",
        own="- 403 403 403 200 200 -",
        sub="L 403 403 403 404 200 200",
        out="L 403 403 403 200 404 200",
    ),
    R("training:catalogue", all="L 200 200 200 200 200 200"),
    R("training:my", all="L 200 200 200 200 200 200"),
    R("training:assign", all="L 403 200 200 200 200 200"),
    R("training:module", "module", any="L 200 200 200 200 200 200"),
    R("training:enroll", "module", "POST", any="L 302 302 302 302 302 302"),
    R("training:lesson", "lesson", any="L 200 200 200 200 200 200"),
    R("training:lesson_read", "lesson", "POST", any="L 302 302 302 302 302 302"),
    R("training:quiz_start", "module", "POST", any="L 302 302 302 302 302 302"),
    R(
        "training:attempt",
        "attempt",
        own="- 200 200 200 200 200 -",
        sub="L 404 404 404 404 404 404",
        out="L 404 404 404 404 404 404",
    ),
    R(
        "training:attempt_save",
        "attempt",
        "POST",
        own="- 200 200 200 200 200 -",
        sub="L 404 404 404 404 404 404",
        out="L 404 404 404 404 404 404",
    ),
    R(
        "training:attempt_submit",
        "attempt",
        "POST",
        own="- 302 302 302 302 302 -",
        sub="L 404 404 404 404 404 404",
        out="L 404 404 404 404 404 404",
    ),
    R("training:manage", all="L 403 403 403 200 200 200"),
    R("training:module_new", all="L 403 403 403 200 200 200"),
    R("training:manage_module", "module", any="L 404 404 404 200 200 200"),
    R("training:module_edit", "module", any="L 403 403 403 200 200 200"),
    R("training:module_publish", "module", "POST", any="L 404 404 404 302 302 302"),
    R("training:lesson_new", "module", any="L 404 404 404 200 200 200"),
    R("training:lesson_edit", "lesson", any="L 404 404 404 200 200 200"),
    R("training:question_new", "module", any="L 404 404 404 200 200 200"),
    R("training:question_edit", "question", any="L 404 404 404 200 200 200"),
    R("training:stats", "module", any="L 404 200 200 200 200 200"),
    R("certificates:mine", all="L 200 200 200 200 200 200"),
    R(
        "certificates:pdf",
        "certificate",
        own="- 200 200 200 200 200 -",
        sub="L 404 404 200 404 200 200",
        out="L 404 404 404 200 404 200",
    ),
    R(
        "certificates:signed-download",
        "signed",
        own="- 200 200 200 200 200 -",
        sub="200 200 200 200 200 200 200",
        out="200 200 200 200 200 200 200",
    ),
    R("certificates:manage", all="L 403 403 403 200 200 200"),
    R(
        "certificates:manage-detail",
        "certificate",
        own="- 403 403 403 200 200 -",
        sub="L 403 403 403 404 200 200",
        out="L 403 403 403 200 404 200",
    ),
    R(
        "certificates:revoke",
        "certificate",
        "POST",
        own="- 403 403 403 400 400 -",
        sub="L 403 403 403 404 400 400",
        out="L 403 403 403 400 404 400",
    ),
    R(
        "certificates:reissue",
        "certificate",
        "POST",
        own="- 403 403 403 400 400 -",
        sub="L 403 403 403 404 400 400",
        out="L 403 403 403 400 404 400",
    ),
    R("certificates:bulk", all="L 403 403 403 200 200 200"),
    R(
        "certificates:bulk-detail",
        "bulk_job",
        own="- 403 403 403 200 200 -",
        sub="L 403 403 403 404 404 200",
        out="L 403 403 403 404 404 200",
    ),
    R(
        "certificates:bulk-progress",
        "bulk_job",
        own="- 403 403 403 200 200 -",
        sub="L 403 403 403 404 404 200",
        out="L 403 403 403 404 404 200",
    ),
    R(
        "certificates:bulk-zip",
        "bulk_job",
        own="- 403 403 403 200 200 -",
        sub="L 403 403 403 404 404 200",
        out="L 403 403 403 404 404 200",
    ),
    R("certificates:verify-form", all="200 200 200 200 200 200 200"),
    R(
        "certificates:verify",
        "verify",
        own="- 200 200 200 200 200 -",
        sub="200 200 200 200 200 200 200",
        out="200 200 200 200 200 200 200",
    ),
    R("recognition:give", all="L 200 200 200 200 200 200"),
    R("recognition:inbox", all="L 200 200 200 200 200 200"),
    R("recognition:mine", all="L 200 200 200 200 200 200"),
    R("recognition:wall", all="L 200 200 200 200 200 200"),
    R(
        "recognition:wall-unit",
        "wall_unit",
        own="- 200 200 200 200 200 -",
        sub="L 200 404 200 404 200 200",
        out="L 404 404 404 200 404 200",
    ),
    R("recognition:overview", all="L 403 200 200 200 200 200"),
    R("recognition:eligibility", all="L 403 200 200 200 200 200"),
    R(
        "recognition:award-detail",
        "award",
        own="- 404 200 200 200 200 -",
        sub="L 404 404 200 404 200 200",
        out="L 404 404 404 200 404 200",
    ),
    R(
        "recognition:decide",
        "award",
        "POST",
        own="- 404 302 302 302 302 -",
        sub="L 404 404 302 404 302 302",
        out="L 404 404 404 302 404 302",
    ),
    R(
        "recognition:notification-read",
        "notification",
        "POST",
        own="- 302 302 302 302 302 -",
        sub="L 302 302 302 302 302 302",
        out="L 302 302 302 302 302 302",
    ),
    # Writes with an empty body (400 = allowed and in scope, reached validation).
    R("unit-list", None, "POST", all="401 403 403 403 400 400 400"),
    R("position-list", None, "POST", all="401 400 400 400 400 400 400"),
    R("employee-list", None, "POST", all="401 403 403 403 400 400 400"),
    R("competency-list", None, "POST", all="401 403 403 403 403 403 400"),
    R("position-requirement-list", None, "POST", all="401 400 400 400 400 400 400"),
    R("assessment-list", None, "POST", all="401 400 400 400 400 400 400"),
    R("learning-record-list", None, "POST", all="401 403 403 403 400 400 400"),
    R("enrollment-list", None, "POST", all="401 400 400 400 400 400 400"),
    R("award-type-list", None, "POST", all="401 403 403 403 403 403 400"),
    R("award-list", None, "POST", all="401 400 400 400 400 400 400"),
    R(
        "unit-detail",
        "unit",
        "PATCH",
        own="- 403 403 403 200 200 -",
        sub="401 403 403 403 404 200 200",
        out="401 403 403 403 200 404 200",
    ),
    R(
        "position-detail",
        "position",
        "PATCH",
        own="- 403 403 403 200 200 -",
        sub="401 403 403 403 404 200 200",
        out="401 404 404 404 200 404 200",
    ),
    R(
        "employee-detail",
        "employee",
        "PATCH",
        own="- 403 403 403 200 200 -",
        sub="401 403 403 403 404 200 200",
        out="401 403 403 403 200 404 200",
    ),
    R("competency-detail", "competency", "PATCH", any="401 403 403 403 403 403 200"),
    R(
        "position-requirement-detail",
        "requirement",
        "PATCH",
        own="- 403 403 403 200 200 -",
        sub="401 403 403 403 404 200 200",
        out="401 404 404 404 200 404 200",
    ),
    R("award-type-detail", "award_type", "PATCH", any="401 403 403 403 403 403 200"),
    R("competency-detail", "competency", "DELETE", any="401 403 403 403 403 403 400"),
    R("award-type-detail", "award_type", "DELETE", any="401 403 403 403 403 403 405"),
    R("people:employee_create", None, "POST", all="L 403 403 403 200 200 200"),
    R(
        "people:employee_edit",
        "employee",
        "POST",
        own="- 403 403 403 200 200 -",
        sub="L 403 403 403 404 200 200",
        out="L 403 403 403 200 404 200",
    ),
    R("people:import", None, "POST", all="L 403 403 403 200 200 200"),
    R(
        "competencies:assessment-new",
        "employee",
        "POST",
        own="- 200 200 200 200 200 -",
        sub="L 404 404 200 404 200 200",
        out="L 404 404 404 200 404 200",
    ),
    R("competencies:learning-record-new", None, "POST", all="L 403 403 403 200 200 200"),
    R(
        "competencies:position-requirements",
        "position",
        "POST",
        own="- 403 403 403 200 200 -",
        sub="L 403 403 403 404 200 200",
        out="L 403 403 403 200 404 200",
    ),
    R("training:assign", None, "POST", all="L 403 200 200 200 200 200"),
    R("training:module_new", None, "POST", all="L 403 403 403 200 200 200"),
    R("training:module_edit", "module", "POST", any="L 403 403 403 200 200 200"),
    R("training:lesson_new", "module", "POST", any="L 404 404 404 200 200 200"),
    R("training:lesson_edit", "lesson", "POST", any="L 404 404 404 200 200 200"),
    R("training:question_new", "module", "POST", any="L 404 404 404 200 200 200"),
    R("training:question_edit", "question", "POST", any="L 404 404 404 200 200 200"),
    R("certificates:bulk", None, "POST", all="L 403 403 403 200 200 200"),
    R("recognition:give", None, "POST", all="L 200 200 200 200 200 200"),
    R("password_change", None, "POST", all="L 200 200 200 200 200 200"),
]

ROUTES = [r for r in walk() if not r.pattern.startswith(EXCLUDED_PREFIXES)]
ROWS = {(row.name, row.method): row for row in TABLE}
NAMES = {row.name for row in TABLE}


def test_every_route_is_in_the_table():
    names = [route.name for route in ROUTES]
    assert all(names), "every route must be named to be in the matrix"
    assert len(names) == len(set(names)), "route names must be unique"
    missing = sorted(set(names) - NAMES)
    stale = sorted(NAMES - set(names))
    assert not missing, f"routes without a row in the access matrix: {missing}"
    assert not stale, f"rows for routes that no longer exist: {stale}"
    assert len(TABLE) == len(ROWS), "one row per route and method"


def test_rows_give_objects_for_every_parameter():
    params = {route.name: route.params for route in ROUTES}
    for row in TABLE:
        assert bool(params[row.name]) == bool(row.kind), row.name
        assert (set(row.expect) <= {"all"}) == (not params[row.name]), row.name


@pytest.mark.parametrize("row", TABLE, ids=lambda row: f"{row.method} {row.name}")
def test_access(row, clients, cast, objects):
    observed = run_row(row, clients, cast, objects)
    assert observed == row.expect


def matrix_size() -> int:
    return sum(token != "-" for row in TABLE for tokens in row.expect.values() for token in tokens)


def test_docstring_gives_the_current_size():
    assert f"{matrix_size()} cases" in __doc__
    assert f"in {len(TABLE)} rows over {len(NAMES)} routes" in __doc__
