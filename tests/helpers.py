"""Assertions shared by every app's tests."""


def assert_not_found(response, context=None):
    """The response is a 404 itself: not a redirect to a language-prefixed URL, not a login page.

    (network_site.middleware.LocaleMiddleware keeps a 404 under /portal/ and /admin/ a 404
    instead of Django's redirect to /es/…, so nothing else is accepted.)
    """
    location = response.headers.get("Location")
    assert response.status_code == 404, (context, response.status_code, location)
