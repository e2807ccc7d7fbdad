"""The API's own views outside django-ninja's routes."""

from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve

from wagtail.api.v3.errors import problem_response


def not_found(request, *args, **kwargs):
    """Any path below /api/ that is no endpoint: a problem document, not the site's HTML page.

    An endpoint's path without its final slash is redirected to it (as APPEND_SLASH would, which
    this catch-all view stops from happening).
    """
    path = request.path_info
    if not path.endswith("/"):
        try:
            match = resolve(path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "api_not_found":
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    return problem_response(status=404, detail="No such endpoint. The API's endpoints: /api/v1/docs/.")
