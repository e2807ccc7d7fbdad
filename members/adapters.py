from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context

from django.urls import reverse

from network_site.links import absolute_url, base_url
from network_site.networks import secretariat


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
