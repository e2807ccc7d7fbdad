import datetime
import io

import pytest
from PIL import Image

from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from commitments.models import (
    Commitment,
    CommitmentStatus,
    Evidence,
    PledgeSignature,
    ProgressReport,
    ReportStatus,
)
from network_site.models import ImportJob
from tests.helpers import assert_not_found, background_pdf, pdf_text

from .factories import ApprovedCommitmentFactory, CommitmentFactory, PledgeVersionFactory


def png_bytes(size=(20, 20)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "orange").save(buffer, "PNG")
    return buffer.getvalue()


def running(organization, **kwargs):
    today = timezone.localdate()
    return ApprovedCommitmentFactory(
        organization=organization,
        start_date=datetime.date(today.year - 1, 1, 1),
        end_date=datetime.date(today.year + 1, 12, 31),
        **kwargs,
    )


@pytest.fixture
def other_objects(other_organization, other_representative, tmp_path):
    """Another organisation's commitment, report, evidence, signature and import job."""
    commitment = running(other_organization, title="Compromiso ajeno secreto")
    report = commitment.reports.order_by("period_start").first()
    evidence = Evidence.objects.create(
        report=report,
        file=SimpleUploadedFile("foto.png", png_bytes()),
        original_name="foto.png",
        content_type="image/png",
        size=10,
        kind="image",
    )
    version = PledgeVersionFactory()
    signature = PledgeSignature.sign(
        organization=other_organization,
        version=version,
        user=other_representative,
        signer_name="Otra",
        signer_position="Gerente",
    )
    job = ImportJob.objects.create(
        resource="progress_reports",
        filename="x.csv",
        file=ContentFile(b"a", name="x.csv"),
        created_by=other_representative,
    )
    return {"commitment": commitment, "report": report, "evidence": evidence, "signature": signature, "job": job}


def test_every_portal_url_answers_404_for_another_organisations_ids(representative_client, other_objects):
    c, r, e, s, j = (other_objects[k] for k in ("commitment", "report", "evidence", "signature", "job"))
    gets = [
        reverse("commitments_portal:detail", args=[c.pk]),
        reverse("commitments_portal:edit", args=[c.pk]),
        reverse("commitments_portal:report", args=[r.pk]),
        reverse("commitments_portal:evidence", args=[e.pk]),
        reverse("commitments_portal:certificate", args=[s.pk]),
        reverse("commitments_portal:import_preview", args=[j.pk]),
    ]
    for url in gets:
        assert_not_found(representative_client.get(url), url)
    posts = [
        reverse("commitments_portal:submit", args=[c.pk]),
        reverse("commitments_portal:report", args=[r.pk]),
        reverse("commitments_portal:evidence_delete", args=[e.pk]),
        reverse("commitments_portal:import_preview", args=[j.pk]),
    ]
    for url in posts:
        assert_not_found(representative_client.post(url, {"value": "3", "submit": "1"}), url)
    # Nothing of theirs changed.
    assert Evidence.objects.filter(pk=e.pk).exists()
    assert ProgressReport.objects.get(pk=r.pk).status == ReportStatus.DRAFT


def test_progress_pdf_holds_only_own_approved_data(representative_client, organization, other_objects, staff_user):
    own = running(organization, title="Cláusulas en contratos con proveedores")
    CommitmentFactory(organization=organization, title="Borrador ZANAHORIA-DRAFT-77")
    report = own.reports.order_by("period_start").first()
    report.value, report.narrative = 12, "Se firmaron doce contratos"
    report.save()
    report.transition_to("submitted", user=own.organization.portal_accounts.first().user)
    report.transition_to("approved", user=staff_user)
    response = representative_client.get(reverse("commitments_portal:progress_pdf", args=[report.period_start.year]))
    text = pdf_text(background_pdf(representative_client, response))
    assert "Cláusulas en contratos con proveedores" in text
    assert "Se firmaron doce contratos" in text
    assert "ZANAHORIA-DRAFT-77" not in text
    assert "Compromiso ajeno secreto" not in text
    text = " ".join(text.split())
    year = report.period_start.year
    assert text.startswith(f"Avance de Empresa Propia S.A. en {year} ")
    assert f"{own.reference} — Cláusulas en contratos con proveedores" in text
    assert "Indicador: Becas entregadas (línea base 0, meta 40 becas)" in text
    on_time = "No" if report.is_late else "Sí"
    assert f"Periodo Valor A tiempo Narrativa {report.period} 12 {on_time} Se firmaron doce contratos" in text


