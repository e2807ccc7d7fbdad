"""The admin's generic spreadsheet views: one set of views for every registered resource.

Upload → preview (stored as an `ImportJob`) → confirm (all or nothing) → result, and export as
CSV or XLSX. A resource appears here when the staff user has its `permission`; nothing in
this module knows about any particular resource. Registered from `network_site/wagtail_hooks.py`.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.log_actions import log

from network_site.models import ImportJob
from network_site.spreadsheets import (
    CONTENT_TYPES,
    FORMATS,
    FormulaSafeExportMixin,
    SpreadsheetError,
    change_label,
    export_resource,
    get_resource_class,
    registry,
)

#: Rows of the file shown in the preview.
PREVIEW_SHOWN_ROWS = 20
ALLOWED_EXTENSIONS = ("csv", "xlsx")


class FormulaSafeIndexView(FormulaSafeExportMixin, generic.IndexView):
    """A viewset's index view whose CSV/XLSX downloads (``list_export``) hold no live formula."""


def resources_for(user):
    """The registered resource classes this user may import and export, by verbose name."""
    allowed = [cls for cls in registry.values() if cls.permission and user.has_perm(cls.permission)]
    return sorted(allowed, key=lambda cls: str(cls.verbose_name or cls.name))


def _resource_or_404(request, name):
    try:
        resource_class = get_resource_class(name)
    except SpreadsheetError:
        raise Http404 from None
    if not resource_class.permission or not request.user.has_perm(resource_class.permission):
        raise PermissionDenied
    return resource_class


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        limit = settings.SPREADSHEET_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(_("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)})
        return upload


def _resource_rows(resource_classes):
    rows = []
    for cls in resource_classes:
        resource = cls()
        rows.append(
            {
                "name": cls.name,
                "verbose_name": cls.verbose_name or cls.name,
                "columns": resource.get_export_headers() if cls.export_only else resource.import_columns(),
                "required": list(cls.required_columns),
                "keys": resource.key_columns(),
                "export_only": cls.export_only,
                "export_only_reason": cls.export_only_reason,
                "upload_url": None if cls.export_only else reverse("spreadsheets_upload", args=[cls.name]),
                "exports": [(fmt, reverse("spreadsheets_export", args=[cls.name, fmt])) for fmt in FORMATS],
            }
        )
    return rows


def index(request):
    resource_classes = resources_for(request.user)
    if not resource_classes:
        raise PermissionDenied
    return TemplateResponse(
        request,
        "spreadsheets/index.html",
        {
            "resources": _resource_rows(resource_classes),
            "form": UploadForm(),
            "jobs": ImportJob.objects.filter(created_by=request.user)[:10],
            "max_rows": settings.SPREADSHEET_MAX_ROWS,
            "max_megabytes": settings.SPREADSHEET_MAX_UPLOAD_BYTES // (1024 * 1024),
        },
    )


@require_POST
def upload(request, name):
    """Validate the file as a dry run. Valid: store an ImportJob and show its preview. Invalid: show why."""
    resource_class = _resource_or_404(request, name)
    if resource_class.export_only:
        raise Http404(str(resource_class.export_only_reason))
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "spreadsheets/index.html",
            {
                "resources": _resource_rows(resources_for(request.user)),
                "form": form,
                "form_resource": name,
                "jobs": ImportJob.objects.filter(created_by=request.user)[:10],
                "max_rows": settings.SPREADSHEET_MAX_ROWS,
                "max_megabytes": settings.SPREADSHEET_MAX_UPLOAD_BYTES // (1024 * 1024),
            },
            status=400,
        )
    upload_file = form.cleaned_data["file"]
    report, job = ImportJob.preview(resource_class(user=request.user), upload_file)
    if job is None:
        # Nothing is stored: the person fixes the file and uploads it again.
        return TemplateResponse(
            request,
            "spreadsheets/preview.html",
            _report_context(resource_class, report.as_dict(), filename=get_valid_filename(upload_file.name)[:255]),
            status=400,
        )
    return redirect("spreadsheets_job", job.pk)


def _job_or_404(request, pk):
    job = get_object_or_404(ImportJob.objects.filter(created_by=request.user), pk=pk)
    resource_class = _resource_or_404(request, job.resource)
    return job, resource_class


def _report_context(resource_class, report, *, filename, job=None):
    totals = report.get("totals") or {}
    errors = report.get("errors") or []
    return {
        "resource": resource_class,
        "resource_name": resource_class.verbose_name or resource_class.name,
        "filename": filename,
        "job": job,
        "report": report,
        "totals": [
            (_("new"), totals.get("new", 0)),
            (_("changed"), totals.get("update", 0)),
            (_("unchanged"), totals.get("skip", 0)),
            (_("invalid"), totals.get("invalid", 0) + totals.get("error", 0)),
        ],
        "errors": errors,
        "warnings": report.get("warnings") or [],
        "headers": report.get("headers") or [],
        "rows": [
            (number, import_type, change_label(import_type), values)
            for number, import_type, values in (report.get("preview") or [])[:PREVIEW_SHOWN_ROWS]
        ],
        "more_rows": max(len(report.get("preview") or []) - PREVIEW_SHOWN_ROWS, 0),
        "can_confirm": job is not None and job.status == ImportJob.Status.PREVIEWED and not errors,
        "index_url": reverse("spreadsheets_index"),
    }


def job_detail(request, pk):
    """The preview of an uploaded file (with the confirm button), or the result once applied."""
    job, resource_class = _job_or_404(request, pk)
    return TemplateResponse(
        request,
        "spreadsheets/preview.html",
        _report_context(resource_class, job.report, filename=job.filename, job=job),
    )


@require_POST
def job_apply(request, pk):
    """Apply a previewed import, all or nothing, once."""
    job, resource_class = _job_or_404(request, pk)
    report = job.apply(resource_class(user=request.user))
    if report is not None and report.ok:
        log(
            instance=job,
            action="spreadsheets.import",
            user=request.user,
            data={"resource": job.resource, "filename": job.filename, "totals": report.totals},
        )
    return redirect("spreadsheets_job", job.pk)


def export(request, name, fmt):
    resource_class = _resource_or_404(request, name)
    if fmt not in FORMATS:
        raise Http404
    data = export_resource(resource_class(user=request.user), fmt)
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}.{fmt}"
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class SpreadsheetMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(resources_for(request.user))


def admin_urls():
    return [
        path("spreadsheets/", index, name="spreadsheets_index"),
        path("spreadsheets/<slug:name>/import/", upload, name="spreadsheets_upload"),
        path("spreadsheets/<slug:name>/export/<slug:fmt>/", export, name="spreadsheets_export"),
        path("spreadsheets/jobs/<int:pk>/", job_detail, name="spreadsheets_job"),
        path("spreadsheets/jobs/<int:pk>/apply/", job_apply, name="spreadsheets_apply"),
    ]


def menu_item():
    return SpreadsheetMenuItem(
        gettext_lazy("Import / export"),
        reverse("spreadsheets_index"),
        name="spreadsheets",
        icon_name="table",
        order=900,
    )


def register_log_actions(actions):
    actions.register_action(
        "spreadsheets.import", gettext_lazy("Import spreadsheet"), gettext_lazy("Spreadsheet imported")
    )
