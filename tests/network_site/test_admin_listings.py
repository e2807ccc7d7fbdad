"""The admin's listings print dates as dates and booleans as "Sí"/"No", and the admin loads no
avatar from another site (Gravatar)."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, DateColumn
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from network_site.viewsets import CalendarDateColumn, RecordViewSet, YesNoColumn, listing_columns
from tests.helpers import speak
from tests.meetings.factories import AgreementFactory, MeetingFactory
from tests.network_site.factories import StaffUserFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(StaffUserFactory())
    speak(client, "es")
    return client


def registered_viewsets():
    found = []
    for hook in hooks.get_hooks("register_admin_viewset"):
        entry = hook()
        entries = entry.registerables if isinstance(entry, ViewSetGroup) else [entry]
        found.extend(item for item in entries if isinstance(item, ViewSet))
    return found


def test_every_record_listing_prints_dates_and_booleans_in_words():
    viewsets = [viewset for viewset in registered_viewsets() if isinstance(viewset, RecordViewSet)]
    assert len(viewsets) > 8
    for viewset in viewsets:
        list_display = viewset.get_index_view_kwargs().get("list_display")
        if not isinstance(list_display, (list, tuple)):
            continue
        model = viewset.model
        for entry in list_display[1:]:
            assert type(entry) not in (DateColumn, BooleanColumn), (model, entry.name)
            if isinstance(entry, str) and "__" not in entry:
                field = next((f for f in model._meta.get_fields() if f.name == entry), None)
                assert field is None or field.get_internal_type() not in (
                    "BooleanField",
                    "DateField",
                    "DateTimeField",
                ), (model, entry)


def test_listing_columns_turn_fields_and_wagtail_columns_into_ours():
    from meetings.models import Meeting

    columns = listing_columns(
        Meeting,
        ["title", "start", "is_public", DateColumn("end", label="Fin", sort_key="end"), BooleanColumn("x")],
    )
    assert columns[0] == "title"
    assert [type(c) for c in columns[1:]] == [CalendarDateColumn, YesNoColumn, CalendarDateColumn, YesNoColumn]
    assert columns[3].label == "Fin" and columns[3].sort_key == "end"


def test_future_meetings_show_their_date_and_public_in_words(admin_client):
    start = timezone.now() + datetime.timedelta(days=3)
    MeetingFactory(title="Reunión de diciembre", start=start, end=start + datetime.timedelta(hours=2), is_public=True)
    content = admin_client.get(reverse("meeting:index")).content.decode()
    assert "Reunión de diciembre" in content
    local = timezone.localtime(start)
    assert f"{local.day} de " in content and str(local.year) in content
    assert "dentro de" not in content and "hace " not in content
    assert ">Sí<" in content.replace(" ", "").replace("\n", "") or "Sí" in content


def test_agreements_show_due_dates_and_overdue_in_words(admin_client):
    AgreementFactory(text="Enviar el informe anual", due_date=timezone.localdate() - datetime.timedelta(days=5))
    content = admin_client.get(reverse("agreement:index")).content.decode()
    assert "Enviar el informe anual" in content
    assert "hace " not in content
    assert "Sí" in content


def test_commitments_listing_prints_booleans_as_si_no(admin_client):
    from tests.commitments.factories import ApprovedCommitmentFactory

    ApprovedCommitmentFactory(title="Becas públicas", is_public=True)
    ApprovedCommitmentFactory(title="Becas internas", is_public=False)
    content = admin_client.get(reverse("commitments_commitments:index")).content.decode()
    assert "Sí" in content and ">No<" in content.replace(" ", "").replace("\n", "")


def test_the_admin_loads_no_gravatar(admin_client, settings):
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    for url in (reverse("wagtailusers_users:index"), reverse("wagtailadmin_account")):
        content = admin_client.get(url).content.decode()
        assert "gravatar" not in content.lower(), url
