from django.db import connection
from django.http import HttpResponseServerError, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail import views as wagtail_views

from network_site import routing, wagtail_internals


@never_cache
@require_GET
def healthz(request):
    """For load balancers: 200 with {"status": "ok"} when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = "ok"
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "error", "database": database}, status=status)


def page_not_found(request, exception=None):
    """404 in the site's look (base.html with the menu)."""
    from django.views.defaults import page_not_found as default_page_not_found

    return default_page_not_found(request, exception, template_name="404.html")


def server_error(request):
    """500 from a self-contained template: no database, no context processors."""
    from django.template import loader

    try:
        body = loader.get_template("500.html").render()
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        body = "<h1>Server error (500)</h1>"
    return HttpResponseServerError(body)


def admin_login_redirect(request):
    """/admin/login/ → the allauth login (throttled, with MFA), coming back to the admin."""
    from django.shortcuts import redirect
    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme, urlencode

    next_url = request.GET.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/admin/"
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


def serve(request, path):
    """Wagtail's ``serve`` view, with the page found from memory (``network_site.routing``)."""
    if not wagtail_internals.has_route(request):
        wagtail_internals.give_route(request, routing.route(request, path))
    return wagtail_views.serve(request, path)
