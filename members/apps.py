from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from allauth.account.models import EmailAddress

        from django.db.models.signals import pre_save

        from members.adapters import vouch_for_the_accounts_own_address

        pre_save.connect(vouch_for_the_accounts_own_address, sender=EmailAddress, dispatch_uid="members.own_address")
