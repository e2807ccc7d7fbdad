"""What the board declares to the core: the models public pages show (the page cache moves on)."""

import pytest

from network_site import page_cache
from tests.cooperation.factories import ActivityFactory, DemandFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def generation_file(settings, tmp_path):
    settings.CACHE_GENERATION_FILE = str(tmp_path / "cache-generation")
    page_cache.public_models.cache_clear()
    yield
    page_cache.public_models.cache_clear()


def test_the_boards_records_move_the_page_cache_on(generation_file, agreement_ab):
    declared = page_cache.public_models()
    for label in ("cooperationdemand", "cooperationoffer", "cooperationagreement", "cooperationactivity"):
        assert f"cooperation.{label}" in declared
    assert "cooperation.activityupdate" not in declared  # follow-up notes are not public
    before = page_cache.generation()
    DemandFactory()
    assert page_cache.generation() != before
    before = page_cache.generation()
    ActivityFactory(agreement=agreement_ab)
    assert page_cache.generation() != before
