"""Big PDFs rendered in the background: a job, a task with a time limit, progress, the result.

A document that grows with the data (a member's yearly progress, a meeting's minutes) is not
rendered in the request. An app declares it once, in its ``documents.py``::

    background.register(background.DocumentKind(
        name="commitments.progress",
        build=progress_document,        # build(params) -> PdfSource(template, context, filename)
        allowed=may_see_progress,       # allowed(request, params) -> bool: the object's page's rule
        area=background.PORTAL,         # or ADMIN: the layout and URLs of the status page
        fingerprint=progress_fingerprint,  # optional: fingerprint(params) -> str, unchanged = reuse
    ))

and its view answers ``redirect(background.status_url(background.start(request,
"commitments.progress", params, network=..., title=..., return_url=...)))``. ``start`` reuses a job of the same
object that is still queued or running, or a ready one whose fingerprint is unchanged; otherwise
it records a :class:`~network_site.models.RenderedDocument` and enqueues :func:`render_document`
(a worker in production, at once in development and tests). The task builds the context inside
the job's network and language, renders through :func:`network_site.pdf.render_pdf_within`
(``PDF_RENDER_TIME_LIMIT`` seconds; a slower render fails with a message saying so) and stores
the PDF in the private storage. The status page (``background_views``) shows the progress and
the download, which check ``allowed`` again: another organisation's job answers 404.

Results expire after ``PDF_RESULT_HOURS`` (their file is deleted, the row says "expired");
:func:`clean_expired` does it for every network (``manage.py clean_rendered_documents``, daily)
and ``start`` for the network it works in.
"""

import datetime
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django_tasks import task

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import autodiscover_modules
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .networks import activate, current_network, scopes_disabled
from .pdf import RenderFailed, RenderTimeout, render_pdf_within

logger = logging.getLogger(__name__)

PORTAL = "portal"
ADMIN = "admin"

#: The steps a job goes through, with the progress each one starts at.
STEPS = {
    "queued": (0, gettext_lazy("Waiting for its turn")),
    "data": (10, gettext_lazy("Gathering the data")),
    "layout": (30, gettext_lazy("Laying out the pages")),
    "writing": (70, gettext_lazy("Writing the PDF")),
    "saving": (90, gettext_lazy("Saving the file")),
    "done": (100, gettext_lazy("Ready")),
    "failed": (100, gettext_lazy("Failed")),
    "expired": (100, gettext_lazy("Expired")),
}


def time_limit():
    """Seconds a render may take (``PDF_RENDER_TIME_LIMIT``, default 120)."""
    return float(getattr(settings, "PDF_RENDER_TIME_LIMIT", 120))


def result_lifetime():
    """How long a result is kept (``PDF_RESULT_HOURS``, default 24)."""
    return datetime.timedelta(hours=float(getattr(settings, "PDF_RESULT_HOURS", 24)))


@dataclass(frozen=True)
class PdfSource:
    """What a document kind's ``build`` returns: the template, its context and the file's name."""

    template_name: str
    context: dict
    filename: str


@dataclass(frozen=True)
class DocumentKind:
    name: str
    build: Callable[[dict], PdfSource]
    allowed: Callable[[Any, dict], bool]
    area: str = PORTAL
    fingerprint: Callable[[dict], str] | None = None


_kinds = {}


def register(kind):
    """Declare a document kind (in the app's ``documents.py``, which the worker imports)."""
    if kind.area not in (PORTAL, ADMIN):
        raise ValueError(f"Unknown area {kind.area!r} for {kind.name}")
    _kinds[kind.name] = kind
    return kind


def get_kind(name):
    """The declared kind; the apps' ``documents`` modules are imported first when it is unknown."""
    if name not in _kinds:
        autodiscover_modules("documents")
    return _kinds.get(name)


def object_key(kind, params):
    """The one string naming the object a document is about (kind and params, sorted)."""
    return f"{kind}:{json.dumps(params, sort_keys=True, separators=(',', ':'))}"[:255]


def _model():
    from .models import RenderedDocument

    return RenderedDocument


def _is_stale(job, now):
    """A job started (or queued) long ago and still not finished: its worker died."""
    if job.state == job.State.RUNNING and job.started_at is not None:
        return now - job.started_at > datetime.timedelta(seconds=time_limit() * 2 + 60)
    if job.state == job.State.QUEUED:
        return now - job.created_at > datetime.timedelta(hours=1)
    return False


def fail_if_stale(job):
    """Mark a job whose worker died as failed (the status view calls it); returns the job."""
    if job.state in (job.State.QUEUED, job.State.RUNNING) and _is_stale(job, timezone.now()):
        _model().objects.filter(pk=job.pk, state=job.state).update(
            state=job.State.FAILED,
            step="failed",
            progress=100,
            error=_("The rendering stopped before it finished. Ask for the document again."),
            finished_at=timezone.now(),
        )
        job.refresh_from_db()
    return job


def expire_if_old(job):
    """An old result expires: its file is deleted. Returns the job."""
    if job.state == job.State.DONE and job.finished_at and timezone.now() - job.finished_at > result_lifetime():
        _expire(job)
    return job


def _expire(job):
    if job.file:
        job.file.delete(save=False)
    job.state, job.step, job.file = job.State.EXPIRED, "expired", ""
    job.save(update_fields=["state", "step", "file"])


