from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from allauth.account import forms as allauth_forms
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context

from django.conf import settings
from django.urls import reverse

from network_site.links import absolute_url, base_url
from network_site.networks import secretariat
from network_site.security import is_staff_user


def network_name(request=None):
    """The network's name as its e-mails and pages say it.

    The network being worked for (the request's: its Site's network), else WAGTAIL_SITE_NAME.
    """
    return secretariat().network_name


class AccountAdapter(DefaultAccountAdapter):
    """Portal accounts come from approved applications and invitations: no open sign-up.

    Staff log in through the same form (rate-limited, with MFA) and land in the admin.

    Account e-mails (password reset, unknown account, e-mail confirmation and every notification
    of a change) speak in the network's name and voice, in the language of the request that asked
    for them, signed by the secretariat (members/templates/account/email/), with links built from
    settings.BASE_URL (network_site.links) instead of the host name the request came in by.
    """

    def is_open_for_signup(self, request):
        return False

    def login(self, request, user):
        """Log in; a staff member's session lasts ``settings.STAFF_SESSION_AGE`` seconds (8 hours),
        a member's the site's ``SESSION_COOKIE_AGE`` (two weeks)."""
        super().login(request, user)
        if is_staff_user(user):
            request.session.set_expiry(settings.STAFF_SESSION_AGE)

    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff and not hasattr(user, "portal_account"):
            return "/admin/"
        return super().get_login_redirect_url(request)

    # --- E-mails ---------------------------------------------------------------------------------

    def email_context(self, request=None):
        """What every account e-mail shows: the network, its secretariat and the portal's address."""
        name = network_name(request)
        return {
            "network_name": name,
            "secretariat_name": secretariat().name,
            "secretariat_email": secretariat().reply_to,
            "portal_url": absolute_url("/portal/"),
            # allauth's own templates say current_site.name / .domain: never the request's host
            "current_site": SimpleNamespace(name=name, domain=urlsplit(base_url()).netloc),
        }

    def send_mail(self, template_prefix, email, context):
        request = allauth_context.request
        context = {"request": request, "email": email, **self.email_context(request), **context}
        message = self.render_mail(template_prefix, email, context)
        if context["secretariat_email"]:
            message.reply_to = [context["secretariat_email"]]
        message.send()

    def format_email_subject(self, subject):
        return f"[{network_name(allauth_context.request)}] {subject}"

    def get_reset_password_from_key_url(self, key):
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def get_email_confirmation_url(self, request, emailconfirmation):
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))


class LoginForm(allauth_forms.LoginForm):
    """allauth's login form; a staff member's session is kept ``settings.STAFF_SESSION_AGE`` seconds.

    allauth sets the session's age after logging in ("remember me": SESSION_COOKIE_AGE, else until
    the browser closes), so the staff's shorter age is set again here. With a second factor the
    login ends later, in ``AccountAdapter.login``.
    """

    def login(self, request, redirect_url=None):
        response = super().login(request, redirect_url)
        if is_staff_user(request.user):
            request.session.set_expiry(settings.STAFF_SESSION_AGE)
        return response


def vouch_for_the_accounts_own_address(sender, instance, **kwargs):
    """An account's own e-mail address is recorded verified (``pre_save`` of allauth's EmailAddress).

    There is no sign-up: every account's address was given by the secretariat (an approved
    application, an invitation) and proved by the invitation link. allauth records it lazily,
    unverified, the first time it needs it, e.g. when anyone asks for a password reset for it;
    an unverified record stops the user activating two-factor authentication (allauth's
    protection against someone who signs up with another's address, which cannot happen here).
    """
    if instance._state.adding and not instance.verified and instance.user_id:
        own = (instance.user.email or "").strip().lower()
        if own and instance.email.strip().lower() == own:
            instance.verified = True
