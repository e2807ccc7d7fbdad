"""The value-chain calendar: each year's window and deadline, reminders, overdue organisations in
compliance, the secretariat's notices and dashboard, action items verified with evidence, and
the ranges of number answers."""

import datetime

import pytest

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail.users.models import UserProfile

from commitments.models import Compliance, compliance_for, with_compliance
from members.models import Organization
from supplychain import reminders
from supplychain.models import ActionItem, Assessment, AssessmentRound, NoticeLog, Question, Referral
from supplychain.services import OutsideWindow, start_assessment
from tests.helpers import assert_not_found, speak
from tests.members.factories import OrganizationFactory, PortalAccountFactory

from .conftest import open_round
from .factories import (
    ActionItemFactory,
    ReferralFactory,
    RiskRegionFactory,
    answer,
    make_questionnaire,
    submitted_assessment,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


# --- The window -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("window", "message"),
    [
        (None, "La secretaría aún no abrió la autoevaluación"),
        ((5, 40), "abre el"),
        ((-40, -5), "cerró el"),
    ],
)
def test_starting_outside_the_window_is_refused_with_a_clear_message(
    representative_client, organization, window, message
):
    make_questionnaire()
    if window:
        open_round(opens=window[0], closes=window[1])
    response = speak(representative_client, "es").post(reverse("supplychain_portal:start"), follow=True)
    assert not Assessment.objects.filter(organization=organization).exists()
    assert message in response.content.decode()
    overview = representative_client.get(reverse("supplychain_portal:overview")).content.decode()
    assert 'action="/portal/value-chain/assessments/start/"' not in overview  # no start button either
    assert message in overview


def test_inside_the_window_it_starts_on_the_rounds_version(organization, representative):
    older = make_questionnaire("otro")
    make_questionnaire()  # the latest published one
    open_round(questionnaire=older)
    assert start_assessment(organization, user=representative).questionnaire == older


def test_start_assessment_checks_the_window_on_the_given_day(organization, representative, questionnaire):
    with pytest.raises(OutsideWindow):
        start_assessment(organization, user=representative, today=days(31))


def test_a_round_cannot_close_before_it_opens():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        AssessmentRound(year=TODAY.year, opens_on=days(5), closes_on=days(1)).full_clean()
    assert "closes_on" in error.value.message_dict


# --- Overdue, in compliance, the portal and the admin -------------------------------------------


def test_after_the_deadline_an_organisation_without_a_submitted_assessment_is_overdue(
    organization, other_organization, questionnaire
):
    partner = OrganizationFactory(is_partner=True)
    late_joiner = OrganizationFactory(date_joined=days(-1))
    open_round(opens=-60, closes=-10)
    submitted_assessment(other_organization, questionnaire)
    assert compliance_for(organization) == Compliance.OVERDUE
    assert compliance_for(other_organization) == Compliance.UP_TO_DATE
    assert compliance_for(late_joiner) == Compliance.UP_TO_DATE  # joined after the deadline
    overdue = set(
        with_compliance(Organization.objects.all()).filter(compliance=Compliance.OVERDUE).values_list("pk", flat=True)
    )
    assert organization.pk in overdue and partner.pk not in overdue and other_organization.pk not in overdue
    # While the round is open nobody is overdue.
    open_round(opens=-60, closes=10)
    assert compliance_for(organization) == Compliance.UP_TO_DATE


def test_a_returned_assessment_after_the_deadline_is_still_overdue(organization, questionnaire, staff_user):
    assessment = submitted_assessment(organization, questionnaire)
    assessment.transition_to("returned", user=staff_user, comment="Falta la evidencia.")
    open_round(opens=-60, closes=-1)
    assert compliance_for(organization) == Compliance.OVERDUE


def test_the_portal_shows_the_deadline_and_then_the_overdue_state(representative_client, organization, questionnaire):
    from supplychain.dashboard import portal_panels

    account = organization.portal_accounts.get()
    open_round(opens=-60, closes=10)
    overview = speak(representative_client, "es").get(reverse("supplychain_portal:overview")).content.decode()
    assert "Quedan 10 días" in overview
    request = type("R", (), {"user": account.user})()
    due = next(d for d in portal_panels(request, account)[0].due if d.kind == "Autoevaluación")
    assert due.due_date == days(10) and not due.overdue
    open_round(opens=-60, closes=-1)
    overview = representative_client.get(reverse("supplychain_portal:overview")).content.decode()
    assert "cuenta como vencida" in overview
    due = next(d for d in portal_panels(request, account)[0].due if d.kind == "Autoevaluación")
    assert due.overdue
    dashboard = representative_client.get(reverse("members_portal:dashboard")).content.decode()
    assert "Autoevaluación de la cadena de valor" in dashboard


