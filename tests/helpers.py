"""Helpers shared by every app's tests: assertions and the language of a request."""

import io

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


def pdf_text(pdf):
    """The text of a PDF (its bytes, or a response that must be one), whitespace collapsed
    (table cells wrap lines anywhere)."""
    if hasattr(pdf, "status_code"):
        assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
        pdf = b"".join(pdf.streaming_content) if pdf.streaming else pdf.content
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())
