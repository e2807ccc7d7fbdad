"""What the commitments app's e-mails say: subject, recipients and the facts the reader acts on
(reference, title, period, deadline, comment, the link to open). In Spanish, the site's language."""

import datetime
import functools

import pytest

from django.core import mail
from django.utils import timezone

from commitments import reminders
from commitments.models import PledgeSignature, PledgeVersion, ReportStatus

from .factories import ApprovedCommitmentFactory, CommitmentFactory, PledgeVersionFactory

pytestmark = pytest.mark.django_db
SITE = "Red de Empresas contra el Trabajo Infantil"


@pytest.fixture
def committed(django_capture_on_commit_callbacks, settings):
    """E-mails leave when the transaction commits; the secretariat's address is set."""
    settings.SECRETARIAT_EMAILS = ["secretaria@example.org"]
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


def sent():
    messages = [(m.subject, m.to, m.body.splitlines()) for m in mail.outbox]
    mail.outbox.clear()
    return messages


def test_commitment_submitted_returned_and_approved(committed, organization, representative, staff_user):
    commitment = CommitmentFactory(organization=organization, title="Becas escolares")
    ref, portal = commitment.reference, f"http://testserver/portal/commitments/{commitment.pk}/"
    mail.outbox.clear()
    with committed():
        commitment.transition_to("submitted", user=representative)
    assert sent() == [
        (
            "Compromiso por revisar: Empresa Propia S.A.",
            ["secretaria@example.org"],
            [
                f"Empresa Propia S.A. envió el compromiso {ref} «Becas escolares» para revisión.",
                "",
                f"http://testserver/admin/commitments-review/commitment/{commitment.pk}/",
                "",
                SITE,
            ],
        )
    ]
    with committed():
        commitment.transition_to("draft", user=staff_user, comment="Falta la línea base")
    ((subject, to, lines),) = sent()
    assert (subject, to) == (f"Compromiso {ref} devuelto con un comentario", [representative.email])
    assert "La Secretaría devolvió su compromiso «Becas escolares» para que lo corrija y lo envíe de nuevo." in lines
    assert "Motivo: Falta la línea base" in lines and portal in lines

    commitment.transition_to("submitted", user=representative)
    mail.outbox.clear()
    with committed():
        commitment.transition_to("approved", user=staff_user, comment="Muy bien")
    ((subject, to, lines),) = sent()
    assert (subject, to) == (f"Compromiso {ref} aprobado", [representative.email])
    assert lines[0].startswith("La Secretaría aprobó su compromiso «Becas escolares».")
    assert "Comentario: Muy bien" in lines and portal in lines


def test_progress_report_returned_and_approved(committed, organization, representative, staff_user):
    commitment = ApprovedCommitmentFactory(organization=organization, title="Becas escolares")
    report = commitment.reports.get(period="2024-Q1")
    report.value = 3
    report.save()
    ref, link = commitment.reference, f"http://testserver/portal/commitments/reports/{report.pk}/"
    report.transition_to("submitted", user=representative)
    mail.outbox.clear()
    with committed():
        report.transition_to("returned", user=staff_user, comment="Falta evidencia")
    ((subject, to, lines),) = sent()
    assert (subject, to) == (f"Informe de avance {ref} 2024-Q1 devuelto con un comentario", [representative.email])
    assert lines[0] == (
        "La Secretaría devolvió su informe de avance 2024-Q1 de «Becas escolares». Corríjalo y envíelo de nuevo."
    )
    assert "Motivo: Falta evidencia" in lines and link in lines

    report.transition_to("submitted", user=representative)
    mail.outbox.clear()
    with committed():
        report.transition_to("approved", user=staff_user, comment="Gracias")
    ((subject, to, lines),) = sent()
    assert (subject, to) == (f"Informe de avance {ref} 2024-Q1 aprobado", [representative.email])
    assert (
        lines[0]
        == "La Secretaría aprobó su informe de avance 2024-Q1 de «Becas escolares». Ya cuenta en el observatorio."
    )
    assert "Comentario: Gracias" in lines and link in lines


def test_report_reminders_give_the_period_deadline_and_link(committed, organization, representative):
    commitment = ApprovedCommitmentFactory(organization=organization, title="Cláusulas con proveedores")
    report = commitment.reports.get(period="2025-Q4")  # deadline 30 January 2026
    commitment.reports.exclude(pk=report.pk).update(status=ReportStatus.APPROVED, value=1)
    link = f"  http://testserver/portal/commitments/reports/{report.pk}/"
    mail.outbox.clear()
    reminders.run(report.deadline - datetime.timedelta(days=7))
    ((subject, to, lines),) = sent()
    assert (subject, to) == ("Recordatorio: informes de avance por vencer", [representative.email])
    assert "Estos informes de avance de Empresa Propia S.A. están pendientes:" in lines
    assert "- Cláusulas con proveedores — 2025-Q4: fecha límite 30/01/2026" in lines and link in lines

    reminders.run(report.deadline + datetime.timedelta(days=1))
    by_recipient = {to[0]: (subject, lines) for subject, to, lines in sent()}
    subject, lines = by_recipient[representative.email]
    assert subject == "Informes de avance atrasados"
    assert "- Cláusulas con proveedores — 2025-Q4: fecha límite 30/01/2026 (atrasado)" in lines and link in lines
    subject, lines = by_recipient["secretaria@example.org"]
    assert subject == "1 organización con informes de avance atrasados"
    assert "- Empresa Propia S.A. (1)" in lines
    assert "http://testserver/admin/commitments-review/compliance/?compliance=overdue" in lines
    assert set(by_recipient) == {representative.email, "secretaria@example.org"}


def test_a_new_pledge_version_asks_the_earlier_signer_to_sign_again(organization, representative):
    PledgeSignature.sign(
        organization=organization,
        version=PledgeVersionFactory(number=1),
        user=representative,
        signer_name="Ana Mora",
        signer_position="Gerente",
    )
    mail.outbox.clear()
    PledgeVersion.objects.create(number=2, label="Versión 2026", text="<p>v2</p>", published_at=timezone.now())
    ((subject, to, lines),) = sent()
    assert to == [representative.email]
    assert subject == "Nueva versión del compromiso de adhesión de la Red (v2 (Versión 2026)): fírmela de nuevo"
    assert "Empresa Propia S.A. firmó una versión anterior" in " ".join(lines)
    assert "http://testserver/portal/commitments/pledge/" in lines
