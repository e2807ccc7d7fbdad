"""The open data's dictionary page: its example URLs read as typed (`&sector=`, never `§or`)."""

import html
import re

import pytest

from django.urls import reverse

from tests.helpers import speak

pytestmark = pytest.mark.django_db


def visible_text(content):
    """What a browser shows: tags dropped, entities decoded (as `&sect` becomes "§")."""
    return html.unescape(re.sub(r"<[^>]+>", " ", content))


@pytest.mark.parametrize("language", ["es", "en"])
def test_example_urls_keep_their_ampersands(client, language):
    response = speak(client, language).get(reverse("commitments:data_dictionary"))
    assert response.status_code == 200
    content = response.content.decode()
    text = visible_text(content)
    assert "?year=2024&sector=agriculture&area=education" in text
    assert reverse("commitments:aggregates_csv") + "?year=2024&sector=" in text
    assert "§" not in text
    assert re.search(r"&(?!amp;|quot;|#|lt;|gt;|nbsp;)[a-z]+", content.split("<main", 1)[-1]) is None, (
        "a bare & in the page's HTML"
    )
