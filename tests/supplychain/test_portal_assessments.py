import datetime
import io

import pytest
from pypdf import PdfReader

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from supplychain.models import ActionItem, Answer, Assessment, Question, QuestionnaireStatus
from supplychain.services import start_assessment
from tests.helpers import pdf_text, speak
from tests.members.factories import PortalAccountFactory

from .factories import answer, submitted_assessment

pytestmark = pytest.mark.django_db


def section_url(assessment, key):
    section = assessment.questionnaire.sections.get(key=key)
    return reverse("supplychain_portal:section", args=[assessment.pk, section.pk])


def form_tokens(response):
    """The hidden revision/fingerprint inputs the page carries, as a dict."""
    import re

    html = response.content.decode()
    return dict(re.findall(r'<input type="hidden" name="((?:rev|fp)_[\w-]+)" value="([^"]*)">', html))


@pytest.fixture
def assessment(organization, questionnaire, representative):
    return start_assessment(organization, user=representative)


def test_start_this_years_assessment_once(representative_client, organization, questionnaire):
    response = representative_client.post(reverse("supplychain_portal:start"), {"prefill": "on"})
    assessment = Assessment.objects.get(organization=organization)
    assert response["Location"] == reverse("supplychain_portal:assessment_detail", args=[assessment.pk])
    assert assessment.year == timezone.localdate().year
    assert assessment.questionnaire == questionnaire
    representative_client.post(reverse("supplychain_portal:start"))
    assert Assessment.objects.filter(organization=organization).count() == 1
    page = speak(representative_client, "es").get(reverse("supplychain_portal:overview"))
    assert "Continuar la autoevaluación" in page.content.decode()


def test_observer_cannot_start_or_edit(client, organization, questionnaire, observer, assessment):
    client.force_login(observer)
    assert client.post(reverse("supplychain_portal:start")).status_code == 403
    assert client.get(section_url(assessment, "a")).status_code == 403
    assert client.get(reverse("supplychain_portal:assessment_detail", args=[assessment.pk])).status_code == 200


def test_prefill_from_last_year(organization, questionnaire, representative):
    last = submitted_assessment(organization, questionnaire, year=timezone.localdate().year - 1, q2=("a", "b"))
    new_version = questionnaire.new_version()
    new_version.transition_to(QuestionnaireStatus.PUBLISHED)
    type(questionnaire).objects.filter(pk=questionnaire.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=9)
    )
    current = start_assessment(organization, user=representative, prefill=True)
    assert current.questionnaire == new_version
    assert current.prefilled_from == last
    answers = {a.question.key: a for a in current.answers.select_related("question")}
    assert answers["q1"].choices == ["si"]
    assert answers["q2"].choices == ["a", "b"]
    assert answers["q1"].question.section.questionnaire == new_version


def test_section_saves_valid_answers_and_keeps_typed_values_on_error(representative_client, assessment):
    url = section_url(assessment, "b")
    tokens = form_tokens(representative_client.get(url))
    data = {**tokens, "q_q3": "4", "q_q4": "doce", "q_q5": "Tenemos un comité"}
    response = representative_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="doce"' in html  # what was typed stays
    assert "field__errors" in html  # the error sits next to the question
    assert "Tenemos un comité" in html
    saved = {a.question.key: a for a in Answer.objects.filter(assessment=assessment).select_related("question")}
    assert saved["q3"].number == 4
    assert saved["q5"].text == "Tenemos un comité"
    assert "q4" not in saved
    # Correcting only the invalid one with the tokens of the re-rendered form saves it.
    data = {**form_tokens(response), "q_q3": "4", "q_q4": "12", "q_q5": "Tenemos un comité"}
    response = representative_client.post(url, data)
    assert response.status_code == 302
    assert Answer.objects.get(assessment=assessment, question__key="q4").number == 12
    assert Answer.objects.get(assessment=assessment, question__key="q3").revision == 1


