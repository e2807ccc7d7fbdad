"""The status page, its JSON and the download of a background document (``background.py``).

Each checks, besides login, the same rule as the object's own page (the kind's ``allowed``): a job
of another organisation, or of another network (the scoped manager), answers 404. Portal jobs are
under ``/portal/documents/``, admin jobs under ``/admin/documents/`` (the staff's network scope).
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import background
from .uploads import private_file_response


def _job_or_404(request, pk, area):
    from .models import RenderedDocument

    job = RenderedDocument.objects.filter(pk=pk).first()
    if job is None:
        raise Http404
    kind = background.get_kind(job.kind)
    if kind is None or kind.area != area or not kind.allowed(request, job.params):
        raise Http404
    background.fail_if_stale(job)
    background.expire_if_old(job)
    return job


def _status(request, pk, area, template_name):
    job = _job_or_404(request, pk, area)
    status = background.status_data(job)
    json_name = (
        "background_documents:status_json" if area == background.PORTAL else "network_site_document_status_json"
    )
    context = {
        "job": job,
        "status": status,
        "status_json_url": reverse(json_name, args=[job.pk]),
        "page_title": job.title or _("Document"),
    }
    return render(request, template_name, context)


def _status_json(request, pk, area):
    job = _job_or_404(request, pk, area)
    response = JsonResponse(background.status_data(job))
    response["Cache-Control"] = "private, no-store"
    return response


def _download(request, pk, area):
    job = _job_or_404(request, pk, area)
    if job.state != job.State.DONE or not job.file:
        raise Http404
    return private_file_response(job.file, filename=job.filename, content_type="application/pdf")


# The portal: any logged-in user; the kind's rule decides (an account of the object's organisation).


@never_cache
@require_GET
@login_required
def portal_status(request, pk):
    return _status(request, pk, background.PORTAL, "background/portal_status.html")


@never_cache
@require_GET
@login_required
def portal_status_json(request, pk):
    return _status_json(request, pk, background.PORTAL)


@never_cache
@require_GET
@login_required
def portal_download(request, pk):
    return _download(request, pk, background.PORTAL)


app_name = "background_documents"
urlpatterns = [
    path("<int:pk>/", portal_status, name="status"),
    path("<int:pk>/status.json", portal_status_json, name="status_json"),
    path("<int:pk>/download/", portal_download, name="download"),
]


def admin_urls():
    """The admin's status pages (listed before Wagtail's own routes in ``network_site/urls.py``)."""
    from wagtail.admin.auth import require_admin_access

    def admin_status(request, pk):
        return _status(request, pk, background.ADMIN, "background/admin_status.html")

    def admin_status_json(request, pk):
        return _status_json(request, pk, background.ADMIN)

    def admin_download(request, pk):
        return _download(request, pk, background.ADMIN)

    def wrap(view):
        return never_cache(require_GET(require_admin_access(view)))

    return [
        path("admin/documents/<int:pk>/", wrap(admin_status), name="network_site_document_status"),
        path(
            "admin/documents/<int:pk>/status.json", wrap(admin_status_json), name="network_site_document_status_json"
        ),
        path("admin/documents/<int:pk>/download/", wrap(admin_download), name="network_site_document_download"),
    ]