def test_contributor_drafts_but_cannot_submit(client, contributor, organization):
    client.force_login(contributor)
    response = client.post(
        reverse("commitments_portal:create"),
        {
            "title": "Campaña de sensibilización en fincas",
            "description": "Charlas",
            "thematic_area": "awareness",
            "acceleration_factor": "agriculture",
            "sdg_target": "8.7",
            "indicator_name": "Personas sensibilizadas",
            "indicator_unit": "personas",
            "indicator_kind": "number",
            "baseline": "0",
            "target": "500",
            "start_date": "2025-01-01",
            "end_date": "2026-12-31",
            "reporting_frequency": "quarterly",
            "is_public": "on",
        },
    )
    commitment = Commitment.objects.get(title="Campaña de sensibilización en fincas")
    assert response.status_code == 302
    assert commitment.organization == organization and commitment.status == CommitmentStatus.DRAFT
    assert client.post(reverse("commitments_portal:submit", args=[commitment.pk])).status_code == 403
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.DRAFT


def test_bad_commitment_input_shows_errors_and_writes_nothing(representative_client):
    response = representative_client.post(
        reverse("commitments_portal:create"),
        {
            "title": "Fechas al revés",
            "thematic_area": "education",
            "acceleration_factor": "education",
            "sdg_target": "8.7",
            "indicator_name": "x",
            "indicator_kind": "percentage",
            "baseline": "0",
            "target": "150",
            "start_date": "2026-01-01",
            "end_date": "2025-01-01",
            "reporting_frequency": "quarterly",
        },
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "field__errors" in content
    assert not Commitment.objects.filter(title="Fechas al revés").exists()


def test_representative_submits_and_edits_only_drafts(
    representative_client, organization, settings, django_capture_on_commit_callbacks
):
    settings.SECRETARIAT_EMAILS = ["secretaria@example.org"]
    commitment = CommitmentFactory(organization=organization)
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail leaves once the change is committed
        response = representative_client.post(reverse("commitments_portal:submit", args=[commitment.pk]))
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.status == CommitmentStatus.SUBMITTED
    assert mail.outbox[-1].to == ["secretaria@example.org"]
    assert representative_client.get(reverse("commitments_portal:edit", args=[commitment.pk])).status_code == 403


def test_observer_cannot_change_anything(client, observer, organization):
    client.force_login(observer)
    commitment = running(organization)
    report = commitment.reports.first()
    assert client.get(reverse("commitments_portal:list")).status_code == 200
    assert client.get(reverse("commitments_portal:create")).status_code == 403
    assert client.post(reverse("commitments_portal:report", args=[report.pk]), {"value": "3"}).status_code == 403


def test_representative_files_report_with_evidence(representative_client, organization, settings):
    settings.SECRETARIAT_EMAILS = ["secretaria@example.org"]
    commitment = running(organization)
    report = commitment.reports.order_by("period_start").first()
    url = reverse("commitments_portal:report", args=[report.pk])
    response = representative_client.post(
        url,
        {
            "value": "7",
            "narrative": "Siete becas entregadas",
            "evidence_files": [
                SimpleUploadedFile("entrega.png", png_bytes(), content_type="image/png"),
                SimpleUploadedFile("acta.pdf", b"%PDF-1.4\n...", content_type="application/pdf"),
            ],
            "submit": "1",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.value == 7 and report.is_late is True
    evidence = list(report.evidence.order_by("original_name"))
    assert [e.original_name for e in evidence] == ["acta.pdf", "entrega.png"]
    assert [e.kind for e in evidence] == ["document", "image"]
    # Evidence is stored outside the public media folder and served through the scoped view.
    assert str(settings.PRIVATE_MEDIA_ROOT) in evidence[1].file.path
    assert (
        not evidence[1].file.url
        if hasattr(evidence[1].file.storage, "base_url") and evidence[1].file.storage.base_url is None
        else True
    )
    download = representative_client.get(reverse("commitments_portal:evidence", args=[evidence[1].pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == png_bytes()
    # A submitted report is locked for the organisation.
    page = representative_client.get(url).content.decode()
    assert "Siete becas entregadas" in page and 'name="value"' not in page
    response = representative_client.post(url, {"value": "9"})
    report.refresh_from_db()
    assert report.value == 7


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ....", "no se acepta"),
        ("falso.png", b"%PDF-1.4 not an image", "no contiene lo que indica su extensión"),
        ("falso.pdf", b"GIF89a", "no contiene lo que indica su extensión"),
        ("vacío.pdf", b"", "vac"),
    ],
)
def test_bad_evidence_is_refused_with_a_clear_error(representative_client, organization, name, content, message):
    commitment = running(organization)
    report = commitment.reports.first()
    response = representative_client.post(
        reverse("commitments_portal:report", args=[report.pk]),
        {"value": "3", "evidence_files": [SimpleUploadedFile(name, content)], "submit": "1"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.value is None
    assert not Evidence.objects.exists()


def test_evidence_size_and_pixel_limits(representative_client, organization, settings):
    commitment = running(organization)
    report = commitment.reports.first()
    url = reverse("commitments_portal:report", args=[report.pk])
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    response = representative_client.post(
        url, {"value": "3", "evidence_files": [SimpleUploadedFile("g.png", png_bytes((20, 20)))]}
    )
    assert "demasiados píxeles" in response.content.decode()
    settings.COMMITMENTS_EVIDENCE_MAX_BYTES = 10
    response = representative_client.post(
        url, {"value": "3", "evidence_files": [SimpleUploadedFile("a.pdf", b"%PDF-" + b"x" * 50)]}
    )
    assert "pesa más de" in response.content.decode()
    assert not Evidence.objects.exists()


def test_report_view_of_returned_report_shows_comment(representative_client, organization, representative, staff_user):
    commitment = running(organization)
    report = commitment.reports.first()
    report.value = 4
    report.save()
    report.transition_to("submitted", user=representative)
    report.transition_to("returned", user=staff_user, comment="Adjunte la lista de becarios")
    page = representative_client.get(reverse("commitments_portal:report", args=[report.pk])).content.decode()
    assert "Adjunte la lista de becarios" in page and 'name="value"' in page


def test_commitment_list_filters(representative_client, organization, other_organization):
    CommitmentFactory(
        organization=organization, title="Empleo protegido adolescente", thematic_area="adolescent_workers"
    )
    CommitmentFactory(organization=organization, title="Becas escolares", thematic_area="education")
    CommitmentFactory(organization=other_organization, title="Ajeno")
    content = representative_client.get(reverse("commitments_portal:list") + "?area=education").content.decode()
    assert "Becas escolares" in content
    assert "Empleo protegido adolescente" not in content and "Ajeno" not in content


def test_dashboard_panel_lists_what_is_due(rf, organization, representative):
    from members.dashboard import collect_panels

    PledgeVersionFactory()
    running(organization)
    request = rf.get("/portal/")
    request.user = representative
    panels, due = collect_panels(request, representative.portal_account)
    kinds = {str(item.kind) for item in due}
    assert "Compromiso de adhesión" in kinds
    assert any(item.overdue for item in due)
    assert any(p.template_name == "commitments/portal/_dashboard_panel.html" for p in panels)


def test_dashboard_panel_query_count_does_not_grow(rf, organization, representative, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from commitments.dashboard import portal_panels as commitments_dashboard_panels

    request = rf.get("/portal/")
    request.user = representative
    running(organization)
    with CaptureQueriesContext(connection) as small:
        commitments_dashboard_panels(request, representative.portal_account)
    for _ in range(5):
        running(organization)
    with CaptureQueriesContext(connection) as large:
        commitments_dashboard_panels(request, representative.portal_account)
    assert len(small) == len(large)
