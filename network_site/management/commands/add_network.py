"""`add_network`: a new national network on this installation, ready for its staff."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail import hooks
from wagtail.models import Collection, Page, Site

from network_site.hooks import NETWORK_CREATED
from network_site.models import Network, StaffMembership, StaffRole
from network_site.networks import activate


class Command(BaseCommand):
    help = (
        "Add a national network: its Site (own host name), page tree, collection and staff groups; every app "
        "prepares what it needs (network_created hook: the home page, the adopted questionnaire...). "
        "Then give its staff a membership (--secretariat) and write its pages in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Short identifier, e.g. panama")
        parser.add_argument(
            "--name", required=True, help="E.g. 'Red de Empresas contra el Trabajo Infantil de Panamá'"
        )
        parser.add_argument("--short-name", required=True, help="E.g. 'Panamá'")
        parser.add_argument("--country", required=True, help="ISO 3166 code, e.g. PA")
        parser.add_argument("--host", required=True, help="The Site's host name, e.g. red.mitradel.gob.pa")
        parser.add_argument("--port", type=int, default=443, help="The Site's port (443 behind HTTPS).")
        parser.add_argument("--languages", default="es,en", help="Codes, the default first (default: es,en)")
        parser.add_argument("--time-zone", default="America/Panama", help="E.g. America/Panama")
        parser.add_argument("--secretariat-email", action="append", default=[], help="Notices go here (repeatable).")
        parser.add_argument(
            "--secretariat", action="append", default=[], help="E-mail of a user to make its secretariat."
        )

    @transaction.atomic
    def handle(self, slug, *args, **options):
        if Network.objects.filter(slug=slug).exists():
            raise CommandError(f"A network with the slug {slug!r} exists already.")
        if options["time_zone"] not in zoneinfo.available_timezones():
            raise CommandError(f"Unknown time zone {options['time_zone']!r} (e.g. America/Panama).")
        if Site.objects.filter(hostname=options["host"], port=options["port"]).exists():
            raise CommandError(f"A Site already answers {options['host']}:{options['port']}.")
        network = Network(
            slug=slug,
            name=options["name"],
            short_name=options["short_name"],
            country=options["country"].upper(),
            languages=options["languages"],
            time_zone=options["time_zone"],
            secretariat_emails=",".join(options["secretariat_email"]),
            position=Network.objects.count(),
        )
        try:
            network.full_clean(exclude=["site", "collection"])
        except ValidationError as exc:
            problems = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items())
            raise CommandError(problems) from exc
        root = Page.get_first_root_node().add_child(instance=Page(title=network.short_name, slug=f"red-{slug}"))
        network.site = Site.objects.create(
            hostname=options["host"], port=options["port"], root_page=root, site_name=network.name
        )
        network.collection = Collection.get_first_root_node().add_child(name=network.short_name)
        network.save()
        self.stdout.write(f"Network {network} on {network.site.hostname}:{network.site.port}")
        with activate(network):
            for prepare in hooks.get_hooks(NETWORK_CREATED):
                line = prepare(network)
                if line:
                    self.stdout.write(f"  {line}")
        from django.contrib.auth import get_user_model

        for email in options["secretariat"]:
            user = get_user_model().objects.filter(email__iexact=email).first()
            if user is None:
                raise CommandError(f"No user with e-mail {email}: create it first (createsuperuser or the admin).")
            StaffMembership.objects.get_or_create(user=user, network=network, defaults={"role": StaffRole.SECRETARIAT})
            self.stdout.write(f"  Secretariat: {email}")
        self.stdout.write(self.style.SUCCESS(f"Network {network} ready."))
