"""The API's documentation page (Swagger UI) with the assets django-ninja ships, served from the
package itself: no CDN, nothing to collect (``ninja`` need not be an installed app)."""

import json
import mimetypes
from pathlib import Path

import ninja
from ninja.openapi.docs import Swagger

from django.http import FileResponse, Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

ASSETS_DIR = Path(ninja.__file__).parent / "static" / "ninja"
#: The files the page loads (nothing else of the package is served).
ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-init.js", "favicon.svg", "favicon.png")


class LocalSwagger(Swagger):
    """Swagger UI whose scripts and styles come from ``asset`` below."""

    def render_page(self, request, api, **kwargs):
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        context = {
            "api": api,
            "swagger_settings": json.dumps(settings),
            "assets": reverse("api_docs_asset", args=[ASSETS[0]]).removesuffix(ASSETS[0]),
        }
        return HttpResponse(render_to_string("api/docs.html", context, request=request))


@require_safe
@cache_control(public=True, max_age=86400)
def asset(request, name):
    if name not in ASSETS:
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse((ASSETS_DIR / name).open("rb"), content_type=content_type)
