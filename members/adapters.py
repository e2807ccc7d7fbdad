from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Portal accounts come from approved applications and invitations: no open sign-up.

    Staff log in through the same form (rate-limited, with MFA) and land in the admin.
    """

    def is_open_for_signup(self, request):
        return False

    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and user.is_staff and not hasattr(user, "portal_account"):
            return "/admin/"
        return super().get_login_redirect_url(request)
