"""Security headers of every response, and what staff must do before the admin opens.

- ``ContentSecurityPolicyMiddleware`` (django-csp's, choosing the policy by path): the public
  site, the portal and the API send ``settings.CONTENT_SECURITY_POLICY`` enforced (no inline
  script: every script is a static file, data for it is a ``json_script`` block, which is not
  executed); the Wagtail admin, whose pages carry inline code, sends the same policy as
  ``Content-Security-Policy-Report-Only`` (browsers report, nothing is blocked).
- ``SecurityHeadersMiddleware``: ``Permissions-Policy`` on every response (no camera,
  microphone, geolocation, payment…), and ``Cache-Control: private, no-store`` on every portal
  page and on every download (a response with ``Content-Disposition`` or ``X-Accel-Redirect``:
  PDFs, calendars, spreadsheets, private files) served to a logged-in user, so that no shared
  cache or proxy keeps them and the browser does not keep them on disk.
- ``StaffMFAMiddleware``: with ``settings.STAFF_MFA_REQUIRED``, a staff user without an active
  authenticator app (TOTP) who asks for an admin page is sent to the activation page, told why;
  after activation a link leads back to where they were going (``STAFF_MFA_NEXT_SESSION_KEY``).
"""

from csp.middleware import CSPMiddleware

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

#: The Wagtail admin: inline code (its own and its widgets'), so only a report-only policy.
ADMIN_PREFIX = "/admin/"
#: The member portal: every page private.
PORTAL_PREFIX = "/portal/"
#: Where the admin page a staff user asked for is kept while they activate TOTP.
STAFF_MFA_NEXT_SESSION_KEY = "staff_mfa_next"
#: Admin paths a staff user without TOTP may still reach: leaving, and the login redirect.
STAFF_MFA_EXEMPT = ("/admin/logout/", "/admin/login/")

DEFAULT_PERMISSIONS_POLICY = {
    "accelerometer": "()",
    "autoplay": "()",
    "camera": "()",
    "display-capture": "()",
    "geolocation": "()",
    "gyroscope": "()",
    "magnetometer": "()",
    "microphone": "()",
    "midi": "()",
    "payment": "()",
    "publickey-credentials-get": "(self)",  # allauth's WebAuthn, should it be turned on
    "screen-wake-lock": "()",
    "serial": "()",
    "usb": "()",
    "xr-spatial-tracking": "()",
}


def permissions_policy():
    """The ``Permissions-Policy`` header's value from ``settings.PERMISSIONS_POLICY``."""
    policy = getattr(settings, "PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY)
    return ", ".join(f"{feature}={allow}" for feature, allow in policy.items())


def is_download(response):
    """Whether ``response`` is a file to keep (PDF, calendar, spreadsheet, private file)."""
    return "Content-Disposition" in response or "X-Accel-Redirect" in response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, enforcing the policy outside the admin and only reporting in it.

    Both settings (``CONTENT_SECURITY_POLICY`` and ``CONTENT_SECURITY_POLICY_REPORT_ONLY``) are
    django-csp's own; this class only decides which one a path gets, so a view's
    ``@csp_update``/``@csp_exempt`` decorators keep working.
    """

    def process_response(self, request, response):
        if request.path_info.startswith(ADMIN_PREFIX):
            response._csp_exempt = True
        else:
            response._csp_exempt_ro = True
        return super().process_response(request, response)


class SecurityHeadersMiddleware:
    """``Permissions-Policy`` everywhere; no caching of portal pages and of logged-in downloads."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = permissions_policy()

    def __call__(self, request):
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if request.path_info.startswith(PORTAL_PREFIX) or (_is_logged_in(request) and is_download(response)):
            make_private(response)
        return response


def make_private(response):
    """Mark ``response`` as never to be stored by a shared cache or on the browser's disk."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def _is_logged_in(request):
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def is_staff_user(user):
    """Whether ``user`` may use the admin (Django's staff flag, or Wagtail's admin access)."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


def has_totp(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMFAMiddleware:
    """Staff enrol an authenticator app (TOTP) before they reach any admin page.

    Needs the user (after ``AuthenticationMiddleware``) and messages (after ``MessageMiddleware``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "STAFF_MFA_REQUIRED", True)
            and request.path_info.startswith(ADMIN_PREFIX)
            and not request.path_info.startswith(STAFF_MFA_EXEMPT)
            and is_staff_user(request.user)
        ):
            if not has_totp(request.user):
                return self.require_totp(request)
            request.session.pop(STAFF_MFA_NEXT_SESSION_KEY, None)  # back in the admin
        return self.get_response(request)

    def require_totp(self, request):
        if request.method == "GET":
            wanted = request.get_full_path()
            if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
                request.session[STAFF_MFA_NEXT_SESSION_KEY] = wanted
        messages.warning(
            request,
            _(
                "The administration asks staff for a second factor: activate an authenticator app "
                "on your phone (a code that changes every 30 seconds) before you continue."
            ),
        )
        return redirect(reverse("mfa_activate_totp"))
