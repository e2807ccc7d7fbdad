"""Every change an organisation makes in the portal is in the audit log, with user and organisation."""

import pytest

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from commitments.models import Commitment
from members.models import Person, PortalAccount, PortalRole
from network_site.audit import audited_labels, portal_changes
from supplychain.models import ActionItem, Answer, Assessment, Supplier
from tests.members.factories import PersonFactory, PortalAccountFactory
from tests.network_site.factories import UserFactory
from tests.supplychain.factories import make_questionnaire

pytestmark = pytest.mark.django_db


def entries_for(model, pk=None, action=None):
    found = ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))
    if pk is not None:
        found = found.filter(object_id=str(pk))
    if action is not None:
        found = found.filter(action=action)
    return list(found)


def assert_portal_entry(entry, user, organization):
    assert entry.user_id == user.pk
    assert entry.data["organization_id"] == organization.pk
    assert entry.data["organization"] == str(organization)
    assert entry.data["source"] == "portal"


def test_every_app_declares_what_its_portal_changes():
    labels = audited_labels()
    for label in (
        "members.person",
        "members.portalaccount",
        "commitments.commitment",
        "commitments.progressreport",
        "supplychain.supplier",
        "supplychain.actionitem",
        "supplychain.answer",
        "meetings.minutescomment",
    ):
        assert label in labels


def test_a_contact_created_edited_and_deleted_is_logged_once_each(representative_client, representative, organization):
    data = {"name": "Marta Solís", "email": "marta@example.org", "position": "RR. HH."}
    assert representative_client.post(reverse("members_portal:person_add"), data).status_code == 302
    person = Person.objects.get(name="Marta Solís")
    [created] = entries_for(Person, person.pk, "wagtail.create")
    assert created.user_id == representative.pk
    edit = {**data, "position": "Gerencia"}
    assert representative_client.post(reverse("members_portal:person_edit", args=[person.pk]), edit).status_code == 302
    [edited] = entries_for(Person, person.pk, "wagtail.edit")
    assert_portal_entry(edited, representative, organization)
    representative_client.post(reverse("members_portal:person_delete", args=[person.pk]))
    assert not Person.objects.filter(pk=person.pk).exists()
    assert len(entries_for(Person, person.pk, "wagtail.delete")) == 1  # the view's own entry, not a second one


def test_http_delete_removes_nobody(representative_client, organization):
    person = PersonFactory(organization=organization)
    colleague = PortalAccountFactory(
        organization=organization, role=PortalRole.CONTRIBUTOR, user=UserFactory(email="colega@example.org")
    )
    for url in (
        reverse("members_portal:person_delete", args=[person.pk]),
        reverse("members_portal:colleague_remove", args=[colleague.pk]),
    ):
        assert representative_client.delete(url).status_code == 405
    assert Person.objects.filter(pk=person.pk).exists()
    assert PortalAccount.objects.filter(pk=colleague.pk).exists()


def test_a_colleague_removed_is_one_entry(representative_client, organization):
    colleague = PortalAccountFactory(
        organization=organization, role=PortalRole.CONTRIBUTOR, user=UserFactory(email="colega@example.org")
    )
    representative_client.post(reverse("members_portal:colleague_remove", args=[colleague.pk]))
    assert not PortalAccount.objects.filter(pk=colleague.pk).exists()
    [entry] = entries_for(PortalAccount, colleague.pk)
    assert entry.action == "members.access_removed"


def test_a_commitment_draft_is_logged(representative_client, representative, organization):
    data = {
        "title": "Becas para hijos de recolectores",
        "description": "Becas escolares",
        "thematic_area": "education",
        "acceleration_factor": "agriculture",
        "sdg_target": "8.7",
        "indicator_name": "Becas",
        "indicator_unit": "becas",
        "indicator_kind": "number",
        "baseline": "0",
        "target": "40",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "reporting_frequency": "quarterly",
    }
    assert representative_client.post(reverse("commitments_portal:create"), data).status_code == 302
    commitment = Commitment.objects.get(title="Becas para hijos de recolectores")
    [entry] = entries_for(Commitment, commitment.pk, "wagtail.create")
    assert_portal_entry(entry, representative, organization)


