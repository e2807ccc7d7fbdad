"""Fixtures and helpers of the member-portal tests (imported by tests/members/test_portal_*.py)."""

import pytest

from django.core.cache import cache

from wagtail import hooks

from members.models import PortalRole
from tests.members.factories import PersonFactory, PortalAccountFactory
from tests.network_site.factories import UserFactory

PASSWORD = "clave-de-prueba-123"


@pytest.fixture(autouse=True)
def clear_rate_limits():
    """allauth's login throttling counts in the cache: start every test from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def members_hooks_only(monkeypatch):
    """Only the members app's (and the tests') dashboard panels and menu items; other apps test theirs."""
    original = hooks.get_hooks

    def get_hooks(name):
        found = original(name)
        if name in ("portal_dashboard_panels", "portal_menu_items"):
            return [fn for fn in found if fn.__module__.startswith(("members.", "tests."))]
        return found

    monkeypatch.setattr(hooks, "get_hooks", get_hooks)


@pytest.fixture
def other_person(other_organization):
    return PersonFactory(organization=other_organization, name="Persona Ajena", email="ajena@otra.example.org")


@pytest.fixture
def other_colleague(other_organization):
    return PortalAccountFactory(
        organization=other_organization, role=PortalRole.CONTRIBUTOR, user=UserFactory(email="colega@otra.example.org")
    )


@pytest.fixture
def person(organization):
    return PersonFactory(organization=organization, name="Ana Propia", email="ana@propia.example.org")


@pytest.fixture
def colleague(organization):
    return PortalAccountFactory(
        organization=organization, role=PortalRole.CONTRIBUTOR, user=UserFactory(email="colega@propia.example.org")
    )


def login_as(client, user):
    client.force_login(user)
    return client
