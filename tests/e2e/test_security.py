"""The Content-Security-Policy in a browser: the pages work with no violation of the enforced policy.

The policy forbids inline script and style (network_site/security.py): a page that still carried
some would lose it silently, so every page checked here listens for ``securitypolicyviolation``
events; the Wagtail admin's policy only reports (Wagtail has inline code of its own).
"""

import re

import pytest

from tests.e2e.conftest import portal_log_in

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "demo-red-2026"  # members/demo.py
REPRESENTATIVE = "agroexport-caribe@example.org"
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(
  {disposition: e.disposition, directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample}));
"""


def violations(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return [each for each in page.evaluate("() => window.__csp") if each["disposition"] == "enforce"]


def links(page, pattern):
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    return sorted({href for href in hrefs if href and re.match(pattern, href)})


def test_the_policy_blocks_an_injected_inline_script(e2e_server, page):
    page.add_init_script(LISTEN)
    page.goto(f"{e2e_server.url}/es/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.body.append(s); }"
    )
    page.wait_for_function("() => window.__csp.length > 0")
    assert page.evaluate("() => window.ran") is None


def test_public_pages_and_the_api_docs_work_under_the_policy(e2e_server, page):
    base = e2e_server.url
    page.add_init_script(LISTEN)
    assert violations(page, f"{base}/es/noticias/") == []
    news = links(page, r"^/es/noticias/[^/]+/$")
    assert news
    for path in ["/es/", news[0], "/es/observatorio/", "/es/miembros/", "/es/calendario/"]:
        assert violations(page, base + path) == [], path
    assert page.locator("h1").count()
    page.goto(f"{base}/es/observatorio/")
    assert page.locator("svg").count()  # the charts are drawn
    assert violations(page, f"{base}/api/v1/docs") == []
    page.wait_for_selector(".swagger-ui .opblock")  # Swagger UI ran from its own files


def test_portal_pages_work_under_the_policy(e2e_server, page):
    base = e2e_server.url
    page.add_init_script(LISTEN)
    portal_log_in(page, base, REPRESENTATIVE, DEMO_PASSWORD)
    assert violations(page, f"{base}/portal/") == []
    reports = links(page, r"^/portal/commitments/reports/\d+/$")
    meetings = links(page, r"^/portal/meetings/\d+/$")
    # Other browser tests may have sent the open reports or answered the invitations the
    # dashboard lists: then the lists have them.
    if not reports:
        assert violations(page, f"{base}/portal/commitments/") == []
        for commitment in links(page, r"^/portal/commitments/\d+/$"):
            assert violations(page, base + commitment) == [], commitment
            reports = links(page, r"^/portal/commitments/reports/\d+/$")
            if reports:
                break
    if not meetings:
        assert violations(page, f"{base}/portal/meetings/") == []
        meetings = links(page, r"^/portal/meetings/\d+/$")
    assert reports and meetings
    for path in [reports[0], *meetings, "/portal/value-chain/", "/portal/account/2fa/totp/activate/"]:
        assert violations(page, base + path) == [], path
    replies = 0
    for path in meetings:
        page.goto(base + path)
        replies += page.locator("form[action*='/reply/']").count()
    assert replies  # a meeting reply form was checked
