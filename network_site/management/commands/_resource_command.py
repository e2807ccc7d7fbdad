"""What `export_data` and `import_data` share: the resource named on the command line, and the
user the command acts for (``--user``, which limits the resource to that user's scope)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from network_site.spreadsheets import SpreadsheetError, get_resource_class, registry


class ResourceCommand(BaseCommand):
    #: The command's act, in the ``--user`` help ("export", "import").
    act = ""

    def add_arguments(self, parser):
        parser.add_argument("resource", help="Resource name: " + ", ".join(sorted(registry)))
        self.add_resource_arguments(parser)
        parser.add_argument("--user", help=f"E-mail of the user the {self.act} acts for (limits it to their scope).")
        parser.add_argument(
            "--network", help="Slug of the network whose records are meant (needed when there are several)."
        )

    def execute(self, *args, **options):
        """Runs the command inside the network's scope (``--network``, or the only one there is)."""
        from network_site.models import Network
        from network_site.networks import activate

        slug = options.get("network")
        networks = Network.objects.filter(slug=slug) if slug else Network.objects.all()
        found = list(networks[:2])
        if len(found) != 1:
            slugs = ", ".join(Network.objects.values_list("slug", flat=True))
            raise CommandError(
                f"No network has the slug {slug!r} (networks: {slugs})."
                if slug
                else f"There are several networks: choose one with --network ({slugs})."
            )
        with activate(found[0]):
            return super().execute(*args, **options)

    def add_resource_arguments(self, parser):
        """The command's own arguments, between the resource and ``--user``."""

    def get_resource_class(self, name):
        try:
            return get_resource_class(name)
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from exc

    def get_acting_user(self, email):
        """The user with that e-mail (None without one); a CommandError when there is none."""
        if not email:
            return None
        acting_user = get_user_model().objects.filter(email__iexact=email).first()
        if acting_user is None:
            raise CommandError(f"No user with e-mail {email}")
        return acting_user
