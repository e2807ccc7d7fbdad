"""Templates count as imports: the layers import-linter checks for Python hold for templates too.

A template may load tags from, include or extend templates of its own app or of a lower layer
only: the core (``network_site``) uses no app's; ``members`` uses only the core's;
``commitments``, ``meetings`` and ``supplychain`` use the core's and members', never each
other's; nothing uses ``home``'s but ``home``.
"""

import re
from pathlib import Path

import pytest

from django.conf import settings
from django.template import engines
from django.template.exceptions import TemplateDoesNotExist

ROOT = Path(settings.BASE_DIR)
#: Layers, lowest first (as in pyproject.toml's import-linter contract).
LAYERS = {
    "network_site": 0,
    "members": 1,
    "commitments": 2,
    "meetings": 2,
    "supplychain": 2,
    "practices": 3,
    "cooperation": 3,
    "home": 4,
    "regional": 4,
    "api": 4,
}
TAG = re.compile(r"{%\s*(load|include|extends)\s+(.+?)\s*%}")


def tag_library_owner(library):
    for app in LAYERS:
        if (ROOT / app / "templatetags" / f"{library}.py").exists():
            return app
    return None  # Django's, Wagtail's or another package's


def template_owner(name):
    try:
        origin = engines["django"].engine.find_template(name)[1]
    except TemplateDoesNotExist:
        return None
    path = Path(origin.name).resolve()
    for app in LAYERS:
        if path.is_relative_to((ROOT / app / "templates").resolve()):
            return app
    return None


def arrows(source):
    """(what, used app) for every tag library loaded and every template included or extended."""
    found = []
    for kind, argument in TAG.findall(source):
        if kind == "load":
            words = argument.split()
            libraries = words[words.index("from") + 1 :] if "from" in words else words
            found += [(f"load {library}", tag_library_owner(library)) for library in libraries]
        else:
            name = re.match(r"""^["']([^"']+)["']""", argument)
            if name:  # a literal name (a variable's target is not known here)
                found.append((f"{kind} {name.group(1)}", template_owner(name.group(1))))
    return found


def allowed(app, used):
    if used is None or used == app:
        return True
    return LAYERS[used] < LAYERS[app]


def violations(app, source):
    return [(what, used) for what, used in arrows(source) if not allowed(app, used)]


def templates():
    for app in LAYERS:
        for path in sorted((ROOT / app / "templates").rglob("*")):
            if path.is_file() and path.suffix in {".html", ".txt", ".xml", ".svg"}:
                yield app, path


def test_no_template_uses_a_higher_layer():
    found = []
    for app, path in templates():
        for what, used in violations(app, path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(ROOT)}: {what} (from {used})")
    assert found == []


@pytest.mark.parametrize(
    ("app", "source"),
    [
        ("network_site", "{% load i18n portal_tags %}"),
        ("network_site", '{% include "members/portal/_organization_panel.html" %}'),
        ("members", '{% extends "home/home_page.html" %}'),
        ("meetings", '{% include "commitments/includes/profile_section.html" %}'),
    ],
)
def test_the_check_finds_an_arrow_upwards(app, source):
    assert violations(app, source)


def test_the_check_lets_apps_use_lower_layers():
    assert not violations("members", '{% extends "portal/base.html" %}{% load i18n site_tags %}')
    assert not violations("home", '{% load portal_tags %}{% include "members/portal/_organization_panel.html" %}')
