"""Invitations to the member portal: a one-time, expiring link to set a password.

    from members.invitations import send_invitation
    send_invitation(user, invited_by=request.user)   # a task with ids; the link is built in it

The user must already have a `PortalAccount` (and usually an unusable password). The link,
``/portal/invitation/<uidb64>/<token>/``, is built on Django's password-reset tokens with
their own salt: it expires after ``settings.PORTAL_INVITATION_TIMEOUT`` seconds (7 days
unless configured) and works once, since its hash covers the password and the last login,
both of which change when the invitation is accepted.
"""

from django_tasks import task

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from wagtail.log_actions import log

from network_site.emails import deliver_email, render_email
from network_site.links import absolute_url
from network_site.networks import across, activate, current_network

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
    """E-mail `user` a one-time link to set a password and enter the portal, as a background task.

    The task gets ids only (``deliver_invitation``): the link is built when the e-mail is sent, so
    it is never stored with the queued task. Recorded in the audit log
    (``members.invitation_sent``) against the user's portal account. Returns the task's result.
    """
    account = user.portal_account
    invited_by = invited_by if getattr(invited_by, "is_authenticated", False) else None
    network = current_network()
    result = deliver_invitation.enqueue(
        user_id=user.pk,
        invited_by_id=invited_by.pk if invited_by else None,
        language=language or settings.LANGUAGE_CODE,
        network_id=network.pk if network else None,
    )
    log(
        instance=account,
        action="members.invitation_sent",
        user=invited_by,
        data={"email": user.email, "role": account.role, "organization_id": account.organization_id},
    )
    return result


@task()
def deliver_invitation(*, user_id, invited_by_id, language, network_id):
    """Build a fresh invitation link for the user and send the e-mail (in the inviting network's name)."""
    from network_site.models import Network

    network = Network.objects.filter(pk=network_id).first() if network_id else None
    with activate(network) if network else across():
        user = get_user_model().objects.select_related("portal_account__organization").get(pk=user_id)
        invited_by = get_user_model().objects.filter(pk=invited_by_id).first() if invited_by_id else None
        account = user.portal_account
        context = {
            "user": user,
            "account": account,
            "organization": account.organization,
            "invited_by": invited_by,
            "invitation_url": absolute_url(invitation_path(user)),
            "timeout_days": max(1, invitation_timeout() // (24 * 60 * 60)),
            "login_url": absolute_url(reverse("account_login")),
        }
        subject, body, html = render_email("members/emails/invitation", context, language=language)
    # Sent here, not through another queued task: the body carries the link.
    deliver_email.call(subject=subject, body=body, html=html, to=[user.email], attachments=[], reply_to=[])
