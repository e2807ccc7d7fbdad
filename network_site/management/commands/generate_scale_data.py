"""`generate_scale_data --scale national|regional`: synthetic data at the sizes the platform is built for.

Each app writes its own part through its ``scale.py`` (``SIZES`` and ``generate(run)``, see
``network_site.scale_data``), in INSTALLED_APPS order, with bulk inserts in a fixed number of
queries per batch, on top of what is already there (run it after `load_demo_data`, or on an
empty migrated database: the pages it needs are created when missing). Running it twice adds a
second set. Sizes at each scale: each app's ``SIZES`` (national: 300 organisations, 3,000
commitments, 36,000 progress reports; regional: 10,000, 100,000 and 1,000,000).

National (and tiny) data go to the default Site's network. Regional data are split evenly among
``REGIONAL_NETWORKS`` (6) networks: the installation's networks first, then new ones made as
``add_network`` makes them (``<slug>.localhost`` at BASE_URL's port, each app preparing its pages).
"""

import math
import time
from importlib import import_module, util

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from network_site import page_cache
from network_site.demo_networks import base_url_port
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


#: How many networks the regional data are spread over.
REGIONAL_NETWORKS = 6
#: The networks made for the regional data when the installation has fewer (slug, country, name, zone).
EXTRA_NETWORKS = [
    ("ecuador", "EC", "Ecuador", "America/Guayaquil"),
    ("panama", "PA", "Panamá", "America/Panama"),
    ("guatemala", "GT", "Guatemala", "America/Guatemala"),
    ("honduras", "HN", "Honduras", "America/Tegucigalpa"),
    ("peru", "PE", "Perú", "America/Lima"),
    ("paraguay", "PY", "Paraguay", "America/Asuncion"),
    ("uruguay", "UY", "Uruguay", "America/Montevideo"),
]


def regional_networks(command, count=REGIONAL_NETWORKS):
    """``count`` networks: the existing ones (default Site's first), then new ones for the rest."""
    networks = list(Network.objects.filter(site__isnull=False).order_by("-site__is_default_site", "position", "pk"))
    port = base_url_port()
    for slug, country, short_name, zone in EXTRA_NETWORKS:
        if len(networks) >= count:
            break
        if Network.objects.filter(slug=slug).exists():
            continue
        call_command(
            "add_network",
            slug,
            name=f"Red de Empresas contra el Trabajo Infantil de {short_name}",
            short_name=short_name,
            country=country,
            host=f"{slug}.localhost",
            port=port,
            time_zone=zone,
            secretariat_email=[f"secretaria@{slug}.example.org"],
            stdout=command.stdout,
        )
        networks.append(Network.objects.get(slug=slug))
    return networks[:count]


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
        parser.add_argument(
            "--networks",
            type=int,
            default=None,
            help=f"Spread the data over this many networks (default: {REGIONAL_NETWORKS} at regional scale, else 1).",
        )

    def handle(self, *args, scale, seed, networks=None, **options):
        wanted = sizes(scale)
        if wanted is None:
            raise CommandError("--scale must be national or regional.")
        network = Network.objects.filter(site__is_default_site=True).first() or Network.objects.first()
        if network is None:
            raise CommandError("There is no network: run the migrations (or load_demo_data) first.")
        count = networks or (REGIONAL_NETWORKS if scale == "regional" else 1)
        if not 1 <= count <= 1 + len(EXTRA_NETWORKS):
            raise CommandError(f"--networks must be between 1 and {1 + len(EXTRA_NETWORKS)}.")
        networks = regional_networks(self, count) if count > 1 else [network]
        share = {key: math.ceil(value / len(networks)) for key, value in wanted.items()}
        started = time.monotonic()
        self.stdout.write(
            f"Generating {scale} data on {connection.vendor}: "
            + ", ".join(f"{value:,} {key}" for key, value in wanted.items())
        )
        if len(networks) > 1:
            self.stdout.write(f"  in {len(networks)} networks: {', '.join(n.short_name for n in networks)}")
        for index, each in enumerate(networks):
            if len(networks) > 1:
                self.stdout.write(f"Network {each.short_name}:")
            run = ScaleRun(self, scale=scale, seed=seed + index, sizes=share, network=each)
            with activate(each):
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
