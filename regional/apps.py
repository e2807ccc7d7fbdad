from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "regional"
    verbose_name = _("Regional site")
