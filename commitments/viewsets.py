"""The secretariat's admin for commitments: pledge versions and signatures, commitments, reports."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.viewsets.model import ModelViewSetGroup

from network_site.viewsets import RecordInspectView, RecordViewSet

from .models import COMMITMENT_EDITABLE_FIELDS, Commitment, PledgeSignature, PledgeVersion, ProgressReport


class PledgeVersionViewSet(RecordViewSet):
    model = PledgeVersion
    icon = "doc-full"
    menu_label = _("Pledge versions")
    list_display = ["__str__", "published_at", "created_at"]
    form_fields = ["number", "label", "text", "published_at"]
    name = "commitments_pledge_versions"


class SignatureInspectView(RecordInspectView):
    def header_buttons_for_object(self):
        return [(_("Download certificate (PDF)"), "commitments_review:certificate", "download", 1000)]


class PledgeSignatureViewSet(RecordViewSet):
    model = PledgeSignature
    icon = "user"
    menu_label = _("Pledge signatures")
    list_display = ["organization", "version_number", "signer_name", "signed_at"]
    list_filter = ["version"]
    search_fields = ["organization__name", "signer_name"]
    inspect_view_class = SignatureInspectView
    inspect_view_fields = [
        "organization",
        "version_number",
        "signer_name",
        "signer_position",
        "user",
        "signed_at",
        "verification_code",
        "text_snapshot",
    ]
    form_fields = ["signer_name", "signer_position"]
    name = "commitments_signatures"


class CommitmentViewSet(RecordViewSet):
    model = Commitment
    icon = "tasks"
    menu_label = _("Commitments")
    list_display = ["reference", "title", "organization", "thematic_area", "status", "is_public"]
    list_filter = ["status", "thematic_area", "acceleration_factor", "organization", "is_public"]
    search_fields = ["title", "reference", "organization__name"]
    form_fields = COMMITMENT_EDITABLE_FIELDS
    name = "commitments_commitments"
    add_to_reference_index = False  # imports and transitions must not pay for reference indexing


class ProgressReportViewSet(RecordViewSet):
    model = ProgressReport
    icon = "list-ul"
    menu_label = _("Progress reports")
    list_display = ["__str__", "commitment", "period", "value", "status", "is_late", "deadline"]
    list_filter = ["status", "is_late", "period", "commitment__organization", "commitment__thematic_area"]
    search_fields = ["period", "commitment__reference", "commitment__title"]
    form_fields = ["value", "narrative"]
    name = "commitments_reports"
    add_to_reference_index = False


class CommitmentsViewSetGroup(ModelViewSetGroup):
    menu_label = _("Commitments")
    menu_icon = "tasks"
    menu_order = 210
    items = (CommitmentViewSet, ProgressReportViewSet, PledgeVersionViewSet, PledgeSignatureViewSet)
