import pytest

from django.core.cache import cache

from wagtail.models import Page, Site

from members.models import JoinPage, MemberDirectoryPage


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_root(db):
    site = Site.objects.get(is_default_site=True)
    return site.root_page.specific


def _child(parent, model, **fields):
    existing = model.objects.child_of(parent).first()
    if existing:
        return existing
    page = model(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def join_page(site_root):
    return _child(
        site_root,
        JoinPage,
        title="Únase a la Red",
        slug="unase",
        principles="<p>Principios de la Red.</p>",
    )


@pytest.fixture
def directory_page(site_root):
    return _child(site_root, MemberDirectoryPage, title="Miembros", slug="miembros", per_page=5)


@pytest.fixture
def page_url():
    def url(page, suffix=""):
        return Page.objects.get(pk=page.pk).specific.url + suffix

    return url
