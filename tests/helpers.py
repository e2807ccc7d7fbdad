"""Helpers shared by every app's tests: assertions and the language of a request."""

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
