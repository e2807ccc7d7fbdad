"""Background PDFs (network_site/background.py): a job through the real task backend (immediate in
tests), a real PDF in the private storage, progress to 100, the time limit, expiry, reuse, and the
status page, its JSON and the download behind the kind's access rule."""

import datetime
import io

import pytest
from pypdf import PdfReader

from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from network_site import background
from network_site.models import RenderedDocument
from network_site.networks import activate
from tests.network_site.factories import UserFactory

pytestmark = pytest.mark.django_db

KIND = "tests.sample"


def _build(params):
    return background.PdfSource("background/tests_sample.html", {"lines": range(params["lines"])}, "Muestra Ñandú")


def _allowed(request, params):
    return request.user.is_authenticated and request.user.pk == params["user"]


background.register(background.DocumentKind(name=KIND, build=_build, allowed=_allowed))
background.register(
    background.DocumentKind(
        name="tests.fingerprinted",
        build=_build,
        allowed=_allowed,
        fingerprint=lambda params: f"v{params.get('version', 1)}",
    )
)


@pytest.fixture(autouse=True)
def _sample_template(settings, tmp_path):
    """A PDF template of the test's own (one line per row, several pages for many rows)."""
    folder = tmp_path / "templates" / "background"
    folder.mkdir(parents=True)
    (folder / "tests_sample.html").write_text(
        '{% extends "pdf/base_pdf.html" %}{% block content %}<h1>Muestra</h1>'
        "{% for line in lines %}<p>Línea {{ line }}</p>{% endfor %}{% endblock %}"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0].get("DIRS", [])]}
    ]


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def _start(user, network, kind=KIND, **params):
    params = {"user": user.pk, "lines": 3, **params}
    with activate(network):
        return background.start(_request(user), kind, params, network=network, title="Muestra")


def test_a_job_renders_a_real_pdf_in_the_private_storage_with_progress_to_100(default_network):
    user = UserFactory()
    job = _start(user, default_network, lines=120)
    assert (job.state, job.progress, job.step) == (RenderedDocument.State.DONE, 100, "done")
    assert job.requested_by == user and job.network == default_network and job.finished_at
    data = job.file.read()
    reader = PdfReader(io.BytesIO(data))
    assert data.startswith(b"%PDF") and len(reader.pages) == job.pages > 1
    assert "Línea 119" in "".join(page.extract_text() for page in reader.pages)
    assert job.filename == "muestra-nandu.pdf"
    with pytest.raises(NotImplementedError):
        job.file.url  # noqa: B018 - a private file has no URL


def test_a_render_slower_than_the_time_limit_fails_with_a_clear_message(default_network, settings):
    settings.PDF_RENDER_TIME_LIMIT = 0.001
    job = _start(UserFactory(), default_network, lines=400)
    assert (job.state, job.progress) == (RenderedDocument.State.FAILED, 100)
    assert "tardó más de 0.001 segundos" in job.error  # in the job's language (Spanish by default)
    assert not job.file
    with translation.override("en"):
        job = _start(UserFactory(), default_network, lines=400)
    assert job.language == "en" and "took longer than 0.001 seconds" in job.error


def test_a_job_queued_or_running_is_reused_and_a_finished_one_is_not_without_a_fingerprint(default_network):
    user = UserFactory()
    first = _start(user, default_network)
    assert _start(user, default_network).pk != first.pk  # done, no fingerprint: a new render
    with activate(default_network):
        RenderedDocument.objects.filter(pk=first.pk).update(state=RenderedDocument.State.RUNNING)
        first.refresh_from_db()
        first.started_at = timezone.now()
        first.save()
    assert _start(user, default_network).pk == first.pk


def test_an_unchanged_fingerprint_reuses_the_result_and_a_changed_one_renders_again(default_network):
    user = UserFactory()
    first = _start(user, default_network, kind="tests.fingerprinted", version=1)
    again = _start(user, default_network, kind="tests.fingerprinted", version=1)
    assert again.pk == first.pk
    with activate(default_network):
        assert RenderedDocument.objects.count() == 1
    # The fingerprint is of the data, not of the params: a changed one renders again.
    background.register(
        background.DocumentKind(
            name="tests.fingerprinted", build=_build, allowed=_allowed, fingerprint=lambda params: "v2"
        )
    )
    try:
        assert _start(user, default_network, kind="tests.fingerprinted", version=1).pk != first.pk
    finally:
        background.register(
            background.DocumentKind(
                name="tests.fingerprinted",
                build=_build,
                allowed=_allowed,
                fingerprint=lambda params: f"v{params.get('version', 1)}",
            )
        )


