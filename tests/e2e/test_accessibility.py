"""axe-core (vendored in tests/e2e/vendor) on the main pages, phone and desktop widths:
no serious or critical violation. The axe context bypasses CSP only because Playwright
injects the script inline; the journeys run with the policy enforced."""

import pytest

from recognition.models import AwardType
from recognition.services import award_approve, award_nominate
from tests.conftest import employee_of
from tests.e2e.conftest import run_axe
from tests.training.factories import make_module
from training.models import Enrollment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


WIDTHS = (360, 1280)


def test_main_pages_have_no_serious_accessibility_violations(browse, hr, leader, pegawai):
    module = make_module(code="A11Y")
    award = award_nominate(
        actor=leader,
        award_type=AwardType.objects.get(code="pegawai-teladan"),
        recipient=employee_of(pegawai),
        citation="Teladan.",
    )
    code = award_approve(actor=hr, award=award).charter_certificate.verification_code
    pages = {
        None: ["/login/", "/verify/", f"/verify/{code}/"],
        "pegawai": [
            "/",
            "/training/",
            f"/training/modules/{module.pk}/",
            "/training/my/",
            "/certificates/",
            "/kompetensi/saya/",
            "/awards/mine/",
            "/profil/",
        ],
        "hr": [
            "/",
            "/organisasi/",
            "/organisasi/pegawai/",
            "/organisasi/impor/",
            "/kompetensi/laporan/",
            "/training/assign/",
            "/training/manage/",
            "/certificates/manage/",
        ],
        "leader": ["/awards/give/", "/awards/inbox/", "/kompetensi/tim/"],
    }
    found: dict[str, list] = {}
    checked = 0

    def check(session, label: str) -> None:
        nonlocal checked
        for width in WIDTHS:  # same document, re-laid out: axe sees what each width shows
            session.page.set_viewport_size({"width": width, "height": 900})
            violations = run_axe(session.page)
            checked += 1
            if violations:
                found[f"{session.name} {label} @{width}px"] = violations
                session.shot(f"a11y{label.replace('/', '_')}_{width}")
        session.page.set_viewport_size({"width": WIDTHS[0], "height": 900})

    sessions = {}
    for user, paths in pages.items():
        session = sessions[user] = browse(user or "anon", width=WIDTHS[0], bypass_csp=True)
        if user:
            session.login(user)
        for path in paths:
            session.go(path)
            check(session, path)
    # The quiz and its result page only exist after a POST: take them in the flow.
    session = sessions["pegawai"]
    Enrollment.objects.create(employee=employee_of(pegawai), module=module)
    session.go(f"/training/modules/{module.pk}/")
    with session.page.expect_navigation():
        session.page.click(f"form[action='/training/modules/{module.pk}/quiz/'] button")
    check(session, "quiz")
    with session.page.expect_navigation():
        session.page.click("#quiz-form button[type=submit]")
    check(session, "quiz-result")
    assert checked == len(WIDTHS) * (2 + sum(len(paths) for paths in pages.values()))
    assert found == {}, found
