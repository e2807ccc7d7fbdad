import pytest

from django.contrib.auth.models import Group, Permission

from wagtail.models import Page, Site

from network_site.networks import REGIONAL_GROUP
from practices.models import GoodPracticeLibraryPage
from tests.network_site.factories import NetworkStaffUserFactory, StaffUserFactory


def give(user, *codenames):
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
    return user


@pytest.fixture
def regional_site(db):
    """The regional site (a Site no network owns) at regional.localhost, its root a plain page."""
    root = Page.get_first_root_node().add_child(instance=Page(title="Iniciativa regional", slug="regional"))
    return Site.objects.create(hostname="regional.localhost", port=80, root_page=root, site_name="Iniciativa regional")


def _library(parent, slug="buenas-practicas"):
    page = GoodPracticeLibraryPage(title="Biblioteca de buenas prácticas", slug=slug, per_page=2)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def library(regional_site):
    return _library(regional_site.root_page)


@pytest.fixture
def national_library(default_network):
    return _library(Site.objects.get(is_default_site=True).root_page, slug="buenas-practicas-cr")


@pytest.fixture
def regional_staff(db):
    user = NetworkStaffUserFactory(email="equipo.regional@example.org")
    user.groups.add(Group.objects.get_or_create(name=REGIONAL_GROUP)[0])
    return give(user, "view_goodpractice", "change_goodpractice", "add_goodpractice")


@pytest.fixture
def national_staff(db):
    return give(
        NetworkStaffUserFactory(email="secretaria.cr@example.org"),
        "view_goodpractice",
        "change_goodpractice",
        "add_goodpractice",
    )


@pytest.fixture
def superuser(db):
    return StaffUserFactory(email="admin@example.org")
