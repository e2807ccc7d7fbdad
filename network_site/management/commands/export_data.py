from pathlib import Path

from network_site.spreadsheets import FORMATS, export_resource

from ._resource_command import ResourceCommand


class Command(ResourceCommand):
    help = "Export a resource to CSV or XLSX; the columns are the import's columns."
    act = "export"

    def add_resource_arguments(self, parser):
        parser.add_argument("--format", choices=FORMATS, default="xlsx")
        parser.add_argument("--output", required=True, help="Path of the file to write.")

    def handle(self, *args, resource, format, output, user, network=None, **options):
        resource_class = self.get_resource_class(resource)
        acting_user = self.get_acting_user(user)
        data = export_resource(resource_class(user=acting_user), format)
        Path(output).write_bytes(data)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(data)} bytes)."))
