from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Portal accounts come from approved applications and invitations: no open sign-up."""

    def is_open_for_signup(self, request):
        return False
