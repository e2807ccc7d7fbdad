"""The secretariat's review queue, compliance list and certificate download (Wagtail admin)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from members.models import Organization

from .forms import ReviewCommentForm
from .models import (
    Commitment,
    CommitmentStatus,
    Compliance,
    PledgeSignature,
    ProgressReport,
    ReportStatus,
    ThematicArea,
    with_compliance,
)
from .portal_views import certificate_response

KINDS = {"commitment": Commitment, "report": ProgressReport}


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _queue_filters(request):
    filters = {
        "organization": request.GET.get("organization", ""),
        "area": request.GET.get("area", ""),
        "status": request.GET.get("status", "submitted"),
        "period": request.GET.get("period", "").strip().upper(),
    }
    return filters


def _filtered(filters):
    commitments = Commitment.objects.select_related("organization")
    reports = ProgressReport.objects.select_related("commitment", "commitment__organization")
    if filters["organization"].isdigit():
        commitments = commitments.filter(organization_id=int(filters["organization"]))
        reports = reports.filter(commitment__organization_id=int(filters["organization"]))
    if filters["area"] in ThematicArea.values:
        commitments = commitments.filter(thematic_area=filters["area"])
        reports = reports.filter(commitment__thematic_area=filters["area"])
    status = filters["status"]
    if status in CommitmentStatus.values or status in ReportStatus.values:
        commitments = commitments.filter(status=status) if status in CommitmentStatus.values else commitments.none()
        reports = reports.filter(status=status) if status in ReportStatus.values else reports.none()
    if filters["period"]:
        reports = reports.filter(period=filters["period"])
        commitments = commitments.none()
    return commitments.order_by("submitted_at", "pk"), reports.order_by("submitted_at", "pk")


def review_queue(request):
    _require(request, "commitments.change_commitment")
    filters = _queue_filters(request)
    commitments, reports = _filtered(filters)
    commitment_page = Paginator(commitments, 50).get_page(request.GET.get("cpage"))
    report_page = Paginator(reports, 50).get_page(request.GET.get("rpage"))
    statuses = sorted(set(CommitmentStatus.choices) | set(ReportStatus.choices), key=lambda c: c[0])
    return TemplateResponse(
        request,
        "commitments/admin/review_queue.html",
        {
            "filters": filters,
            "commitments": commitment_page,
            "reports": report_page,
            "organizations": Organization.objects.members().only("pk", "name"),
            "areas": ThematicArea.choices,
            "statuses": statuses,
            "header_title": _("Review of commitments and progress reports"),
        },
    )


def _apply(kind, obj, action, user, comment):
    if action == "approve":
        obj.approve(user, comment)
    elif action == "return":
        obj.return_to_draft(user, comment)
    else:
        raise ValidationError(_("Unknown action."))


def review_bulk(request):
    """Approve or return several items: a confirmation page, then the change."""
    _require(request, "commitments.change_commitment")
    if request.method != "POST":
        return redirect("commitments_review:queue")
    kind = request.POST.get("kind")
    action = request.POST.get("action")
    model = KINDS.get(kind)
    if model is None or action not in ("approve", "return"):
        messages.error(request, _("Choose what to do with the selected items."))
        return redirect("commitments_review:queue")
    ids = [int(i) for i in request.POST.getlist("ids") if i.isdigit()]
    items = list(model.objects.filter(pk__in=ids, status=CommitmentStatus.SUBMITTED))
    if not items:
        messages.error(request, _("Select at least one submitted item."))
        return redirect("commitments_review:queue")
    form = ReviewCommentForm(request.POST if "confirm" in request.POST else None)
    if "confirm" in request.POST and form.is_valid():
        comment = form.cleaned_data["comment"]
        if action == "return" and not comment.strip():
            form.add_error("comment", _("Say why they are returned: the comment is required."))
        else:
            with transaction.atomic():
                for item in items:
                    _apply(kind, item, action, request.user, comment)
            done = (
                ngettext("%(count)s item approved.", "%(count)s items approved.", len(items))
                if action == "approve"
                else ngettext("%(count)s item returned.", "%(count)s items returned.", len(items))
            )
            messages.success(request, done % {"count": len(items)})
            return redirect("commitments_review:queue")
    return TemplateResponse(
        request,
        "commitments/admin/review_confirm.html",
        {"items": items, "kind": kind, "action": action, "form": form, "header_title": _("Confirm")},
    )


def review_item(request, kind, pk):
    """One commitment or report: its content, its history, approve or return with a comment."""
    _require(request, "commitments.change_commitment")
    model = KINDS.get(kind)
    if model is None:
        raise PermissionDenied
    obj = get_object_or_404(model, pk=pk)
    form = ReviewCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action")
        try:
            _apply(kind, obj, action, request.user, form.cleaned_data["comment"])
        except ValidationError as exc:
            form.add_error("comment", exc.messages)
        else:
            messages.success(request, _("Approved.") if action == "approve" else _("Returned with your comment."))
            return redirect("commitments_review:queue")
    from wagtail.models import ModelLogEntry

    history = ModelLogEntry.objects.for_instance(obj).select_related("user").order_by("-timestamp")[:30]
    context = {
        "object": obj,
        "kind": kind,
        "form": form,
        "history": history,
        "evidence": obj.evidence.all() if kind == "report" else [],
        "events": obj.events.select_related("user")[:30],
        "header_title": str(obj),
    }
    return TemplateResponse(request, "commitments/admin/review_item.html", context)


def evidence_download(request, pk):
    _require(request, "commitments.change_progressreport")
    from network_site.uploads import private_file_response

    from .models import Evidence

    evidence = get_object_or_404(Evidence, pk=pk)
    return private_file_response(evidence.file, content_type=evidence.content_type, filename=evidence.original_name)


def compliance_list(request):
    _require(request, "commitments.view_commitment")
    organizations = with_compliance(Organization.objects.active()).order_by("name")
    selected = request.GET.get("compliance", "")
    if selected in Compliance.values:
        organizations = organizations.filter(compliance=selected)
    page = Paginator(organizations, 100).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "commitments/admin/compliance.html",
        {
            "organizations": page,
            "choices": Compliance.choices,
            "selected": selected,
            "header_title": _("Reporting compliance"),
        },
    )


def certificate_download(request, pk):
    _require(request, "commitments.view_pledgesignature")
    signature = get_object_or_404(PledgeSignature.objects.select_related("organization", "version"), pk=pk)
    return certificate_response(signature)


def queue_url():
    return reverse("commitments_review:queue")
