"""Every app's Spanish catalogue (Spanish is the default language) is complete and well-formed."""

import subprocess
from pathlib import Path

import pytest

from django.utils import translation
from django.utils.translation import ngettext

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(ROOT.glob("*/locale/es/LC_MESSAGES/django.po"))


def test_every_app_has_a_spanish_catalogue():
    apps = {path.parts[-5] for path in CATALOGUES}
    assert {"network_site", "home", "members", "commitments", "supplychain", "meetings"} <= apps


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-5])
def test_spanish_catalogue_is_complete(path):
    text = path.read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"' in text
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(path)], capture_output=True, text=True, check=True
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert untranslated.count("msgid ") <= 1, untranslated[:2000]  # only the header may be listed
    assert fuzzy.count("msgid ") <= 1, fuzzy[:2000]


@pytest.mark.parametrize("count", [0, 1, 2, 7])
def test_plurals_are_spanish_for_every_count(count):
    with translation.override("es"):
        text = ngettext("%(counter)s open action item", "%(counter)s open action items", count)
    assert text == ("%(counter)s acción abierta" if count == 1 else "%(counter)s acciones abiertas")
