"""Records the deploy test needs beyond the demo content, made in the test's own database.

Run by tests/deploy/conftest.py with the stack's environment (production settings):
``manage.py shell -c "from tests.deploy.fixtures import main; main()"``; prints one JSON line.
"""

import json
import sys

PDF = b"%PDF-1.4\n% the deploy test's private evidence\n"
DOCUMENT = b"%PDF-1.4\n% the deploy test's restricted document\n"
OWNER = "nestle@example.org"
OTHER = "uccaep@example.org"
THROTTLED = "bac-credomatic@example.org"


def main():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection
    from wagtail.models.view_restrictions import BaseViewRestriction

    from commitments.models import Evidence, ProgressReport
    from members.models import JoinPage, PortalAccount
    from network_site.models import Network
    from network_site.networks import scopes_disabled, working_for

    with scopes_disabled(), working_for(Network.objects.get(site__is_default_site=True)):
        users = get_user_model().objects
        owner = users.get(email=OWNER)
        organization = PortalAccount.objects.get(user=owner).organization
        report = ProgressReport.objects.filter(commitment__organization=organization).order_by("pk").first()
        evidence = Evidence(report=report, original_name="Evidencia ñandú.pdf", content_type="application/pdf")
        evidence.size = len(PDF)
        evidence.kind = Evidence.Kind.DOCUMENT
        evidence.file.save("evidencia ñandú.pdf", ContentFile(PDF))

        group = Group.objects.create(name="Prueba de despliegue: documentos de Nestlé")
        owner.groups.add(group)
        collection = Collection.get_first_root_node().add_child(name="Reservado (prueba de despliegue)")
        restriction = collection.view_restrictions.create(restriction_type=BaseViewRestriction.GROUPS)
        restriction.groups.add(group)
        document = get_document_model()(title="Informe reservado", collection=collection)
        document.file.save("informe reservado.pdf", ContentFile(DOCUMENT))

        image = get_image_model().objects.order_by("pk").first()
        rendition = image.get_rendition("width-120")
        join = JoinPage.objects.live().filter(locale__language_code="es").first()
        sys.stdout.write(
            json.dumps(
                {
                    "owner": OWNER,
                    "other": OTHER,
                    "throttled": THROTTLED,
                    "evidence_url": f"/portal/commitments/evidence/{evidence.pk}/",
                    "evidence_name": evidence.file.name,
                    "evidence_bytes": PDF.decode(),
                    "document_url": document.url,
                    "document_bytes": DOCUMENT.decode(),
                    "image_url": image.file.url,
                    "image_path": image.file.path,
                    "rendition_url": rendition.url,
                    "join_url": join.url,
                }
            )
            + "\n"
        )