def test_a_stale_running_job_fails_and_is_not_reused(default_network):
    user = UserFactory()
    job = _start(user, default_network)
    with activate(default_network):
        RenderedDocument.objects.filter(pk=job.pk).update(
            state=RenderedDocument.State.RUNNING, started_at=timezone.now() - datetime.timedelta(hours=2)
        )
        job.refresh_from_db()
        background.fail_if_stale(job)
    assert job.state == RenderedDocument.State.FAILED and "se detuvo antes de terminar" in job.error
    assert _start(user, default_network).pk != job.pk


def test_old_results_expire_and_their_files_are_deleted(default_network, settings):
    job = _start(UserFactory(), default_network)
    name, storage = job.file.name, job.file.storage
    assert storage.exists(name)
    with activate(default_network):
        RenderedDocument.objects.filter(pk=job.pk).update(finished_at=timezone.now() - datetime.timedelta(days=2))
    call_command("clean_rendered_documents", stdout=io.StringIO())
    job.refresh_from_db()
    assert job.state == RenderedDocument.State.EXPIRED and not job.file
    assert not storage.exists(name)


def test_an_unknown_kind_is_refused_and_a_job_of_a_vanished_kind_fails(default_network):
    user = UserFactory()
    with activate(default_network), pytest.raises(ValueError, match="Unknown document kind"):
        background.start(_request(user), "tests.nothing", {}, network=default_network)
    with activate(default_network):
        job = RenderedDocument.objects.create(network=default_network, kind="tests.nothing", key="x")
    assert background.render_document.call(job.pk) == RenderedDocument.State.FAILED
    job.refresh_from_db()
    assert job.state == RenderedDocument.State.FAILED and job.error


# The views: the status page, its JSON and the download.


def _urls(job):
    return [
        reverse("background_documents:status", args=[job.pk]),
        reverse("background_documents:status_json", args=[job.pk]),
        reverse("background_documents:download", args=[job.pk]),
    ]


def test_the_status_page_shows_progress_and_the_download_and_the_download_is_the_pdf(client, default_network):
    user = UserFactory()
    job = _start(user, default_network)
    client.force_login(user)
    status, status_json, download = _urls(job)
    page = client.get(status)
    html = page.content.decode()
    assert (
        page.status_code == 200
        and page["Cache-Control"].startswith("max-age=0")
        or "no-cache" in page["Cache-Control"]
    )
    assert '<progress class="background-document__progress" max="100" value="100"' in html
    assert f'href="{download}"' in html and "js/background-document.js" in html
    assert "<script>" not in html.replace(" ", "")  # no inline script (the CSP forbids it)
    state = client.get(status_json).json()
    assert state["state"] == "done" and state["progress"] == 100 and state["download_url"] == download
    response = client.get(download)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF") and 'filename="muestra-nandu.pdf"' in response["Content-Disposition"]


def test_a_failed_job_shows_its_message_and_has_no_download(client, default_network, settings):
    settings.PDF_RENDER_TIME_LIMIT = 0.001
    user = UserFactory()
    job = _start(user, default_network, lines=400)
    client.force_login(user)
    status, status_json, download = _urls(job)
    assert "tardó más de 0.001 segundos" in client.get(status).content.decode()
    assert client.get(status_json).json()["download_url"] == ""
    assert client.get(download).status_code == 404


def test_someone_else_gets_404_and_anonymous_users_the_login(client, default_network):
    job = _start(UserFactory(), default_network)
    for url in _urls(job):
        response = client.get(url)
        assert response.status_code == 302 and "/portal/account/login/" in response["Location"]
    client.force_login(UserFactory())
    for url in _urls(job):
        assert client.get(url).status_code == 404
    assert client.get(reverse("background_documents:status", args=[job.pk + 1000])).status_code == 404


def test_a_job_of_another_network_answers_404_even_to_its_owner(client, default_network, other_network):
    user = UserFactory()
    job = _start(user, other_network)
    client.force_login(user)
    for url in _urls(job):  # on the default network's host
        assert client.get(url).status_code == 404


def test_a_portal_job_is_not_shown_in_the_admin_urls(admin_client, default_network, admin_user):
    job = _start(admin_user, default_network)
    assert admin_client.get(reverse("network_site_document_status", args=[job.pk])).status_code == 404
    assert admin_client.get(reverse("network_site_document_download", args=[job.pk])).status_code == 404
