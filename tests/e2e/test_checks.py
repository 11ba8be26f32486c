"""The checks the journeys rely on can fail: axe reports a broken page, and the traffic
recorder sees a request to another host and an HTML response without a policy."""

import pytest

from tests.e2e.conftest import Traffic, run_axe

pytestmark = pytest.mark.browser


def test_axe_reports_serious_violations_on_a_broken_page(browser):
    page = browser.new_page()
    page.set_content('<html><body><img src="data:,"><input type="text"></body></html>')
    found = {violation["id"] for violation in run_axe(page)}
    page.close()
    assert {"image-alt", "label", "html-has-lang"} <= found


def test_traffic_recorder_rejects_foreign_hosts_and_missing_csp():
    traffic = Traffic(
        origin="http://localhost:8000",
        html_responses=1,
        requests=["http://localhost:8000/", "data:,x", "https://cdn.example.com/lib.js"],
    )
    assert traffic.foreign() == ["https://cdn.example.com/lib.js"]
    with pytest.raises(AssertionError, match="other hosts"):
        traffic.assert_clean()
    traffic.requests.pop()
    traffic.assert_clean()
    traffic.html_without_csp.append("http://localhost:8000/x/")
    with pytest.raises(AssertionError, match="without CSP"):
        traffic.assert_clean()


@pytest.mark.django_db(transaction=True)
def test_csp_is_enforced_and_a_violation_is_recorded(browse):
    visitor = browse("anon")
    visitor.go("/login/")
    visitor.page.evaluate("""() => {
        document.body.insertAdjacentHTML('beforeend', '<p style="color: red">x</p>');
        const s = document.createElement('script'); s.textContent = 'window.ran = 1';
        document.body.appendChild(s);
    }""")
    visitor.page.wait_for_timeout(100)
    assert visitor.page.evaluate("window.ran === undefined")  # inline script was refused
    assert visitor.traffic.csp_violations, "the recorder missed a CSP violation"
    visitor.traffic.csp_violations.clear()  # the fixture would otherwise fail this test