def test_evidence_upload_type_checked(representative_client, assessment):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = section_url(assessment, "b")
    tokens = form_tokens(representative_client.get(url))
    bad = SimpleUploadedFile("virus.exe", b"MZ...", content_type="application/octet-stream")
    response = representative_client.post(url, {**tokens, "q_q6": bad})
    assert response.status_code == 200
    assert not Answer.objects.filter(assessment=assessment, question__key="q6").exists()
    good = SimpleUploadedFile("politica.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = representative_client.post(url, {**tokens, "q_q6": good})
    assert response.status_code == 302
    stored = Answer.objects.get(assessment=assessment, question__key="q6")
    download = representative_client.get(reverse("supplychain_portal:evidence", args=[assessment.pk, stored.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"


def test_concurrent_edits_are_never_silently_overwritten(
    client, organization, representative, contributor, assessment
):
    url = section_url(assessment, "a")
    client.force_login(representative)
    tokens_rep = form_tokens(client.get(url))
    client.force_login(contributor)
    tokens_con = form_tokens(client.get(url))
    # The contributor saves first: q1 = "si".
    assert client.post(url, {**tokens_con, "q_q1": "si"}).status_code == 302
    # The representative, with the page loaded before, sets q1 = "no" and q2.
    client.force_login(representative)
    response = speak(client, "es").post(url, {**tokens_rep, "q_q1": "no", "q_q2": ["a"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sí" in html and "no se guardó" in html
    stored = {a.question.key: a for a in Answer.objects.filter(assessment=assessment).select_related("question")}
    assert stored["q1"].choices == ["si"]  # the contributor's answer survived
    assert stored["q2"].choices == ["a"]  # the rest was merged in
    # Saving again from the re-rendered form is a deliberate overwrite.
    response = client.post(url, {**form_tokens(response), "q_q1": "no", "q_q2": ["a"]})
    assert response.status_code == 302
    assert Answer.objects.get(assessment=assessment, question__key="q1").choices == ["no"]


def test_an_untouched_answer_does_not_overwrite_a_colleagues_change(client, representative, contributor, assessment):
    answer(assessment, "q1", choices=["no"])
    url = section_url(assessment, "a")
    client.force_login(representative)
    tokens_rep = form_tokens(client.get(url))
    Answer.objects.filter(assessment=assessment, question__key="q1").update(choices=["si"], revision=2)
    # The representative only ticks q2; the form still carries q1 = "no" as loaded.
    response = client.post(url, {**tokens_rep, "q_q1": "no", "q_q2": ["b"]})
    assert response.status_code == 302
    assert Answer.objects.get(assessment=assessment, question__key="q1").choices == ["si"]
    assert Answer.objects.get(assessment=assessment, question__key="q2").choices == ["b"]


def test_contributor_cannot_submit_representative_can(client, organization, representative, contributor, assessment):
    answer(assessment, "q1", choices=["si"])
    answer(assessment, "q3", number=2)
    client.force_login(contributor)
    preview = client.get(reverse("supplychain_portal:preview", args=[assessment.pk]))
    assert preview.status_code == 200
    assert client.post(reverse("supplychain_portal:submit", args=[assessment.pk])).status_code == 403
    client.force_login(representative)
    response = client.post(reverse("supplychain_portal:submit", args=[assessment.pk]))
    assert response["Location"] == reverse("supplychain_portal:results", args=[assessment.pk])
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.overall_score is not None
    results = speak(client, "es").get(response["Location"]).content.decode()
    assert "<svg" in results and "<table" in results
    spanish_score = str(assessment.overall_score).replace(".", ",")  # Spanish decimal comma
    assert f"Puntaje global: <strong>{spanish_score}</strong> de 100" in results
    assert "Recomendación B" in results  # section B is weak
    assert ActionItem.objects.filter(assessment=assessment).exists()
    # Once submitted, sections cannot be edited.
    assert client.get(section_url(assessment, "a")).status_code == 302


def test_incomplete_assessment_is_not_submitted(representative_client, assessment):
    response = representative_client.post(reverse("supplychain_portal:submit", args=[assessment.pk]))
    assert response["Location"] == reverse("supplychain_portal:preview", args=[assessment.pk])
    assessment.refresh_from_db()
    assert assessment.status == "draft"


def test_pdf_report_holds_the_scores(representative_client, organization, questionnaire):
    assessment = submitted_assessment(organization, questionnaire)
    response = speak(representative_client, "es").get(reverse("supplychain_portal:report_pdf", args=[assessment.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert organization.name in text
    for score in [assessment.overall_score, *assessment.section_scores.values_list("score", flat=True)]:
        assert str(score).replace(".", ",") in text  # Spanish decimal comma


def test_secretariat_returns_and_reviews_with_email_and_audit_log(
    staff_client, organization, questionnaire, django_capture_on_commit_callbacks
):

    rep = PortalAccountFactory(organization=organization).user
    assessment = submitted_assessment(organization, questionnaire)
    url = reverse("supplychain_assessments:review", args=[assessment.pk])
    response = staff_client.post(url, {"decision": "returned", "comment": ""})
    assert response.status_code == 200
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {"decision": "returned", "comment": "Falta la evidencia de la política."})
    assessment.refresh_from_db()
    assert assessment.status == "returned"
    assert [m.to for m in mail.outbox] == [[rep.email]]
    assert "Falta la evidencia de la política." in mail.outbox[0].body
    year = assessment.year
    assert mail.outbox[0].subject == f"Su autoevaluación de la cadena de valor {year} fue devuelta"
    lines = mail.outbox[0].body.splitlines()
    returned = f"La secretaría devolvió para corrección la autoevaluación de la cadena de valor {year} de"
    assert lines[0] == f"{returned} {organization.name}."
    detail = reverse("supplychain_portal:assessment_detail", args=[assessment.pk])
    assert f"http://testserver{detail}" in lines
    entry = assessment.history().first()
    assert (entry.data["from"], entry.data["to"], entry.data["comment"]) == (
        "submitted",
        "returned",
        "Falta la evidencia de la política.",
    )
    # Returned: editable again; resubmitting keeps the action items once.
    before = ActionItem.objects.filter(assessment=assessment).count()
    assessment.transition_to("submitted", user=rep)
    assert ActionItem.objects.filter(assessment=assessment).count() == before
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(url, {"decision": "reviewed", "comment": ""})
    assessment.refresh_from_db()
    assert assessment.status == "reviewed"
    assert staff_client.get(reverse("supplychain_assessments:pdf", args=[assessment.pk]))["Content-Type"] == (
        "application/pdf"
    )
    ((reviewed),) = mail.outbox
    assert (reviewed.to, reviewed.subject) == (
        [rep.email],
        f"Su autoevaluación de la cadena de valor {year} fue revisada",
    )
    assert reviewed.body.splitlines()[0].startswith("La secretaría revisó la autoevaluación de la cadena de valor")
    assert f"http://testserver{detail}" in reviewed.body.splitlines()
    text = pdf_text(speak(staff_client, "es").get(reverse("supplychain_assessments:pdf", args=[assessment.pk])))
    assert organization.name in text
    assert f"Puntaje global: {str(assessment.overall_score).replace('.', ',')} / 100" in text


def test_english_labels_follow_the_active_language(client, representative, assessment):
    client.force_login(representative)
    client.cookies["django_language"] = "en"
    html = client.get(section_url(assessment, "a"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Policy?" in html
    client.cookies["django_language"] = "es"
    html = client.get(section_url(assessment, "a"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "¿Política?" in html


def test_completion_per_section(representative_client, assessment):
    answer(assessment, "q1", choices=["si"])
    html = representative_client.get(reverse("supplychain_portal:assessment_detail", args=[assessment.pk])).content
    html = html.decode()
    assert "1 / 2" in html  # section A: q1 answered of q1 and (now visible) q2
    assert "0 / 4" in html


@pytest.mark.parametrize(("size", "q4_required"), [("small", False), ("large", True)])
def test_the_portal_marks_the_questions_required_for_the_companys_size(
    representative_client, organization, assessment, size, q4_required
):
    """q4 is required for large companies only: its label and the preview say so only for them."""
    Question.objects.filter(section__questionnaire=assessment.questionnaire, key="q4").update(required_sizes=["large"])
    organization.size = size
    organization.save()
    speak(representative_client, "es")
    html = representative_client.get(section_url(assessment, "b")).content.decode()
    required = ' <span class="field__required">(obligatorio)</span></label>'
    assert f'<label for="id_q_q4">¿Cuántos?{required}' in html if q4_required else f"¿Cuántos?{required}" not in html
    assert f'<label for="id_q_q5">Comentarios{required}' not in html  # never required
    answer(assessment, "q1", choices=["si"])
    preview = representative_client.get(reverse("supplychain_portal:preview", args=[assessment.pk])).content.decode()
    # q3 (every size) and, for a large company, q4 are still unanswered and required.
    assert preview.count("Obligatoria — sin responder") == (2 if q4_required else 1)
    response = representative_client.post(reverse("supplychain_portal:submit", args=[assessment.pk]))
    assert response["Location"] == reverse("supplychain_portal:preview", args=[assessment.pk])
    answer(assessment, "q3", number=3)
    response = representative_client.post(reverse("supplychain_portal:submit", args=[assessment.pk]))
    expected = "preview" if q4_required else "results"
    assert response["Location"] == reverse(f"supplychain_portal:{expected}", args=[assessment.pk])
