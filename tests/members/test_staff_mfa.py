"""Staff enrol an authenticator app (TOTP) before the admin; staff sessions are shorter.

The requirement is off in the test settings (most tests force_login staff and open the admin):
these tests turn it on. The codes are computed as an authenticator app does, with allauth's
own TOTP functions.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.test import override_settings
from django.urls import reverse

from network_site.security import STAFF_MFA_NEXT_SESSION_KEY
from tests.network_site.factories import NetworkStaffUserFactory, StaffUserFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "clave-de-prueba-123"
ACTIVATE = "/portal/account/2fa/totp/activate/"
mfa_required = override_settings(STAFF_MFA_REQUIRED=True)


@pytest.fixture(autouse=True)
def _no_login_throttle():
    from django.core.cache import cache

    cache.clear()


def current_code(secret):
    """The code an authenticator app shows now for ``secret``."""
    counter = list(yield_hotp_counters_from_time())[len(list(yield_hotp_counters_from_time())) // 2]
    return format_hotp_value(hotp_value(secret, counter))


def with_totp(user):
    TOTP.activate(user, generate_totp_secret())
    return user


def log_in(client, email, password=PASSWORD, remember=False):
    data = {"login": email, "password": password}
    if remember:
        data["remember"] = "on"
    return client.post(reverse("account_login"), data)


def open_activation(client, password=PASSWORD):
    """GET the activation page; allauth first asks for the password again (reauthentication)."""
    response = client.get(ACTIVATE)
    if response.status_code == 302 and response["Location"].startswith(reverse("account_reauthenticate")):
        response = client.post(response["Location"], {"password": password})
        assert response.status_code == 302
        assert response["Location"] == ACTIVATE
        response = client.get(ACTIVATE)
    assert response.status_code == 200
    return response


def test_the_activation_page_is_where_the_redirect_goes():
    assert reverse("mfa_activate_totp") == ACTIVATE


@mfa_required
@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/members/organization/"])
def test_staff_without_totp_are_sent_to_activate_it_and_told_why(client, path):
    staff = StaffUserFactory()
    client.force_login(staff)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE
    assert client.session[STAFF_MFA_NEXT_SESSION_KEY] == path
    [message] = list(get_messages(response.wsgi_request))
    assert "segundo factor" in str(message)  # in the site's language: why, and what to do
    assert "aplicación de autenticación" in str(message)


@mfa_required
def test_network_staff_and_admin_access_through_a_group_count_as_staff(client):
    client.force_login(NetworkStaffUserFactory())
    assert client.get("/admin/")["Location"] == ACTIVATE
    editor = UserFactory()  # not is_staff, but Wagtail lets them in through a group
    group = Group.objects.create(name="Editores")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    assert client.get("/admin/")["Location"] == ACTIVATE


@mfa_required
def test_staff_with_totp_reach_the_admin(client):
    client.force_login(with_totp(StaffUserFactory()))
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


@mfa_required
def test_logout_stays_open_without_totp(client):
    client.force_login(StaffUserFactory())
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert response["Location"] != ACTIVATE


@mfa_required
def test_members_are_not_asked_for_totp(client, representative):
    client.force_login(representative)
    response = client.get("/admin/")
    assert response.get("Location") != ACTIVATE  # Wagtail sends them to the login, not to MFA
    assert client.get("/portal/").status_code == 200


@override_settings(STAFF_MFA_REQUIRED=False)
def test_the_setting_turns_it_off(client):
    client.force_login(StaffUserFactory())
    assert client.get("/admin/").status_code == 200


@mfa_required
def test_enrolment_leads_back_to_the_admin(client):
    staff = StaffUserFactory(email="secretaria.nueva@example.org")
    assert log_in(client, staff.email).status_code == 302
    response = client.get("/admin/pages/")
    assert response["Location"] == ACTIVATE
    page = client.get(ACTIVATE)
    assert page["Location"].startswith(reverse("account_reauthenticate"))  # allauth: the password again
    page = open_activation(client)
    assert "pide al personal un segundo factor" in page.content.decode()  # the message says why
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(ACTIVATE, {"code": current_code(secret)})
    assert response.status_code == 302, response.context["form"].errors
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    codes_page = client.get(response["Location"])
    assert codes_page.status_code == 200
    assert 'href="/admin/pages/"' in codes_page.content.decode()
    assert client.get("/admin/pages/").status_code == 200
    assert STAFF_MFA_NEXT_SESSION_KEY not in client.session


@mfa_required
def test_enrolment_refuses_a_wrong_code(client):
    staff = StaffUserFactory()
    client.force_login(staff)
    open_activation(client)
    secret = client.session[SECRET_SESSION_KEY]
    wrong = f"{(int(current_code(secret)) + 1) % 10**6:06d}"
    assert client.post(ACTIVATE, {"code": wrong}).status_code == 200
    assert client.get("/admin/")["Location"] == ACTIVATE


# --- An anonymous password reset must not block the enrolment --------------------------------------


def test_a_password_reset_request_does_not_block_a_later_enrolment(client, mailoutbox):
    staff = StaffUserFactory(email="secretaria.reset@example.org")
    response = client.post(reverse("account_reset_password"), {"email": staff.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    client.force_login(staff)
    open_activation(client)
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(ACTIVATE, {"code": current_code(secret)})
    assert response.status_code == 302, response.context["form"].errors
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()


def test_the_accounts_own_address_is_recorded_verified_another_is_not():
    staff = StaffUserFactory(email="Secretaria.Propia@example.org")
    assert EmailAddress.objects.create(user=staff, email="secretaria.propia@example.org").verified
    assert not EmailAddress.objects.create(user=staff, email="otra@example.org").verified


def test_the_migration_verifies_the_own_addresses_recorded_before(django_db_setup):
    from importlib import import_module

    from django.apps import apps

    staff = StaffUserFactory(email="secretaria.antigua@example.org")
    EmailAddress.objects.bulk_create([EmailAddress(user=staff, email=staff.email, verified=False)])  # no signal
    other = EmailAddress.objects.create(user=staff, email="otra.antigua@example.org")
    import_module("members.migrations.0007_own_addresses_verified").verify_own_addresses(apps, None)
    assert EmailAddress.objects.get(email=staff.email).verified
    other.refresh_from_db()
    assert not other.verified


# --- Session ages -------------------------------------------------------------------------------------


@pytest.mark.parametrize("remember", [True, False])
def test_a_staff_session_lasts_eight_hours(client, remember):
    staff = StaffUserFactory(email="secretaria.sesion@example.org")
    assert log_in(client, staff.email, remember=remember).status_code == 302
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_AGE == 8 * 60 * 60
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 8 * 60 * 60


def test_a_members_session_lasts_two_weeks(client, representative):
    assert log_in(client, representative.email, remember=True).status_code == 302
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 14 * 24 * 60 * 60


def test_a_staff_session_after_the_second_factor_lasts_eight_hours(client):
    staff = with_totp(StaffUserFactory(email="secretaria.mfa@example.org"))
    response = log_in(client, staff.email, remember=True)
    assert response["Location"] == reverse("mfa_authenticate")
    secret = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP).wrap().instance.data["secret"]
    from allauth.mfa.utils import decrypt

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(decrypt(secret))})
    assert response.status_code == 302
    assert client.session.get_expiry_age() == settings.STAFF_SESSION_AGE
