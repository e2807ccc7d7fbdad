"""The member's yearly progress PDF is rendered in the background (commitments/documents.py): its
link starts a job and lands on the status page; the job is the organisation's own; unchanged data
reuses the result, a change renders again; a slow render fails with its message."""

import datetime

import pytest

from django.urls import reverse
from django.utils import timezone

from network_site.models import RenderedDocument
from tests.helpers import assert_not_found, background_pdf, pdf_text

from .factories import ApprovedCommitmentFactory

pytestmark = pytest.mark.django_db


def _commitments(organization, count):
    today = timezone.localdate()
    for number in range(count):
        ApprovedCommitmentFactory(
            organization=organization,
            title=f"Compromiso número {number:03d}",
            start_date=datetime.date(today.year - 1, 1, 1),
            end_date=datetime.date(today.year + 1, 12, 31),
        )


def _url():
    return reverse("commitments_portal:progress_pdf", args=[timezone.localdate().year])


def test_the_link_starts_a_job_and_the_status_page_offers_the_pdf(representative_client, organization):
    _commitments(organization, 40)
    response = representative_client.get(_url())
    job = RenderedDocument.objects.get()
    assert response["Location"] == reverse("background_documents:status", args=[job.pk])
    assert (job.kind, job.params["organization"]) == ("commitments.progress", organization.pk)
    assert job.state == "done" and job.progress == 100 and job.pages > 1
    page = representative_client.get(response["Location"]).content.decode()
    assert "PDF de avance" in page and 'value="100"' in page and reverse("commitments_portal:list") in page
    text = pdf_text(background_pdf(representative_client, representative_client.get(_url())))
    assert "Compromiso número 000" in text and "Compromiso número 039" in text


def test_unchanged_data_reuses_the_pdf_and_a_change_renders_it_again(representative_client, organization):
    _commitments(organization, 2)
    first = representative_client.get(_url())["Location"]
    assert representative_client.get(_url())["Location"] == first
    assert RenderedDocument.objects.count() == 1
    _commitments(organization, 1)
    assert representative_client.get(_url())["Location"] != first
    assert RenderedDocument.objects.count() == 2


def test_another_organisation_gets_404_for_the_status_and_the_download(
    client, representative_client, organization, other_representative
):
    _commitments(organization, 1)
    representative_client.get(_url())
    job = RenderedDocument.objects.get()
    urls = [
        reverse("background_documents:status", args=[job.pk]),
        reverse("background_documents:status_json", args=[job.pk]),
        reverse("background_documents:download", args=[job.pk]),
    ]
    client.force_login(other_representative)
    for url in urls:
        assert_not_found(client.get(url), url)
    client.logout()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "/portal/account/login/" in response["Location"], url


def test_an_observer_of_the_same_organisation_sees_the_job(client, representative_client, organization, observer):
    _commitments(organization, 1)
    location = representative_client.get(_url())["Location"]
    client.force_login(observer)
    assert client.get(location).status_code == 200


def test_a_render_over_the_time_limit_shows_why_on_the_status_page(representative_client, organization, settings):
    settings.PDF_RENDER_TIME_LIMIT = 0.001
    _commitments(organization, 3)
    page = representative_client.get(_url(), follow=True).content.decode()
    assert RenderedDocument.objects.get().state == "failed"
    assert "tardó más de 0.001 segundos" in page
    assert 'data-role="download" hidden' in page
