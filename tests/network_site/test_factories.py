import pytest

from tests.network_site.factories import StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_user_factory_builds_a_user_who_can_log_in(client):
    user = UserFactory()
    assert user.email.endswith("@example.org") and user.first_name and user.last_name
    assert not user.is_staff
    assert client.login(email=user.email, password="clave-de-prueba-123")


def test_user_factory_reuses_a_user_by_email():
    assert UserFactory(email="misma@example.org") == UserFactory(email="misma@example.org")


def test_staff_user_factory_builds_a_superuser():
    user = StaffUserFactory()
    assert user.is_staff and user.is_superuser