def start(request, kind_name, params, *, network=None, title="", return_url=""):
    """A job for this object's document: an active or fresh one reused, else a new one enqueued.

    ``params`` is JSON (ids, a year); ``network`` the object's network (default: the one worked
    for); ``title`` and ``return_url`` are shown on the status page.
    """
    kind = get_kind(kind_name)
    if kind is None:
        raise ValueError(f"Unknown document kind {kind_name!r}: register it in the app's documents.py")
    network = network or current_network()
    if network is None:
        raise ValueError("A background document needs the object's network.")
    model = _model()
    key = object_key(kind_name, params)
    language = translation.get_language() or settings.LANGUAGE_CODE
    fingerprint = kind.fingerprint(params) if kind.fingerprint else ""
    now = timezone.now()
    with activate(network):
        clean_expired(now=now)
        recent = model.objects.filter(key=key, language=language).exclude(state=model.State.EXPIRED)
        for job in recent.order_by("-created_at")[:5]:
            if job.state in (job.State.QUEUED, job.State.RUNNING) and not _is_stale(job, now):
                return job
            if job.state == job.State.DONE and kind.fingerprint and job.fingerprint == fingerprint:
                return job
        job = model.objects.create(
            network=network,
            kind=kind_name,
            key=key,
            params=params,
            title=str(title)[:255],
            return_url=str(return_url)[:500],
            language=language,
            fingerprint=fingerprint,
            requested_by=request.user if request.user.is_authenticated else None,
            step="queued",
        )
    # The database backend writes the task in the caller's transaction, so a worker sees it with
    # the job's row; the immediate backend (development, tests) renders it here and now.
    render_document.enqueue(job.pk)
    job.refresh_from_db()
    return job


def _report(job, step, pages=None):
    progress = STEPS[step][0]
    fields = {"step": step, "progress": progress}
    if pages is not None:
        fields["pages"] = pages
    _model().objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


@task()
def render_document(job_id):
    """Render one job (the worker's task): its network's scope and time zone, its language."""
    model = _model()
    with scopes_disabled():
        job = model.objects.select_related("network").filter(pk=job_id).first()
    if job is None:
        return "missing"
    with activate(job.network), translation.override(job.language or settings.LANGUAGE_CODE):
        claimed = model.objects.filter(pk=job.pk, state=model.State.QUEUED).update(
            state=model.State.RUNNING, started_at=timezone.now(), step="data", progress=STEPS["data"][0]
        )
        if not claimed:  # another worker took it, or it was cancelled
            return "skipped"
        job.refresh_from_db()
        try:
            return _render(job)
        except Exception as exc:
            logger.exception("Rendering %s (%s) failed", job.pk, job.kind)
            _finish_failed(job, _("The document could not be made: %(error)s") % {"error": str(exc)[:300]})
            return model.State.FAILED


def _render(job):
    kind = get_kind(job.kind)
    if kind is None:
        _finish_failed(job, _("This kind of document is no longer available."))
        return job.State.FAILED
    source = kind.build(job.params)
    limit = time_limit()

    def progress(stage, pages):
        if stage == "layout":
            _report(job, "writing", pages=pages)

    _report(job, "layout")
    try:
        pdf, pages = render_pdf_within(source.template_name, source.context, time_limit=limit, on_progress=progress)
    except RenderTimeout:
        _finish_failed(
            job,
            _(
                "The document took longer than %(seconds)s seconds to make and was stopped. "
                "Try a shorter period, or ask the secretariat."
            )
            % {"seconds": f"{limit:g}"},
        )
        return job.State.FAILED
    except RenderFailed as exc:
        _finish_failed(job, _("The document could not be made: %(error)s") % {"error": str(exc)})
        return job.State.FAILED
    _report(job, "saving", pages=pages)
    stem = slugify(source.filename.removesuffix(".pdf")) or "documento"
    job.filename = f"{stem}.pdf"
    job.file.save(job.filename, ContentFile(pdf), save=False)
    job.state, job.step, job.progress, job.finished_at = job.State.DONE, "done", 100, timezone.now()
    job.save(update_fields=["filename", "file", "state", "step", "progress", "finished_at"])
    return job.State.DONE


def _finish_failed(job, message):
    job.state, job.step, job.progress = job.State.FAILED, "failed", 100
    job.error, job.finished_at = message, timezone.now()
    job.save(update_fields=["state", "step", "progress", "error", "finished_at"])


def clean_expired(*, now=None):
    """Expire the results older than ``PDF_RESULT_HOURS`` in the scope active now (their files are
    deleted); failed jobs that old are deleted. Returns how many results expired."""
    model = _model()
    cutoff = (now or timezone.now()) - result_lifetime()
    old = list(model.objects.filter(state=model.State.DONE, finished_at__lt=cutoff)[:200])
    for job in old:
        _expire(job)
    model.objects.filter(state=model.State.FAILED, finished_at__lt=cutoff).delete()
    return len(old)


def status_url(job):
    name = "background_documents:status" if _area(job) == PORTAL else "network_site_document_status"
    return reverse(name, args=[job.pk])


def _area(job):
    kind = get_kind(job.kind)
    return kind.area if kind is not None else PORTAL


def status_data(job):
    """What the status page and its JSON show."""
    label = str(STEPS.get(job.step, STEPS["queued"])[1])
    if job.pages and job.step in ("writing", "saving", "done"):
        label = ngettext("%(label)s (%(pages)d page)", "%(label)s (%(pages)d pages)", job.pages) % {
            "label": label,
            "pages": job.pages,
        }
    data = {
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "progress": job.progress,
        "step": job.step,
        "step_label": label,
        "pages": job.pages,
        "error": job.error,
        "finished": job.state in (job.State.DONE, job.State.FAILED, job.State.EXPIRED),
        "download_url": "",
    }
    if job.state == job.State.DONE:
        name = "background_documents:download" if _area(job) == PORTAL else "network_site_document_download"
        data["download_url"] = reverse(name, args=[job.pk])
    return data
