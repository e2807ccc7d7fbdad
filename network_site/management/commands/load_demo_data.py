from importlib import import_module, util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the demo content (idempotent). Each app contributes through its own `demo.py` "
        "with a `load(command)` function, called in INSTALLED_APPS order."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print only the demo logins.")

    def handle(self, *args, quiet=False, **options):
        logins = []
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if not util.find_spec(app_config.name) or not util.find_spec(module_name):
                continue
            module = import_module(module_name)
            if not quiet:
                self.stdout.write(f"Demo content: {app_config.verbose_name}…")
            with transaction.atomic():
                logins.extend(module.load(self) or [])
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
        if logins:
            self.stdout.write("Demo logins:")
            for login in logins:
                self.stdout.write(f"  {login}")
