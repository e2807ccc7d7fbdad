"""`generate_scale_data --scale national|regional`: synthetic data at the sizes the platform is built for.

Each app writes its own part through its ``scale.py`` (``SIZES`` and ``generate(run)``, see
``network_site.scale_data``), in INSTALLED_APPS order, with bulk inserts in a fixed number of
queries per batch, in the default Site's network, on top of what is already there (run it
after `load_demo_data`, or on an empty migrated database: the pages it needs are created when
missing). Running it twice adds a second set. Sizes at each scale: each app's ``SIZES``
(national: 300 organisations, 3,000 commitments, 36,000 progress reports; regional: 10,000,
100,000 and 1,000,000).
"""

import time
from importlib import import_module, util

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from network_site import page_cache
from network_site.models import Network
from network_site.networks import activate
from network_site.scale_data import ScaleRun


def scale_modules():
    """Every installed app's ``scale`` module, in INSTALLED_APPS order."""
    modules = []
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.scale"
        if util.find_spec(app_config.name) and util.find_spec(module_name):
            modules.append(import_module(module_name))
    return modules


def sizes(scale):
    """How many records of each kind every app writes at ``scale`` (None for an unknown scale)."""
    merged, known = {}, False
    for module in scale_modules():
        if scale in module.SIZES:
            known = True
            merged.update(module.SIZES[scale])
    return merged if known else None


class Command(BaseCommand):
    help = (
        "Write synthetic data at national or regional scale with bulk inserts "
        "(after load_demo_data, or on an empty migrated database). Each app contributes through its scale.py."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", required=True, help="national or regional")
        parser.add_argument("--seed", type=int, default=7, help="Random seed (the same seed gives the same data).")

    def handle(self, *args, scale, seed, **options):
        wanted = sizes(scale)
        if wanted is None:
            raise CommandError("--scale must be national or regional.")
        network = Network.objects.filter(site__is_default_site=True).first() or Network.objects.first()
        if network is None:
            raise CommandError("There is no network: run the migrations (or load_demo_data) first.")
        run = ScaleRun(self, scale=scale, seed=seed, sizes=wanted, network=network)
        started = time.monotonic()
        self.stdout.write(
            f"Generating {scale} data on {connection.vendor}: "
            + ", ".join(f"{value:,} {key}" for key, value in wanted.items())
        )
        with activate(network):
            for module in scale_modules():
                module.generate(run)
        if connection.vendor in ("postgresql", "sqlite"):
            # Fresh statistics: without them the planner takes the new tables for empty ones. On
            # PostgreSQL it picked nested loops that turned the observatory's aggregates from
            # milliseconds to minutes; on SQLite it scanned every open report for one member's
            # due reports (portal dashboard: 18 ms → under 1 ms).
            self.stdout.write("Updating the planner's statistics (ANALYZE)…")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        # Bulk inserts send no signals: drop the cached pages and data ourselves (every process).
        page_cache.invalidate()
        self.stdout.write(self.style.SUCCESS(f"Scale data ready in {time.monotonic() - started:.1f} s."))
