"""Helpers shared by every app's tests: assertions, the language of a request, PDF text, XLSX files."""

import io
import re
import zipfile

from openpyxl import Workbook
from pypdf import PdfReader

from django.conf import settings


def assert_not_found(response, context=None):
    """The response is a 404 itself: not a redirect to a language-prefixed URL, not a login page.

    (network_site.middleware.LocaleMiddleware keeps a 404 under /portal/ and /admin/ a 404
    instead of Django's redirect to /es/…, so nothing else is accepted.)
    """
    location = response.headers.get("Location")
    assert response.status_code == 404, (context, response.status_code, location)


def speak(client, language_code):
    """Pin the language of the client's next requests (the language cookie, which the locale
    middleware reads before Accept-Language) and return the client."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language_code
    return client


def background_pdf(client, response):
    """The PDF a background job made (network_site/background.py): ``response`` is the answer of
    the link that starts it (a redirect to the status page, where the download link is once the
    job is done; the tests' task backend runs it at once). Returns the download's response."""
    assert response.status_code == 302, (response.status_code, response.content[:300])
    status = client.get(response["Location"])
    assert status.status_code == 200, status.status_code
    html = status.content.decode()
    match = re.search(r'data-role="download-link" href="([^"#]+)"', html)
    assert match, f"no download on the status page: {html[:2000]}"
    return client.get(match.group(1))


def pdf_text(pdf):
    """The text of a PDF (its bytes, or a response that must be one), whitespace collapsed
    (table cells wrap lines anywhere)."""
    if hasattr(pdf, "status_code"):
        assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
        pdf = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def xlsx(rows):
    """An XLSX file (bytes) whose first sheet holds `rows`."""
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_with_entity_attack(rows):
    """A valid XLSX whose sheet XML declares nested entities (a "billion laughs" attack)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx(rows)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(
                    b"<worksheet",
                    b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet',
                    1,
                )
            target.writestr(item, content)
    return buffer.getvalue()


def migrate(targets=None, *, latest_of=()):
    """Migrate the test database to ``targets`` (``[(app_label, migration name)]``), by default to
    the latest migrations of the apps ``latest_of``; return the migration state's apps."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    if targets is None:
        targets = [node for app in latest_of for node in executor.loader.graph.leaf_nodes(app)]
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
