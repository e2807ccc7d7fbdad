# ruff: noqa: F811  (pytest fixtures imported from tests/members/portal_support.py are redefined as test arguments)
"""Log in, throttling, password reset and change, log out and MFA pages (django-allauth, in the site's look)."""

import re

import pytest

from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tests.helpers import speak
from tests.members.portal_support import PASSWORD, clear_rate_limits, members_hooks_only  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

LOGIN = "/portal/account/login/"


def test_login_page_is_in_spanish_with_labels_and_the_site_layout(client):
    assert reverse("account_login") == LOGIN
    html = client.get(LOGIN).content.decode()
    assert "Ingresar al portal de miembros" in html
    assert '<label for="id_login">' in html
    assert '<label for="id_password">' in html
    assert "css/portal.css" in html
    assert 'class="skip-link"' in html  # the site's base layout
    assert reverse("account_reset_password") in html


def test_representative_logs_in_with_email_and_password(client, representative):
    response = client.post(LOGIN, {"login": representative.email.upper(), "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/portal/"
    assert client.session["_auth_user_id"] == str(representative.pk)


def test_a_wrong_password_shows_a_clear_error_and_keeps_the_email(client, representative):
    response = client.post(LOGIN, {"login": representative.email, "password": "equivocada"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "El correo electrónico o la contraseña no son correctos." in html
    assert f'value="{representative.email}"' in html
    assert "_auth_user_id" not in client.session


def test_login_is_throttled_after_five_failures(client, representative):
    for _attempt in range(5):
        client.post(LOGIN, {"login": representative.email, "password": "equivocada"})
    response = client.post(LOGIN, {"login": representative.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # even the right password is refused for a while
    assert "Demasiados intentos fallidos. Inténtelo más tarde." in response.content.decode()


def test_throttling_is_per_account_too(client, representative, other_representative):
    for _attempt in range(5):
        client.post(LOGIN, {"login": representative.email, "password": "equivocada"})
    other_client = client.__class__(REMOTE_ADDR="10.0.0.9")
    response = other_client.post(LOGIN, {"login": representative.email, "password": PASSWORD})
    assert "_auth_user_id" not in other_client.session
    assert "Demasiados intentos fallidos" in response.content.decode()


def test_there_is_no_open_sign_up(client):
    response = client.get(reverse("account_signup"))
    html = response.content.decode()
    assert "Registro cerrado" in html


def test_password_reset_by_email(client, representative, mailoutbox):
    page = client.get(reverse("account_reset_password"))
    assert '<label for="id_email">' in page.content.decode()
    response = client.post(reverse("account_reset_password"), {"email": representative.email})
    assert response.status_code == 302
    done = client.get(response["Location"]).content.decode()
    assert "le hemos enviado un enlace" in done
    assert len(mailoutbox) == 1
    link = re.search(r"https?://[^/\s]+(/portal/account/password/reset/key/[^\s]+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"password1": "Nueva-clave-segura-77", "password2": "Nueva-clave-segura-77"})
    assert response.status_code == 302
    representative.refresh_from_db()
    assert representative.check_password("Nueva-clave-segura-77")
    # The link works once.
    again = client.get(link)
    assert again.status_code == 200  # the used key's page itself says so
    assert "Hay un problema con el token" in again.content.decode()


def test_password_reset_for_an_unknown_address_reveals_nothing(client, representative, mailoutbox, default_network):
    response = client.post(reverse("account_reset_password"), {"email": "nadie@example.org"})
    assert response.status_code == 302
    assert mailoutbox == [] or "nadie@example.org" in mailoutbox[0].to
    # The page says the same as for a known address; only the address's owner learns there is no account.
    known = client.post(reverse("account_reset_password"), {"email": representative.email})
    assert response["Location"] == known["Location"] == reverse("account_reset_password_done")
    unknown, reset = mailoutbox
    assert unknown.to == ["nadie@example.org"]
    assert unknown.subject == f"[{default_network.name}] No hay una cuenta del portal con esta dirección"
    assert "Únase" not in unknown.body and "/signup/" not in unknown.body  # no sign-up to offer
    assert "/password/reset/key/" not in unknown.body
    assert reset.to == [representative.email] and "/password/reset/key/" in reset.body


def test_password_change_lives_in_the_portal_layout(members_hooks_only, representative_client):
    html = representative_client.get(reverse("account_change_password")).content.decode()
    assert 'class="portal-nav"' in html
    assert '<label for="id_oldpassword">' in html


def test_weak_new_password_is_refused_by_the_validators(representative_client, representative):
    response = representative_client.post(
        reverse("account_change_password"), {"oldpassword": PASSWORD, "password1": "123", "password2": "123"}
    )
    assert response.status_code == 200
    assert 'class="field__errors"' in response.content.decode()
    representative.refresh_from_db()
    assert representative.check_password(PASSWORD)


def test_log_out_by_post(representative_client):
    page = representative_client.get(reverse("account_logout"))
    assert "¿Seguro que desea cerrar sesión?" in page.content.decode()
    response = representative_client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in representative_client.session


def test_mfa_pages_need_a_login(client):
    response = client.get(reverse("mfa_index"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_mfa_pages_are_reachable_from_the_portal(members_hooks_only, representative_client):
    html = representative_client.get(reverse("members_portal:dashboard")).content.decode()
    assert reverse("mfa_index") in html
    mfa = representative_client.get(reverse("mfa_index"))
    assert mfa.status_code == 200
    page = mfa.content.decode()
    assert "Autenticación de doble factor" in page
    assert reverse("mfa_activate_totp") in page


def test_staff_can_open_the_mfa_page(staff_client):
    response = staff_client.get(reverse("mfa_index"))
    assert response.status_code == 200
    assert reverse("mfa_activate_totp") in response.content.decode()


def test_an_invited_user_whose_link_expired_can_get_a_new_one_by_password_reset(client, organization, mailoutbox):
    from members.models import PortalRole
    from tests.members.factories import PortalAccountFactory
    from tests.network_site.factories import UserFactory

    user = UserFactory(email="caducada@propia.example.org", password=None)
    user.set_unusable_password()
    user.save()
    PortalAccountFactory(user=user, organization=organization, role=PortalRole.CONTRIBUTOR)
    client.post(reverse("account_reset_password"), {"email": "caducada@propia.example.org"})
    assert [m.to for m in mailoutbox] == [["caducada@propia.example.org"]]
    assert "/portal/account/password/reset/key/" in mailoutbox[0].body


# --- Account e-mails: the network's name and voice, in the user's language ---------------------

NETWORK = "Red de Empresas contra el Trabajo Infantil de Costa Rica"
ORIGIN = "https://red-empresas.cr.test"
HOSTS = ("127.0.0.1", "testserver", "example.com", "localhost")


@pytest.fixture
def named_network(default_network):
    """The default network under the name the e-mails must say (the name lives in the network)."""
    default_network.name = NETWORK
    default_network.save()
    return default_network


@pytest.mark.parametrize(
    ("language", "subject", "greeting", "ask"),
    [
        (
            "es",
            "Elija una contraseña nueva para el portal de miembros",
            f"Le saludamos desde el portal de miembros de la {NETWORK}.",
            "Siga este enlace para elegirla",
        ),
        (
            "en",
            "Set a new password for the member portal",
            f"Hello from the member portal of {NETWORK}.",
            "Follow this link to choose it",
        ),
    ],
)
@override_settings(
    BASE_URL=ORIGIN,
    SECRETARIAT_NAME="Secretaría técnica de la Red",
    SECRETARIAT_REPLY_TO="secretaria.red@mtss.cr.test",
    ALLOWED_HOSTS=["127.0.0.1"],
)
def test_password_reset_email_speaks_for_the_network_in_the_users_language(
    client, representative, language, subject, greeting, ask, named_network
):
    client = client.__class__(HTTP_HOST="127.0.0.1:8301")  # the host of the complaint
    speak(client, language)
    response = client.post(reverse("account_reset_password"), {"email": representative.email})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.subject == f"[{NETWORK}] {subject}"
    body = message.body
    assert body.startswith(greeting)
    assert ask in body
    assert "Secretaría técnica de la Red" in body and NETWORK in body
    assert message.reply_to == ["secretaria.red@mtss.cr.test"]
    link = re.search(r"\S+/portal/account/password/reset/key/\S+/", body).group(0)
    assert link.startswith(ORIGIN + "/portal/account/password/reset/key/")
    assert f"{ORIGIN}/portal/" in body
    for host in HOSTS:
        assert host not in message.subject and host not in body, host
    # the link works
    assert client.get(link.removeprefix(ORIGIN)).status_code == 302


@override_settings(BASE_URL=ORIGIN, ACCOUNT_EMAIL_NOTIFICATIONS=True)
def test_notifications_of_account_changes_name_the_network(representative_client, representative, named_network):
    from allauth.account.adapter import get_adapter
    from allauth.core import context

    from django.test import RequestFactory

    request = RequestFactory().get("/portal/", REMOTE_ADDR="203.0.113.7")
    request.user = representative
    with context.request_context(request), translation.override("es"):  # the request's language
        get_adapter(request).send_notification_mail("account/email/password_changed", representative)
    (message,) = mail.outbox
    assert message.subject.startswith(f"[{NETWORK}] ")
    assert f"portal de miembros de la {NETWORK}" in message.body
    for host in HOSTS:
        assert host not in message.body, host
