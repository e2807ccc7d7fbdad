from importlib import import_module, util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from network_site.networks import across, each_network


def demo_modules():
    """Every installed app's ``demo`` module, in INSTALLED_APPS order."""
    modules = []
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.demo"
        if util.find_spec(app_config.name) and util.find_spec(module_name):
            modules.append((app_config, import_module(module_name)))
    return modules


class Command(BaseCommand):
    help = (
        "Load the demo content (idempotent). Each app contributes through its own `demo.py`: "
        "`load(command)` (optional) once per network (inside network_site.networks.activate(network): "
        "current_network() says which), then an optional `load_regional(command)` once, across every "
        "network, for the regional site. Apps run in INSTALLED_APPS order."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print only the demo logins.")

    def handle(self, *args, quiet=False, **options):
        from network_site import demo_networks

        logins = []
        with transaction.atomic():
            demo_networks.ensure(self)
        modules = demo_modules()
        for app_config, module in modules:
            if not quiet:
                self.stdout.write(f"Demo content: {app_config.verbose_name}…")
            if not hasattr(module, "load"):
                continue
            for _network in each_network():
                with transaction.atomic():
                    logins.extend(module.load(self) or [])
        for app_config, module in modules:
            if hasattr(module, "load_regional"):
                if not quiet:
                    self.stdout.write(f"Regional demo content: {app_config.verbose_name}…")
                with across(), transaction.atomic():
                    logins.extend(module.load_regional(self) or [])
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
        if logins:
            self.stdout.write("Demo logins:")
            for login in logins:
                self.stdout.write(f"  {login}")
