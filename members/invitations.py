"""Invitations to the member portal: a one-time, expiring link to set a password.

    from members.invitations import send_invitation
    send_invitation(user, invited_by=request.user)

The user must already have a `PortalAccount` (and usually an unusable password). The link,
``/portal/invitation/<uidb64>/<token>/``, is built on Django's password-reset tokens with
their own salt: it expires after ``settings.PORTAL_INVITATION_TIMEOUT`` seconds (7 days
unless configured) and works once, since its hash covers the password and the last login,
both of which change when the invitation is accepted.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from wagtail.log_actions import log

from network_site.emails import send_templated_email
from network_site.links import absolute_url

DEFAULT_TIMEOUT = 7 * 24 * 60 * 60

VALID, EXPIRED, INVALID = "valid", "expired", "invalid"


def invitation_timeout():
    """Seconds an invitation link stays valid."""
    return int(getattr(settings, "PORTAL_INVITATION_TIMEOUT", DEFAULT_TIMEOUT))


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Password-reset tokens with their own salt and timeout, able to tell "expired" from "invalid"."""

    key_salt = "members.invitations.InvitationTokenGenerator"

    def token_status(self, user, token):
        if not (user and token):
            return INVALID
        try:
            ts_b36, _hash = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return INVALID
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token):
                break
        else:
            return INVALID  # forged, or already used (the password or last login changed)
        if self._num_seconds(self._now()) - timestamp > invitation_timeout():
            return EXPIRED
        return VALID

    def check_token(self, user, token):
        return self.token_status(user, token) == VALID


invitation_token_generator = InvitationTokenGenerator()


def invitation_path(user):
    """The path of a fresh invitation link for `user`."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = invitation_token_generator.make_token(user)
    return reverse("members_portal:invitation_accept", kwargs={"uidb64": uidb64, "token": token})


def send_invitation(user, *, invited_by=None, language=None):
    """E-mail `user` a one-time link to set a password and enter the portal; returns the link.

    Recorded in the audit log (``members.invitation_sent``) against the user's portal account.
    """
    account = user.portal_account
    url = absolute_url(invitation_path(user))
    timeout_days = max(1, invitation_timeout() // (24 * 60 * 60))
    send_templated_email(
        "members/emails/invitation",
        {
            "user": user,
            "account": account,
            "organization": account.organization,
            "invited_by": invited_by if getattr(invited_by, "is_authenticated", False) else None,
            "invitation_url": url,
            "timeout_days": timeout_days,
            "login_url": absolute_url(reverse("account_login")),
        },
        to=[user.email],
        language=language or settings.LANGUAGE_CODE,
    )
    log(
        instance=account,
        action="members.invitation_sent",
        user=invited_by if getattr(invited_by, "is_authenticated", False) else None,
        data={"email": user.email, "role": account.role, "organization_id": account.organization_id},
    )
    return url