def test_the_admin_round_lists_the_overdue_organisations(
    staff_client, organization, other_organization, questionnaire
):
    assessment_round = open_round(opens=-60, closes=-1)
    submitted_assessment(other_organization, questionnaire)
    response = speak(staff_client, "es").get(reverse("supplychain_rounds:inspect", args=[assessment_round.pk]))
    content = response.content.decode()
    assert "1 organización atrasada" in content
    overdue_list = content.split("atrasada")[1]
    assert organization.name in overdue_list and other_organization.name not in overdue_list
    assert "la última versión publicada" in content
    index = staff_client.get(reverse("supplychain_rounds:index")).content.decode()
    assert "Cerrada" in index


def test_the_secretariat_edits_the_calendar_in_the_admin(staff_client, questionnaire):
    response = staff_client.post(
        reverse("supplychain_rounds:add"),
        {"year": TODAY.year + 1, "opens_on": days(400).isoformat(), "closes_on": days(300).isoformat(), "notes": ""},
    )
    assert response.status_code == 200 and not AssessmentRound.objects.filter(year=TODAY.year + 1).exists()
    staff_client.post(
        reverse("supplychain_rounds:add"),
        {"year": TODAY.year + 1, "opens_on": days(300).isoformat(), "closes_on": days(400).isoformat(), "notes": ""},
    )
    assert AssessmentRound.objects.get(year=TODAY.year + 1).closes_on == days(400)


# --- Reminders ---------------------------------------------------------------------------------


def test_reminders_30_7_and_1_days_before_each_once_to_those_without_a_submitted_assessment(
    organization, other_organization, representative, other_representative, questionnaire
):
    open_round(opens=-60, closes=30)
    submitted_assessment(other_organization, questionnaire)
    assert reminders.send_assessment_reminders(TODAY) == 1
    assert reminders.send_assessment_reminders(TODAY) == 0  # run twice: nothing new
    assert [m.to for m in mail.outbox] == [[representative.email]]
    assert "30 días" in mail.outbox[0].subject and "/portal/value-chain/" in mail.outbox[0].body
    assert reminders.send_assessment_reminders(days(10)) == 0  # 20 days left: no stage
    assert reminders.send_assessment_reminders(days(23)) == 1  # 7 days left
    assert reminders.send_assessment_reminders(days(25)) == 0  # the 7-day stage was sent
    assert reminders.send_assessment_reminders(days(29)) == 1  # 1 day left
    assert reminders.send_assessment_reminders(days(31)) == 0  # past the deadline
    assert len(mail.outbox) == 3
    assert NoticeLog.objects.filter(organization=organization).count() == 3


