from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupplychainConfig(AppConfig):
    name = "supplychain"
    verbose_name = _("Value chain")
    default_auto_field = "django.db.models.BigAutoField"
    #: Models whose changes public pages show (their pages are counted already): saving or deleting
    #: one drops the cached public pages (network_site.page_cache). The others are portal-only.
    public_models = ("Questionnaire", "Section", "Question", "Option", "Assessment", "SectionScore", "Referral")
