# ruff: noqa: F811  (pytest fixtures imported from tests/members/portal_support.py are redefined as test arguments)
"""Invitations: a one-time, expiring link to set a password, which logs in and lands on the dashboard."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from wagtail.models import ModelLogEntry

from members.invitations import EXPIRED, INVALID, VALID, invitation_token_generator, send_invitation
from members.models import PortalRole
from tests.members.factories import PortalAccountFactory
from tests.members.portal_support import clear_rate_limits, members_hooks_only  # noqa: F401 (fixtures)
from tests.network_site.factories import UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Semilla-de-cacao-2024"


@pytest.fixture
def invited(organization):
    user = UserFactory(email="nueva@propia.example.org", first_name="Rosa", password=None)
    user.set_unusable_password()
    user.save()
    PortalAccountFactory(user=user, organization=organization, role=PortalRole.REPRESENTATIVE)
    return user


def invitation_link(mail):
    return re.search(r"http://testserver(/portal/invitation/[^\s]+/)", mail.body).group(1)


def accept(client, link, password=NEW_PASSWORD, confirmation=None):
    response = client.get(link)
    assert response.status_code == 302  # the token moves from the URL to the session
    form_url = response["Location"]
    assert "set-password" in form_url
    return client.post(form_url, {"new_password1": password, "new_password2": confirmation or password})


def test_send_invitation_emails_a_link_in_spanish_and_logs_it(invited, organization, staff_user, mailoutbox):
    send_invitation(invited, invited_by=staff_user)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    url = invitation_link(mail)
    assert mail.to == ["nueva@propia.example.org"]
    assert organization.short_name in mail.subject
    assert "Hola, Rosa:" in mail.body
    assert "Representante" in mail.body
    assert url in mail.body
    assert "vence en 7 días" in mail.body
    assert mail.alternatives  # an HTML part too
    entry = ModelLogEntry.objects.get(action="members.invitation_sent")
    assert entry.user == staff_user
    assert entry.data["organization_id"] == organization.pk


def test_accepting_sets_the_password_logs_in_and_lands_on_the_dashboard(
    members_hooks_only, client, invited, mailoutbox
):
    send_invitation(invited)
    link = invitation_link(mailoutbox[0])
    page = client.get(client.get(link)["Location"])
    assert page.status_code == 200
    assert "Elija su contraseña" in page.content.decode()
    assert "nueva@propia.example.org" in page.content.decode()

    response = accept(client, link)
    assert response.status_code == 302
    assert response["Location"] == reverse("members_portal:dashboard")
    invited.refresh_from_db()
    assert invited.check_password(NEW_PASSWORD)
    dashboard = client.get(reverse("members_portal:dashboard"))
    assert dashboard.status_code == 200
    assert dashboard.wsgi_request.user == invited
    assert ModelLogEntry.objects.filter(action="members.invitation_accepted", user=invited).exists()


def test_the_link_works_only_once(client, invited, mailoutbox):
    send_invitation(invited)
    link = invitation_link(mailoutbox[0])
    accept(client, link)
    client.logout()
    response = client.get(link)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Este enlace de invitación ya no es válido" in html
    assert "Ya se usó" in html
    assert reverse("account_reset_password") in html


def test_an_expired_link_says_so_and_how_to_get_a_new_one(client, invited, mailoutbox):
    send_invitation(invited)
    link = invitation_link(mailoutbox[0])
    with override_settings(PORTAL_INVITATION_TIMEOUT=-1):
        response = client.get(link)
    html = response.content.decode()
    assert "Este enlace de invitación ha vencido" in html
    assert reverse("account_reset_password") in html
    assert "envíe de nuevo la invitación" in html
    invited.refresh_from_db()
    assert not invited.has_usable_password()


def test_token_status_distinguishes_valid_expired_and_invalid(invited):
    token = invitation_token_generator.make_token(invited)
    assert invitation_token_generator.token_status(invited, token) == VALID
    with override_settings(PORTAL_INVITATION_TIMEOUT=-1):
        assert invitation_token_generator.token_status(invited, token) == EXPIRED
    assert invitation_token_generator.token_status(invited, token[:-1] + "x") == INVALID
    assert invitation_token_generator.token_status(invited, "basura") == INVALID
    # A password-reset token of Django is not an invitation token (different salt).
    from django.contrib.auth.tokens import default_token_generator

    assert invitation_token_generator.token_status(invited, default_token_generator.make_token(invited)) == INVALID


def test_a_tampered_link_is_refused(client, invited, mailoutbox):
    send_invitation(invited)
    link = invitation_link(mailoutbox[0])
    response = client.get(link[:-3] + "zz/")
    assert "ya no es válido" in response.content.decode()


def test_an_unknown_user_gets_the_invalid_link_page(client):
    response = client.get(reverse("members_portal:invitation_accept", args=["bm9wZQ", "abc-def"]))
    assert "ya no es válido" in response.content.decode()


def test_the_set_password_page_without_a_token_in_the_session_is_refused(client, invited, mailoutbox):
    send_invitation(invited)
    link = invitation_link(mailoutbox[0])
    form_url = re.sub(r"/[^/]+/$", "/set-password/", link)
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert "ya no es válido" in response.content.decode()
    invited.refresh_from_db()
    assert not invited.has_usable_password()


@pytest.mark.parametrize(
    ("password", "confirmation", "message"),
    [
        ("corta", None, "demasiado corta"),
        ("1234567890123", None, "completamente numérica"),
        ("password1234", None, "demasiado común"),
        (NEW_PASSWORD, "Otra-clave-distinta-9", "no coinciden"),
    ],
)
def test_weak_or_mismatched_passwords_are_refused_next_to_the_field(
    client, invited, mailoutbox, password, confirmation, message
):
    send_invitation(invited)
    response = accept(client, invitation_link(mailoutbox[0]), password, confirmation)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'class="field__errors"' in html
    invited.refresh_from_db()
    assert not invited.has_usable_password()
    assert "_auth_user_id" not in client.session


def test_a_removed_colleagues_link_no_longer_works(client, invited, mailoutbox):
    send_invitation(invited)
    link = invitation_link(mailoutbox[0])
    invited.portal_account.delete()
    invited.is_active = False
    invited.save()
    response = client.get(link)
    assert "ya no es válido" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_invited_user_can_then_log_in_with_email_and_password(client, invited, mailoutbox):
    send_invitation(invited)
    accept(client, invitation_link(mailoutbox[0]))
    client.logout()
    response = client.post(reverse("account_login"), {"login": "nueva@propia.example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/portal/"
    assert get_user_model().objects.get(email="nueva@propia.example.org").last_login is not None