def test_a_reminder_speaks_each_representatives_language(organization, representative, questionnaire):
    english = PortalAccountFactory(organization=organization).user
    profile = UserProfile.get_for_user(english)
    profile.preferred_language = "en"
    profile.save()
    open_round(opens=-60, closes=7)
    call_command("send_supplychain_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    assert "is due in 7 days" in by_recipient[(english.email,)].subject
    assert "vence en 7 días" in by_recipient[(representative.email,)].subject


def test_the_reminder_links_to_an_assessment_already_started(organization, representative, questionnaire):
    open_round(opens=-60, closes=1)
    assessment = start_assessment(organization, user=representative)
    reminders.send_assessment_reminders(TODAY)
    assert f"/portal/value-chain/assessments/{assessment.pk}/" in mail.outbox[0].body


# --- Referrals: the secretariat is told, late steps once, counts and age bands only --------------


def test_the_secretariat_is_told_when_a_referral_is_recorded(
    representative_client, organization, settings, django_capture_on_commit_callbacks
):
    settings.SECRETARIAT_EMAILS = ["secretaria@example.org"]
    region = RiskRegionFactory(name="Zona de Los Santos")
    data = {
        "detected_on": days(-1).isoformat(),
        "region": region.pk,
        "activity": "Cosecha de café",
        "hazardous": "on",
        "girls_5_11": 0,
        "boys_5_11": 0,
        "girls_12_14": 0,
        "boys_12_14": 0,
        "girls_15_17": 1,
        "boys_15_17": 1,
        "authority": "mtss",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = representative_client.post(reverse("supplychain_portal:referral_add"), data)
    assert response.status_code == 302
    referral = Referral.objects.get(organization=organization)
    (message,) = [m for m in mail.outbox if m.to == ["secretaria@example.org"]]
    assert organization.name in message.subject
    assert "15 a 17: 1 niñas, 1 niños" in message.body and "Zona de Los Santos" in message.body
    assert reverse("supplychain_referrals:inspect", args=[referral.pk]) in message.body
    assert "Cosecha de café" in message.body  # the kind of work, never a name


def test_late_referral_steps_are_notified_once_per_step(organization, settings):
    settings.SECRETARIAT_EMAILS = ["secretaria@example.org"]
    referral = ReferralFactory(organization=organization, detected_on=days(-20))
    fresh = ReferralFactory(organization=organization, detected_on=days(-1))
    assert reminders.send_late_referral_notices(TODAY) == 1
    assert reminders.send_late_referral_notices(TODAY) == 0
    (message,) = mail.outbox
    assert "No se refirió a una autoridad" in message.body and "12 a 14: 1/0" in message.body
    referral.advance(on=days(-2), notes="Referido al MTSS.")
    assert reminders.send_late_referral_notices(TODAY) == 0  # referred: the next limit is 30 working days
    assert reminders.send_late_referral_notices(days(60)) == 2  # removal late, and the fresh one unreferred
    assert reminders.send_late_referral_notices(days(61)) == 0
    assert fresh.pending_late_step(days(60)) == "referred"


# --- The secretariat's dashboard ---------------------------------------------------------------


def test_the_admin_dashboard_counts_what_waits_and_what_is_late(staff_client, organization, questionnaire):
    submitted_assessment(organization, questionnaire, year=TODAY.year - 1)
    open_round(TODAY.year - 1, opens=-400, closes=-300)
    ReferralFactory(organization=organization, detected_on=days(-20))
    ActionItemFactory(organization=organization, due_date=days(-3))
    ActionItemFactory(organization=organization, status="done")
    response = speak(staff_client, "es").get(reverse("wagtailadmin_home"))
    content = response.content.decode()
    assert "1 autoevaluación esperando revisión" in content
    assert "1 referencia atrasada para referir" in content
    assert "1 acción vencida" in content and "1 acción por verificar" in content
    assert "Cosecha" not in content  # counts only


# --- Action items: evidence, verification, the follow-up list ----------------------------------


def test_done_with_evidence_then_verified_by_the_secretariat(representative_client, organization, staff_user):
    staff_client = Client()
    staff_client.force_login(staff_user)
    item = ActionItemFactory(organization=organization)
    url = reverse("supplychain_portal:action_edit", args=[item.pk])
    data = {"finding": item.finding, "action": item.action, "status": "done", "evidence_note": "Acta firmada"}
    response = representative_client.post(
        url, {**data, "evidence": SimpleUploadedFile("acta.pdf", PDF, content_type="application/pdf")}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "done" and item.evidence.name.endswith(".pdf")
    download = representative_client.get(reverse("supplychain_portal:action_evidence", args=[item.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    # The secretariat confirms, then verifies: who and when, in the history.
    confirm = staff_client.get(reverse("supplychain_actions:verify", args=[item.pk]))
    assert (
        confirm.status_code == 200
        and reverse("supplychain_actions:evidence", args=[item.pk]) in confirm.content.decode()
    )
    staff_client.post(reverse("supplychain_actions:verify", args=[item.pk]), {"comment": "Acta revisada"})
    item.refresh_from_db()
    assert item.status == "verified" and item.verified_by == staff_user and item.verified_at is not None
    assert item.completed_at == TODAY
    entry = item.history().first()
    assert (entry.user, entry.data["to"], entry.data["comment"]) == (staff_user, "verified", "Acta revisada")
    inspect = staff_client.get(reverse("supplychain_actions:inspect", args=[item.pk])).content.decode()
    assert "Acta revisada" in inspect
    # Verified: the organisation can no longer change it, and it is no longer pending.
    response = representative_client.post(url, {**data, "status": "open"})
    item.refresh_from_db()
    assert item.status == "verified"
    assert not ActionItem.objects.filter(pk=item.pk).pending().exists()
    detail = representative_client.get(reverse("supplychain_portal:action_detail", args=[item.pk])).content.decode()
    assert "Verificada" in detail


def test_without_evidence_it_cannot_be_verified_and_a_send_back_needs_a_comment(staff_client, organization):
    item = ActionItemFactory(organization=organization, status="done")
    response = speak(staff_client, "es").post(reverse("supplychain_actions:verify", args=[item.pk]), {"comment": ""})
    assert "no tiene archivo de evidencia" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "done"
    response = staff_client.post(reverse("supplychain_actions:send_back", args=[item.pk]), {"comment": ""})
    assert response.status_code == 200
    item.refresh_from_db()
    assert item.status == "done"
    staff_client.post(reverse("supplychain_actions:send_back", args=[item.pk]), {"comment": "Falta la evidencia"})
    item.refresh_from_db()
    assert item.status == "in_progress"


def test_a_portal_user_cannot_verify(representative_client, organization):
    item = ActionItemFactory(organization=organization, status="done")
    url = reverse("supplychain_portal:action_edit", args=[item.pk])
    data = {"finding": item.finding, "action": item.action, "status": "verified"}
    response = representative_client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors["status"]
    item.refresh_from_db()
    assert item.status == "done"


def test_another_organisations_evidence_answers_404(client, other_representative, organization):
    item = ActionItemFactory(organization=organization)
    item.evidence.save("acta.pdf", SimpleUploadedFile("acta.pdf", PDF))
    client.force_login(other_representative)
    assert_not_found(client.get(reverse("supplychain_portal:action_evidence", args=[item.pk])))
    assert_not_found(client.get(reverse("supplychain_portal:action_detail", args=[item.pk])))


def test_an_evidence_file_of_the_wrong_type_is_refused(representative_client, organization):
    item = ActionItemFactory(organization=organization)
    url = reverse("supplychain_portal:action_edit", args=[item.pk])
    data = {"finding": item.finding, "action": item.action, "status": "done"}
    response = representative_client.post(url, {**data, "evidence": SimpleUploadedFile("x.exe", b"MZ\x90\x00")})
    assert response.status_code == 200 and response.context["form"].errors["evidence"]
    item.refresh_from_db()
    assert item.status == "open" and not item.evidence


def test_the_follow_up_list_filters_by_state_organisation_and_overdue(staff_client, organization, other_organization):
    ActionItemFactory(organization=organization, due_date=days(-2), action="Accion-atrasada")
    ActionItemFactory(organization=organization, due_date=days(10), action="Accion-a-tiempo")
    ActionItemFactory(organization=other_organization, status="done", action="Accion-terminada")
    index = reverse("supplychain_actions:index")
    content = staff_client.get(index, {"overdue": "true"}).content.decode()
    assert "Accion-atrasada" in content and "Accion-a-tiempo" not in content and "Accion-terminada" not in content
    content = staff_client.get(index, {"status": "done"}).content.decode()
    assert "Accion-terminada" in content and "Accion-atrasada" not in content
    content = staff_client.get(index, {"organization": other_organization.pk}).content.decode()
    assert "Accion-terminada" in content and "Accion-atrasada" not in content
    content = staff_client.get(index, {"q": "tiempo"}).content.decode()
    assert "Accion-a-tiempo" in content and "Accion-atrasada" not in content


def test_the_referral_list_filters_late_ones(staff_client, organization):
    ReferralFactory(organization=organization, detected_on=days(-20), activity="Cosecha tardía")
    ReferralFactory(organization=organization, detected_on=days(-1), activity="Reciente")
    content = staff_client.get(reverse("supplychain_referrals:index"), {"late": "true"}).content.decode()
    assert "Cosecha tardía" in content or "20" in content
    assert len(Referral.objects.late()) == 1


# --- Number answers within their range ---------------------------------------------------------


def test_a_minimum_hiring_age_of_150_is_refused_in_the_users_language(representative_client, organization):
    from supplychain.default_questionnaire import number_ranges

    assert number_ranges()["politica-edad-minima"] == (12, 30)
    questionnaire = make_questionnaire()
    open_round()
    question = Question.objects.get(section__questionnaire=questionnaire, key="q4")
    Question.objects.filter(pk=question.pk).update(min_value=12, max_value=30)
    assessment = start_assessment(organization, user=organization.portal_accounts.get().user)
    url = reverse("supplychain_portal:section", args=[assessment.pk, question.section_id])
    response = speak(representative_client, "es").post(url, {"q_q4": "150", "save": "1"})
    assert "La respuesta debe estar entre 12 y 30." in response.content.decode()
    assert not assessment.answers.filter(question=question).exists()
    response = speak(representative_client, "en").post(url, {"q_q4": "150", "save": "1"})
    assert "The answer must be between 12 and 30." in response.content.decode()
    representative_client.post(url, {"q_q4": "18", "save": "1"})
    assert assessment.answers.get(question=question).number == 18


def test_the_default_questionnaire_has_the_ranges_after_migrating(db):
    from django.apps import apps

    from supplychain.default_questionnaire import load

    load(apps, code="rangos")
    age = Question.objects.get(section__questionnaire__code="rangos", key="politica-edad-minima")
    assert (age.min_value, age.max_value) == (12, 30)


def test_a_range_cannot_be_upside_down(questionnaire):
    from django.core.exceptions import ValidationError

    question = Question.objects.get(section__questionnaire=questionnaire, key="q4")
    question.min_value, question.max_value = 10, 5
    with pytest.raises(ValidationError) as error:
        question.clean()
    assert "max_value" in error.value.message_dict


def test_answers_already_stored_are_kept(organization, questionnaire, representative):
    assessment = start_assessment(organization, user=representative)
    stored = answer(assessment, "q4", number=5)
    assert stored.number == 5


def test_the_portal_dashboard_panel_shows_the_deadline_and_the_overdue_badge(representative_client, questionnaire):
    open_round(opens=-60, closes=-1)
    content = speak(representative_client, "es").get(reverse("members_portal:dashboard")).content.decode()
    assert "Abierta desde el" in content and "fecha límite" in content
