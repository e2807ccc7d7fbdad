"""Good practices in the open-data API: published ones only, public fields only, the host's networks."""

import pytest
import schemathesis

from django.core import signals
from django.core.files.base import ContentFile
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from network_site.networks import activate
from practices.models import GoodPracticeDocument, PracticeStatus
from tests.api.conftest import ECUADOR, REGIONAL, get, ids
from tests.helpers import assert_not_found
from tests.members.factories import OrganizationFactory
from tests.practices.factories import GoodPracticeFactory, PublishedPracticeFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/good-practices/"
#: What a practice's contact person, reviewer and workflow hold: never in an answer.
PRIVATE_WORDS = ("Mariela Contacto Secreto", "mariela.secreta@example.org", "+506 8888 7777", "Comentario interno")


def detail(practice):
    return f"{LIST}{practice.pk}/"


def assert_no_private_data(response):
    text = response.content.decode()
    for word in PRIVATE_WORDS:
        assert word not in text, word


@pytest.fixture
def practices(default_network, other_network):
    data = {}
    organization = OrganizationFactory(name="Cafetalera Tica S.A.")
    data["cr_published"] = PublishedPracticeFactory(
        title="Becas en la cosecha",
        organization=organization,
        acceleration_factors=["education", "social_protection"],
        languages=["es", "en"],
        review_comment="Comentario interno",
    )
    data["cr_other"] = PublishedPracticeFactory(
        title="Guarderías en fincas", thematic_area="value_chain", acceleration_factors=["social_protection"]
    )
    for status in (
        PracticeStatus.PROPOSED,
        PracticeStatus.UNDER_REVIEW,
        PracticeStatus.RETURNED,
        PracticeStatus.WITHDRAWN,
    ):
        data[f"cr_{status}"] = GoodPracticeFactory(title=f"No publicada {status}", status=status)
    with activate(other_network):
        data["ec_published"] = PublishedPracticeFactory(title="Escuelas en las bananeras", languages=["es"])
        data["ec_proposed"] = GoodPracticeFactory(title="Propuesta de Ecuador")
    return data


def test_the_published_practices_with_their_public_fields_only(client, practices):
    response = get(client, LIST)
    assert set(ids(response)) == {practices["cr_published"].pk, practices["cr_other"].pk}
    item = next(item for item in response.json()["items"] if item["id"] == practices["cr_published"].pk)
    assert set(item) == {
        "id",
        "network",
        "country",
        "title",
        "summary",
        "results",
        "organization",
        "acceleration_factors",
        "thematic_area",
        "languages",
        "year",
        "published_at",
    }
    assert item["network"] == "red"
    assert item["organization"] == "Cafetalera Tica S.A."
    assert item["acceleration_factors"] == ["education", "social_protection"]
    assert item["languages"] == ["es", "en"]
    assert (item["thematic_area"], item["year"]) == ("education", 2017)
    assert_no_private_data(response)
    answer = get(client, detail(practices["cr_published"]))
    assert answer.status_code == 200
    assert answer.json() == {**item, "documents": []}
    assert_no_private_data(answer)
    other = next(item for item in response.json()["items"] if item["id"] == practices["cr_other"].pk)
    assert other["organization"] is None


@pytest.mark.parametrize(
    "name", ["cr_proposed", "cr_under_review", "cr_returned", "cr_withdrawn", "ec_published", "ec_proposed"]
)
def test_an_unpublished_or_another_networks_practice_answers_404(client, practices, name):
    assert_not_found(get(client, detail(practices[name])), name)
    assert practices[name].pk not in ids(get(client, LIST, limit=100))


def test_each_host_answers_for_its_networks_and_filters_only_narrow(client, practices, regional_site):
    ecuador = practices["ec_published"].pk
    costa_rica = {practices["cr_published"].pk, practices["cr_other"].pk}
    assert ids(get(client, LIST, ECUADOR)) == [ecuador]
    assert_not_found(get(client, detail(practices["cr_published"]), ECUADOR))
    assert get(client, detail(practices["ec_published"]), ECUADOR).json()["network"] == "ecuador"
    assert get(client, detail(practices["ec_published"]), ECUADOR).json()["country"] == "EC"
    assert get(client, LIST, network="ecuador").json()["count"] == 0
    assert get(client, LIST, country="EC").json()["count"] == 0
    assert set(ids(get(client, LIST, REGIONAL))) == {*costa_rica, ecuador}
    assert ids(get(client, LIST, REGIONAL, network="ecuador")) == [ecuador]
    assert set(ids(get(client, LIST, REGIONAL, country="cr"))) == costa_rica
    assert get(client, detail(practices["ec_published"]), REGIONAL).status_code == 200
    assert_not_found(get(client, detail(practices["ec_proposed"]), REGIONAL))


