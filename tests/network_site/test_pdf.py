"""The PDF helper: real PDFs, and a URL fetcher that serves only our static and media files."""

import io
import socket
import threading

import pytest
from pypdf import PdfReader

from django.template import engines

from network_site.pdf import PDF_BASE_URL, ProjectOnlyURLFetcher, pdf_response, render_pdf

pytestmark = pytest.mark.django_db


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def render_string(html, fetcher):
    from weasyprint import HTML

    return HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher).write_pdf()


class ListeningSocket:
    """A local TCP server that records whether anything connected to it."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self._stop.set()
        self._thread.join()
        self.sock.close()


def test_render_pdf_makes_a_real_pdf_with_the_text():
    template = engines["django"].from_string(
        "{% extends 'pdf/base_pdf.html' %}{% block content %}<h1>Acta de la reunión</h1>"
        "<p>{{ body }}</p>{% endblock %}"
    )
    html = template.render({"body": "Conclusiones y acuerdos de seguimiento"})
    data = render_string(html, ProjectOnlyURLFetcher())
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    assert "Acta de la reunión" in text
    assert "Conclusiones y acuerdos de seguimiento" in text


def test_static_stylesheet_is_served_from_our_files():
    fetcher = ProjectOnlyURLFetcher()
    render_string('<link rel="stylesheet" href="/static/css/pdf.css"><p>x</p>', fetcher)
    assert fetcher.blocked == []


@pytest.mark.parametrize(
    "payload",
    [
        '<img src="file:///etc/passwd">',
        '<link rel="stylesheet" href="file:///etc/passwd">',
        "<style>@import url(file:///etc/hostname);</style>",
        '<img src="/static/../../../../etc/passwd">',
        '<img src="/media/../../etc/passwd">',
        '<img src="/etc/passwd">',
    ],
)
def test_local_files_outside_static_and_media_are_never_read(payload):
    fetcher = ProjectOnlyURLFetcher()
    data = render_string(f"<p>Texto del usuario</p>{payload}", fetcher)
    assert data.startswith(b"%PDF-")
    assert len(fetcher.blocked) == 1
    assert "root:" not in pdf_text(data)


@pytest.mark.parametrize(
    "template",
    [
        '<img src="http://127.0.0.1:{port}/logo.png">',
        '<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">',
        "<style>@import url(http://127.0.0.1:{port}/x.css);</style>",
        '<p style="background: url(https://127.0.0.1:{port}/x.png)">x</p>',
    ],
)
def test_user_text_never_opens_a_connection(template):
    server = ListeningSocket()
    try:
        fetcher = ProjectOnlyURLFetcher()
        render_string(template.format(port=server.port), fetcher)
        assert len(fetcher.blocked) == 1
    finally:
        server.close()
    assert server.connections == 0


def test_user_text_in_templates_is_escaped_and_fetches_nothing(settings):
    server = ListeningSocket()
    try:
        evil = f'<img src="http://127.0.0.1:{server.port}/x.png"><style>@import url(file:///etc/passwd);</style>'
        template = engines["django"].from_string(
            "{% extends 'pdf/base_pdf.html' %}{% block content %}<p>{{ evil }}</p>{% endblock %}"
        )
        fetcher = ProjectOnlyURLFetcher()
        data = render_string(template.render({"evil": evil}), fetcher)
    finally:
        server.close()
    assert server.connections == 0
    assert fetcher.blocked == []  # escaped: shown as text, not markup
    assert "@import" in pdf_text(data)


def test_pdf_response_is_a_download_with_a_safe_name():
    response = pdf_response("pdf/base_pdf.html", {}, 'Acta "final"\r\nX-Evil: 1.pdf')
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="acta-final-x-evil-1.pdf"'
    assert response.content.startswith(b"%PDF-")


def test_render_pdf_renders_a_template_by_name():
    assert render_pdf("pdf/base_pdf.html").startswith(b"%PDF-")
