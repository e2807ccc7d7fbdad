"""The API's own views outside django-ninja's routes."""

from wagtail.api.v3.errors import problem_response


def not_found(request, *args, **kwargs):
    """Any path below /api/ that is no endpoint: a problem document, not the site's HTML page."""
    return problem_response(status=404, detail="No such endpoint. The API's endpoints: /api/v1/docs/.")
