"""The public "Únase a la Red" page: the application form, confirmation e-mails, honeypot, rate limit."""

import pytest

from django.core import mail

from wagtail.models import ModelLogEntry, PageLogEntry

from members.models import Application, ApplicationStatus
from members.views import APPLICATION_RATE_LIMIT

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Café del Valle S.A.",
    "kind": "company",
    "sector": "agroindustry",
    "size": "medium",
    "scope": "national",
    "region": "Cartago",
    "website": "https://cafedelvalle.example.org",
    "description": "Beneficio de café.",
    "contact_name": "Marta Rojas Vega",
    "contact_position": "Gerente General",
    "contact_email": "Marta@CafeDelValle.example.org",
    "contact_phone": "+506 2550 0000",
    "accepts_principles": "on",
    "fax": "",
}


def test_form_is_shown_with_the_principles(client, join_page, page_url):
    response = client.get(page_url(join_page))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="contact_email"' in content
    assert "Principios de la Red." in content
    assert 'name="accepts_principles"' in content


def test_valid_application_is_stored_confirmed_and_notified(client, join_page, page_url, settings):
    settings.SECRETARIAT_EMAILS = ["secretaria@example.org", "otra@example.org"]
    response = client.post(page_url(join_page), VALID)
    assert response.status_code == 302
    assert response["Location"].endswith("gracias/")
    application = Application.objects.get()
    assert application.name == "Café del Valle S.A."
    assert application.status == ApplicationStatus.PENDING
    assert application.contact_email == "marta@cafedelvalle.example.org"
    assert application.accepts_principles is True
    assert len(mail.outbox) == 2
    confirmation, notice = mail.outbox
    assert confirmation.to == ["marta@cafedelvalle.example.org"]
    assert "Café del Valle S.A." in confirmation.subject
    assert "Marta Rojas Vega" in confirmation.body
    assert notice.to == ["secretaria@example.org", "otra@example.org"]
    assert f"/admin/network/applications/inspect/{application.pk}/" in notice.body
    assert ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(application.pk)).exists()
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200
    assert "hemos recibido su solicitud" in thanks.content.decode().lower()
    assert not PageLogEntry.objects.filter(action="wagtail.create", page=join_page).count() > 1


def test_english_applicant_gets_english_confirmation(client, join_page):
    url = join_page.url.replace("/es/", "/en/", 1)
    response = client.post(url, VALID)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.language == "en"
    assert mail.outbox[0].subject.startswith("We have received the application")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("contact_email", "no-es-un-correo", "Introduzca una dirección de correo electrónico válida."),
        ("name", "", "Este campo es necesario."),
        ("sector", "mining", "Escoja una opción válida"),
        ("accepts_principles", "", "debe aceptar los principios de la Red"),
    ],
)
def test_invalid_application_shows_the_error_next_to_the_field_and_keeps_values(
    client, join_page, page_url, field, value, message
):
    data = {**VALID, field: value}
    if field == "accepts_principles":
        data.pop("accepts_principles")
    response = client.post(page_url(join_page), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert message in content
    assert f'id="id_{field}_error"' in content
    assert 'value="Marta Rojas Vega"' in content  # what was typed stays
    assert Application.objects.count() == 0
    assert mail.outbox == []


def test_honeypot_pretends_success_and_stores_nothing(client, join_page, page_url):
    response = client.post(page_url(join_page), {**VALID, "fax": "+1 555 0100"})
    assert response.status_code == 302
    assert Application.objects.count() == 0
    assert mail.outbox == []


def test_rate_limit_per_address(client, join_page, page_url):
    for number in range(APPLICATION_RATE_LIMIT):
        response = client.post(page_url(join_page), {**VALID, "contact_email": f"p{number}@example.org"})
        assert response.status_code == 302
    response = client.post(page_url(join_page), {**VALID, "contact_email": "late@example.org"})
    assert response.status_code == 429
    assert "Demasiadas solicitudes" in response.content.decode()
    assert Application.objects.count() == APPLICATION_RATE_LIMIT
    # Another address is not affected.
    response = client.post(
        page_url(join_page), {**VALID, "contact_email": "other@example.org"}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 302
