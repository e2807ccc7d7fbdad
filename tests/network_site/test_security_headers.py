"""Security headers: Content-Security-Policy, Permissions-Policy, no caching of private pages.

- The public site, the portal and the API enforce a policy with no inline script (the admin
  only reports); no template of ours carries inline code the policy would block.
- Every response says which browser features the site never uses (Permissions-Policy).
- Every portal URL, and every download served to a logged-in user, is ``private, no-store``.
"""

import re
from pathlib import Path

import pytest

from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wagtail.documents import get_document_model

from tests.meetings.factories import InvitationFactory, MeetingFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
CSP = "Content-Security-Policy"
CSP_REPORT_ONLY = "Content-Security-Policy-Report-Only"


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def assert_private(response):
    cache_control = {each.strip() for each in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= cache_control, (response.status_code, response.get("Cache-Control"))


# --- Content-Security-Policy -----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/es/", "/healthz", "/api/v1/docs/", "/portal/account/login/"])
def test_the_site_enforces_a_policy_without_inline_script(client, path):
    response = client.get(path)
    policy = directives(response[CSP])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in response[CSP]
    assert "'unsafe-eval'" not in response[CSP]
    assert CSP_REPORT_ONLY not in response


def test_the_portal_enforces_it_for_a_member(representative_client):
    response = representative_client.get("/portal/")
    assert response.status_code == 200
    assert directives(response[CSP])["script-src"] == ["'self'"]


def test_the_admin_only_reports(staff_client):
    response = staff_client.get("/admin/")
    assert response.status_code == 200
    assert CSP not in response
    assert directives(response[CSP_REPORT_ONLY])["script-src"] == ["'self'"]


def test_the_qr_code_of_the_authenticator_app_is_allowed(client):
    assert "data:" in directives(client.get("/es/")[CSP])["img-src"]


def test_the_api_docs_load_their_own_assets(client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts
    for attributes in scripts:  # a file of our origin, or data that is not run
        assert 'src="/' in attributes or 'type="application/json"' in attributes, attributes
    for src in re.findall(r'(?:src|href)="(/api/[^"]+)"', html):
        assert client.get(src).status_code == 200, src


#: Templates no browser shows under our policy: PDFs (WeasyPrint), e-mails, Wagtail's admin.
NOT_BROWSED = re.compile(r"/(pdf|emails?|admin)/|/templates/(wagtailadmin|wagtailusers)/")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
JAVASCRIPT_URL = re.compile(r"javascript:", re.I)
INLINE_STYLE = re.compile(r"\sstyle\s*=|<style", re.I)


def _browsed_templates():
    for path in sorted(ROOT.glob("*/templates/**/*.html")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv", "tests/")) or NOT_BROWSED.search("/" + relative):
            continue
        yield relative


def test_there_are_browsed_templates_to_check():
    templates = list(_browsed_templates())
    assert "network_site/templates/base.html" in templates
    assert "api/templates/api/docs.html" in templates
    assert len(templates) > 50


def test_no_browsed_template_carries_inline_code():
    found = []
    for relative in _browsed_templates():
        text = (ROOT / relative).read_text()
        for pattern, what in (
            (INLINE_SCRIPT, "inline <script>"),
            (INLINE_HANDLER, "inline event handler"),
            (JAVASCRIPT_URL, "javascript: URL"),
            (INLINE_STYLE, "inline style"),
        ):
            if pattern.search(text):
                found.append(f"{relative}: {what}")
    assert not found, "the Content-Security-Policy blocks these; move them to static files:\n" + "\n".join(found)


# --- Permissions-Policy ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/es/", "/healthz", "/portal/", "/admin/", "/api/v1/", "/es/no-such-page/"])
def test_every_response_says_which_features_are_never_used(client, path):
    policy = dict(each.strip().split("=", 1) for each in client.get(path)["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert policy[feature] == "()"


# --- Cache-Control: private, no-store ---------------------------------------------------------------


def _portal_patterns(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from _portal_patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and prefix.startswith("portal/"):
            yield prefix + str(pattern.pattern)


def _example_path(route):
    """A path matching ``route``, its parameters filled with made-up values (the header is by path)."""
    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"<int:\w+>", "999999", route)
    route = re.sub(r"<(str|slug):\w+>", "xlsx", route)
    route = re.sub(r"<\w+>", "MQ", route)
    route = re.sub(r"\(\?P<uidb36>[^)]*\)", "1", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "abc-def", route)
    return "/" + route.replace("\\", "")


PORTAL_ROUTES = sorted(set(_portal_patterns()))


def test_the_portal_routes_are_all_found():
    assert len(PORTAL_ROUTES) > 60
    assert "portal/" in PORTAL_ROUTES
    assert "portal/meetings/<int:pk>/meeting.ics" in PORTAL_ROUTES


@pytest.mark.parametrize("route", PORTAL_ROUTES)
def test_every_portal_url_is_private_for_a_member_and_a_visitor(client, representative, route):
    path = _example_path(route)
    assert_private(client.get(path))  # the login redirect, the login form…
    client.force_login(representative)
    response = client.get(path)
    assert response.status_code != 500, path
    assert_private(response)


def test_portal_pages_and_downloads_a_member_sees_are_private(representative_client, organization):
    meeting = MeetingFactory(title="Asamblea")
    InvitationFactory(meeting=meeting, organization=organization)
    for path in (
        "/portal/",
        reverse("meetings_portal:detail", args=[meeting.pk]),
        reverse("meetings_portal:ics", args=[meeting.pk]),
        reverse("supplychain_portal:supplier_export", args=["csv"]),
        reverse("mfa_index"),
    ):
        response = representative_client.get(path)
        assert response.status_code == 200, path
        assert_private(response)


def test_a_download_outside_the_portal_is_private_for_a_logged_in_user(staff_client, client):
    document = get_document_model()(title="Estudio")
    document.file.save("estudio.pdf", ContentFile(b"%PDF-1.4 estudio"))
    document.save()
    response = staff_client.get(document.url)
    assert response.status_code == 200
    assert "Content-Disposition" in response
    assert_private(response)


def test_a_public_page_is_not_marked_private_for_a_visitor(client):
    response = client.get("/es/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
