from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class NetworkSiteConfig(AppConfig):
    """The project's infrastructure: user and image models, PDF and spreadsheet helpers, commands."""

    name = "network_site"
    verbose_name = _("Platform")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Every app's resources.py registers its spreadsheet resources.
        autodiscover_modules("resources")

        from network_site.spreadsheets import make_wagtail_exports_formula_safe

        # Every CSV/XLSX download of the admin (Wagtail's listings and reports) neutralises formulas.
        make_wagtail_exports_formula_safe()

        from network_site import page_cache

        page_cache.connect_signals()

        from network_site import audit

        audit.connect_signals()

        from network_site import staff

        staff.connect_signals()

        checks.register(page_cache.check_generation_file)

        from network_site import storage

        checks.register(storage.check_private_root)
