"""The public library: published practices only (every network's on the regional site, the network's own
on a national site), filters and search, pages, a detail at <id>/<slug>/, never the contact person."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from network_site.networks import activate
from practices.models import GoodPracticeLibraryPage
from tests.helpers import assert_not_found
from tests.members.factories import OrganizationFactory

from .factories import GoodPracticeFactory, PublishedPracticeFactory

pytestmark = pytest.mark.django_db

REGIONAL = {"HTTP_HOST": "regional.localhost"}


def path_of(page, suffix=""):
    return page.get_url_parts()[2] + suffix


def detail_path(page, practice):
    return path_of(page, page.reverse_subpage("practice", args=(practice.pk, practice.slug)))


def test_the_regional_library_lists_every_networks_published_practices_only(client, library, other_network):
    PublishedPracticeFactory(title="Becas en zonas cafetaleras")
    GoodPracticeFactory(title="Propuesta sin revisar")
    GoodPracticeFactory(title="Devuelta al proponente", status="returned")
    GoodPracticeFactory(title="Retirada del todo", status="withdrawn")
    with activate(other_network):
        PublishedPracticeFactory(title="Empleo juvenil en floricultoras")
    response = client.get(path_of(library), **REGIONAL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Becas en zonas cafetaleras" in content
    assert "Empleo juvenil en floricultoras" in content
    for hidden in ("Propuesta sin revisar", "Devuelta al proponente", "Retirada del todo"):
        assert hidden not in content


def test_a_national_library_lists_its_own_networks_practices_only(client, national_library, other_network):
    PublishedPracticeFactory(title="Becas en zonas cafetaleras")
    with activate(other_network):
        theirs = PublishedPracticeFactory(title="Empleo juvenil en floricultoras")
    content = client.get(path_of(national_library)).content.decode()
    assert "Becas en zonas cafetaleras" in content
    assert "Empleo juvenil en floricultoras" not in content
    assert_not_found(client.get(detail_path(national_library, theirs)))


def test_filters_and_search(client, library, other_network):
    GoodPracticeLibraryPage.objects.filter(pk=library.pk).update(per_page=10)
    PublishedPracticeFactory(
        title="Becas escolares", acceleration_factors=["education"], thematic_area="education", languages=["es"]
    )
    PublishedPracticeFactory(
        title="Casas de cuido indígenas",
        acceleration_factors=["indigenous", "social_protection"],
        thematic_area="integral_development",
        languages=["es", "pt"],
        summary="Cuido de niños Ngäbe durante la cosecha.",
    )
    with activate(other_network):
        PublishedPracticeFactory(
            title="Registro municipal",
            acceleration_factors=["articulation"],
            thematic_area="awareness",
            languages=["en"],
        )
    url = path_of(library)

    def titles(**params):
        content = client.get(url, params, **REGIONAL).content.decode()
        return {t for t in ("Becas escolares", "Casas de cuido indígenas", "Registro municipal") if t in content}

    assert titles(country="ecuador") == {"Registro municipal"}
    assert titles(factor="social_protection") == {"Casas de cuido indígenas"}
    assert titles(area="education") == {"Becas escolares"}
    assert titles(language="pt") == {"Casas de cuido indígenas"}
    assert titles(q="ngäbe") == {"Casas de cuido indígenas"}
    assert titles(q="registro", country="ecuador") == {"Registro municipal"}
    # Unknown values are ignored, never an error or echoed.
    assert titles(factor="<script>", country="atlantis", language="xx") == {
        "Becas escolares",
        "Casas de cuido indígenas",
        "Registro municipal",
    }


@pytest.mark.parametrize("number", ["2", "999", "abc", "-1", ""])
def test_paging_never_errors(client, library, number):
    for index in range(5):
        PublishedPracticeFactory(title=f"Práctica paginada {index}")
    response = client.get(path_of(library), {"page": number}, **REGIONAL)
    assert response.status_code == 200
    assert response.content.decode().count("Práctica paginada") == (1 if number in ("999", "-1") else 2)


def test_the_listing_costs_the_same_queries_whatever_the_number_of_practices(client, library, other_network):
    PublishedPracticeFactory()
    with CaptureQueriesContext(connection) as few:
        client.get(path_of(library), {"q": "x"}, **REGIONAL)
    for _ in range(6):
        PublishedPracticeFactory()
    with activate(other_network):
        PublishedPracticeFactory()
    with CaptureQueriesContext(connection) as many:
        client.get(path_of(library), {"q": "y"}, **REGIONAL)
    assert len(many) <= len(few)


def test_detail_shows_a_published_practice_without_its_contact(client, library):
    organization = OrganizationFactory(name="Cafetalera del Valle")
    practice = PublishedPracticeFactory(
        title="Becas en zonas cafetaleras",
        organization=organization,
        acceleration_factors=["education", "agriculture"],
        results="Deserción bajó al 3 %.",
    )
    response = client.get(detail_path(library, practice), **REGIONAL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Becas en zonas cafetaleras" in content and "Cafetalera del Valle" in content
    assert "Deserción bajó al 3 %." in content
    for secret in ("Mariela Contacto Secreto", "mariela.secreta@example.org", "8888 7777"):
        assert secret not in content
    listing = client.get(path_of(library), **REGIONAL).content.decode()
    for secret in ("Mariela Contacto Secreto", "mariela.secreta@example.org", "8888 7777"):
        assert secret not in listing
    # A wrong slug leads to the right one; the id alone too.
    wrong = client.get(path_of(library, f"{practice.pk}/otro-titulo/"), **REGIONAL)
    assert wrong.status_code == 301 and wrong["Location"].endswith(f"/{practice.pk}/{practice.slug}/")


@pytest.mark.parametrize("status", ["proposed", "under_review", "returned", "withdrawn"])
def test_an_unpublished_practice_answers_404(client, library, status):
    practice = GoodPracticeFactory(status=status)
    assert_not_found(client.get(detail_path(library, practice), **REGIONAL))
    assert_not_found(client.get(path_of(library, "999999/nada/"), **REGIONAL))


def test_detail_shows_photos_and_public_documents_only(client, library):
    import io

    from PIL import Image as PILImage

    from django.core.files.base import ContentFile
    from django.core.files.images import ImageFile

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection, CollectionViewRestriction

    from practices.models import GoodPracticeDocument, GoodPracticePhoto

    root = Collection.get_first_root_node()
    public, private = root.add_child(name="Públicos"), root.add_child(name="Internos")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    Document = get_document_model()
    shown = Document.objects.create(title="Informe de resultados", collection=public, file=ContentFile(b"x", "a.txt"))
    hidden = Document.objects.create(title="Acta interna", collection=private, file=ContentFile(b"x", "b.txt"))
    buffer = io.BytesIO()
    PILImage.new("RGB", (300, 200), (11, 79, 108)).save(buffer, "PNG")
    image = get_image_model().objects.create(title="Foto", file=ImageFile(buffer, name="foto.png"))
    practice = PublishedPracticeFactory()
    GoodPracticeDocument.objects.create(practice=practice, document=shown)
    GoodPracticeDocument.objects.create(practice=practice, document=hidden)
    GoodPracticePhoto.objects.create(practice=practice, image=image, caption="Niñas en la escuela de la finca")
    content = client.get(detail_path(library, practice), **REGIONAL).content.decode()
    assert "Informe de resultados" in content and "Acta interna" not in content
    assert "Niñas en la escuela de la finca" in content and "<img" in content
