"""Absolute URLs are built in one place (network_site.links, over settings.BASE_URL)."""

import re
from pathlib import Path

import pytest

from network_site.links import absolute_url, page_url, site_address

ROOT = Path(__file__).resolve().parents[2]
APPS = ["network_site", "home", "members", "commitments", "supplychain", "meetings"]
ALLOWED = {Path("network_site/links.py")}
#: What builds an absolute URL from the request's host or the Wagtail Site record instead.
FORBIDDEN = re.compile(r"build_absolute_uri|WAGTAILADMIN_BASE_URL|get_full_url|\.full_url\b|request\.scheme")


def code_files():
    for app in APPS:
        for path in (ROOT / app).rglob("*"):
            relative = path.relative_to(ROOT)
            if path.suffix not in {".py", ".html", ".txt", ".xml"} or "migrations" in relative.parts:
                continue
            if relative in ALLOWED or relative.parts[:2] == ("network_site", "settings"):
                continue
            yield relative, path


def test_no_absolute_url_is_built_outside_links():
    offenders = [
        f"{relative}:{number}: {line.strip()}"
        for relative, path in code_files()
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert offenders == [], "build absolute links with network_site.links.absolute_url:\n" + "\n".join(offenders)


def test_the_scan_sees_the_code():
    names = {str(relative) for relative, _path in code_files()}
    assert "home/feeds.py" in names and "network_site/templatetags/site_tags.py" in names
    assert "network_site/links.py" not in names


def test_absolute_url_and_site_address_follow_base_url(settings):
    settings.BASE_URL = "http://127.0.0.1:8100/"
    assert absolute_url("/portal/") == "http://127.0.0.1:8100/portal/"
    assert absolute_url("portal/") == "http://127.0.0.1:8100/portal/"
    assert absolute_url("https://otra.example.org/x/") == "https://otra.example.org/x/"
    assert site_address() == ("127.0.0.1", 8100)
    settings.BASE_URL = "https://red.example.org"
    assert site_address() == ("red.example.org", 443)


@pytest.mark.django_db
def test_page_url_ignores_the_site_records_host(settings):
    from wagtail.models import Page, Site

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 80
    site.save()
    settings.BASE_URL = "http://127.0.0.1:8100"
    root = site.root_page
    assert root.get_full_url().startswith("http://localhost/")
    assert page_url(root) == "http://127.0.0.1:8100" + root.get_url_parts()[2]
    assert page_url(Page.get_first_root_node()) == ""  # not routable
