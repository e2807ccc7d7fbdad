from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")
    default_auto_field = "django.db.models.BigAutoField"
    #: Models whose changes public pages show (their pages are counted already): saving or deleting
    #: one drops the cached public pages (network_site.page_cache). The others are portal-only.
    public_models = ("Meeting", "AgendaItem", "MinutesAttachment", "Agreement")