def test_suppliers_from_a_form_and_from_an_import_are_logged(representative_client, representative, organization):
    response = representative_client.post(
        reverse("supplychain_portal:supplier_add"), {"name": "Beneficio El Alto", "tier": "direct"}
    )
    assert response.status_code == 302
    supplier = Supplier.objects.get(name="Beneficio El Alto")
    assert_portal_entry(entries_for(Supplier, supplier.pk, "wagtail.create")[0], representative, organization)

    upload = SimpleUploadedFile(
        "p.csv", b"name,tier\nFinca La Esperanza,direct\nFinca San Luis,tier2\n", content_type="text/csv"
    )
    representative_client.post(reverse("supplychain_portal:supplier_import"), {"file": upload})
    from network_site.models import ImportJob

    job = ImportJob.objects.latest("pk")
    representative_client.post(reverse("supplychain_portal:supplier_import_confirm", args=[job.pk]))
    imported = Supplier.objects.filter(name__startswith="Finca")
    assert imported.count() == 2
    for each in imported:
        [entry] = entries_for(Supplier, each.pk, "wagtail.create")
        assert_portal_entry(entry, representative, organization)

    representative_client.post(reverse("supplychain_portal:supplier_delete", args=[supplier.pk]))
    [deleted] = entries_for(Supplier, supplier.pk, "wagtail.delete")
    assert_portal_entry(deleted, representative, organization)
    assert deleted.label == "Beneficio El Alto"


def test_action_items_and_assessment_answers_are_logged(representative_client, representative, organization):
    response = representative_client.post(
        reverse("supplychain_portal:action_add"),
        {
            "finding": "Sin verificación de edad",
            "action": "Pedir cédula en contratación",
            "owner": "RR. HH.",
            "due_date": "2027-03-01",
            "status": "open",
            "verification": "Revisión de expedientes",
        },
    )
    assert response.status_code == 302
    item = ActionItem.objects.get(organization=organization)
    assert_portal_entry(entries_for(ActionItem, item.pk, "wagtail.create")[0], representative, organization)

    assessment = Assessment.objects.create(
        organization=organization, year=timezone.localdate().year, questionnaire=make_questionnaire()
    )
    section = assessment.questionnaire.sections.get(key="b")
    url = reverse("supplychain_portal:section", args=[assessment.pk, section.pk])
    assert representative_client.post(url, {"q_q3": "4", "q_q4": "12", "q_q5": "Comité"}).status_code == 302
    answers = Answer.objects.filter(assessment=assessment)
    assert answers.count() == 3
    for each in answers:
        assert_portal_entry(entries_for(Answer, each.pk)[0], representative, organization)


def test_a_change_rolled_back_takes_its_entry_with_it(representative, organization):
    person = PersonFactory(organization=organization)
    with pytest.raises(RuntimeError), portal_changes(representative, organization), transaction.atomic():
        person.name = "Otro nombre"
        person.save()
        raise RuntimeError
    assert entries_for(Person, person.pk) == []


def test_a_save_then_the_views_own_entry_is_one_entry(representative, organization):
    person = PersonFactory(organization=organization)
    with portal_changes(representative, organization):
        person.save()
        person.save()
        log(person, "wagtail.edit", user=representative, data={"fields": ["name"]})
    [entry] = entries_for(Person, person.pk)
    assert entry.data == {**entry.data, "fields": ["name"], "organization_id": organization.pk, "source": "portal"}


def test_outside_the_portal_nothing_is_added(organization):
    person = PersonFactory(organization=organization)
    person.save()
    assert entries_for(Person, person.pk) == []
