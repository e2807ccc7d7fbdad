"""Where each page type may be created."""

import pytest

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import DocumentLibraryPage, HomePage, NewsIndexPage, NewsPage, StandardPage


@pytest.mark.django_db
class TestWhereEachPageTypeMayBeCreated(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)
        self.assertCanNotCreateAt(NewsIndexPage, HomePage)

    def test_home_page_accepts_the_sites_sections(self):
        for page_type in (StandardPage, NewsIndexPage, DocumentLibraryPage):
            self.assertCanCreateAt(HomePage, page_type)
        self.assertCanNotCreateAt(HomePage, NewsPage)

    def test_standard_pages_nest(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanCreateAt(StandardPage, DocumentLibraryPage)
        self.assertCanNotCreateAt(StandardPage, NewsIndexPage)

    def test_news_live_only_in_a_news_index(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanNotCreateAt(StandardPage, NewsPage)

    def test_document_library_has_no_children(self):
        self.assertAllowedParentPageTypes(DocumentLibraryPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(DocumentLibraryPage, set())

    def test_home_page_subpage_types_are_not_restricted(self):
        """Other apps add their own page types under the home page."""
        assert "subpage_types" not in HomePage.__dict__