def test_filters_by_factor_area_language_and_text(client, practices, regional_site):
    published, other = practices["cr_published"].pk, practices["cr_other"].pk
    assert ids(get(client, LIST, acceleration_factor="education")) == [published]
    assert set(ids(get(client, LIST, acceleration_factor="social_protection"))) == {published, other}
    assert ids(get(client, LIST, thematic_area="value_chain")) == [other]
    assert ids(get(client, LIST, language="en")) == [published]
    assert ids(get(client, LIST, q="guarderías")) == [other]
    assert ids(get(client, LIST, q="Cafetalera")) == [published]
    assert ids(get(client, LIST, REGIONAL, q="bananeras")) == [practices["ec_published"].pk]
    assert get(client, LIST, q="Mariela").json()["count"] == 0  # the contact person is not searched
    for params in ({"acceleration_factor": "nope"}, {"language": "xx"}, {"thematic_area": "x"}, {"limit": 101}):
        response = get(client, LIST, **params)
        assert (response.status_code, response["Content-Type"]) == (422, "application/problem+json"), params


def test_the_detail_lists_public_documents_only(client, practices):
    root = Collection.get_first_root_node()
    public, private = root.add_child(name="Públicos"), root.add_child(name="Internos")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    Document = get_document_model()
    shown = Document.objects.create(title="Informe de resultados", collection=public, file=ContentFile(b"x", "a.txt"))
    hidden = Document.objects.create(title="Acta interna", collection=private, file=ContentFile(b"x", "b.txt"))
    practice = practices["cr_published"]
    GoodPracticeDocument.objects.create(practice=practice, document=shown)
    GoodPracticeDocument.objects.create(practice=practice, document=hidden)
    response = get(client, detail(practice))
    documents = response.json()["documents"]
    assert [document["title"] for document in documents] == ["Informe de resultados"]
    assert documents[0]["url"].startswith("http") and documents[0]["url"].endswith(shown.url)
    assert "Acta interna" not in response.content.decode()


def _practices(count, other_network):
    for _ in range(count):
        practice = PublishedPracticeFactory(organization=OrganizationFactory())
        document = get_document_model().objects.create(title="Informe", file=ContentFile(b"x", "a.txt"))
        GoodPracticeDocument.objects.create(practice=practice, document=document)
        with activate(other_network):
            PublishedPracticeFactory()


def _queries(client, path, host=None):
    with CaptureQueriesContext(connection) as captured:
        response = get(client, path, host, limit=100)
    assert response.status_code == 200, response.content
    return len(captured)


def test_query_counts_stay_flat_with_the_data(client, default_network, other_network, regional_site):
    _practices(2, other_network)
    first = PublishedPracticeFactory()
    small = [_queries(client, LIST), _queries(client, LIST, REGIONAL), _queries(client, detail(first))]
    _practices(8, other_network)
    for _ in range(9):
        document = get_document_model().objects.create(title="Anexo", file=ContentFile(b"x", "c.txt"))
        GoodPracticeDocument.objects.create(practice=first, document=document)
    large = [_queries(client, LIST), _queries(client, LIST, REGIONAL), _queries(client, detail(first))]
    assert large == small
    assert max(large) <= 12, large


@pytest.fixture
def wsgi_app(regional_site):
    """Django's WSGI application in the test's transaction (as in test_openapi_conformance.py)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def conforms(app, records):
    """Each operation of ``records`` (path → path parameters of real records), called on Costa Rica's
    host and the regional site's, answers as the OpenAPI document says (schemathesis)."""
    for headers in ({}, {"Host": REGIONAL}):
        schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, headers=headers)
        operations = {operation.path: operation for operation in (r.ok() for r in schema.get_all_operations())}
        for path, parameters in records.items():
            for each in parameters:
                case = operations[path].Case(path_parameters=each, query={"limit": 100} if not each else {})
                case.call_and_validate(headers=headers)


def test_real_answers_conform_to_the_document(wsgi_app, practices):
    conforms(
        wsgi_app,
        {
            "/api/v1/good-practices/": [{}],
            "/api/v1/good-practices/{practice_id}/": [
                {"practice_id": practices["cr_published"].pk},
                {"practice_id": practices["cr_other"].pk},
                {"practice_id": practices["ec_published"].pk},
            ],
        },
    )
