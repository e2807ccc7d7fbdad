"""Custom admin views: new questionnaire version, publish, review or return an assessment, PDF;
verify an action item (or send it back) and its evidence file."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from wagtail.admin.views.generic import PermissionCheckedMixin

from network_site.uploads import private_file_response

from .documents import report_pdf
from .models import ActionItem, ActionStatus, Assessment, AssessmentStatus, Questionnaire, QuestionnaireStatus


class QuestionnaireConfirmView(PermissionCheckedMixin, View):
    """Asks to confirm an act on one questionnaire version (GET), then does it (POST)."""

    model = Questionnaire

    def get(self, request, pk):
        questionnaire = get_object_or_404(Questionnaire, pk=pk)
        return TemplateResponse(
            request,
            "supplychain/admin/confirm.html",
            {"object": questionnaire, **self.get_confirmation(questionnaire)},
        )

    def post(self, request, pk):
        return self.confirmed(request, get_object_or_404(Questionnaire, pk=pk))

    def get_confirmation(self, questionnaire):
        """The confirmation page's `title`, `message` and `button`."""
        raise NotImplementedError

    def confirmed(self, request, questionnaire):
        raise NotImplementedError


class NewVersionView(QuestionnaireConfirmView):
    """Deep-copies a questionnaire version into a new draft (the way to 'edit' a used version)."""

    permission_required = "add"

    def get_confirmation(self, questionnaire):
        return {
            "title": _("Create a new version"),
            "message": _(
                "A new draft version will be created as a copy of %(q)s. Assessments already started keep "
                "the version they were filled against."
            )
            % {"q": questionnaire},
            "button": _("Create the new version"),
        }

    def confirmed(self, request, questionnaire):
        copy = questionnaire.new_version(user=request.user)
        messages.success(
            request, _("Version %(v)s was created as a draft; edit it, then publish it.") % {"v": copy.version}
        )
        return redirect("supplychain_questionnaires:edit", copy.pk)


class PublishView(QuestionnaireConfirmView):
    permission_required = "change"

    def get_confirmation(self, questionnaire):
        return {
            "title": _("Publish"),
            "message": _("New self-assessments will start on %(q)s.") % {"q": questionnaire},
            "button": _("Publish"),
        }

    def confirmed(self, request, questionnaire):
        try:
            questionnaire.transition_to(QuestionnaireStatus.PUBLISHED, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(q)s is published.") % {"q": questionnaire})
        return redirect("supplychain_questionnaires:index")


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("reviewed", gettext_lazy("Mark as reviewed")), ("returned", gettext_lazy("Return for changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False, label=gettext_lazy("Comment"))


class ReviewAssessmentView(PermissionCheckedMixin, View):
    """Mark a submitted assessment reviewed, or return it with comments (audit-logged, e-mailed)."""

    template_name = "supplychain/admin/review.html"
    model = Assessment
    permission_required = "change"

    def get_object(self, request, pk):
        return get_object_or_404(Assessment.objects.select_related("organization", "questionnaire"), pk=pk)

    def get(self, request, pk):
        assessment = self.get_object(request, pk)
        return TemplateResponse(request, self.template_name, {"assessment": assessment, "form": ReviewForm()})

    def post(self, request, pk):
        assessment = self.get_object(request, pk)
        form = ReviewForm(request.POST)
        if form.is_valid():
            comment = form.cleaned_data["comment"]
            try:
                if form.cleaned_data["decision"] == "returned":
                    assessment.transition_to(AssessmentStatus.RETURNED, user=request.user, comment=comment)
                    messages.success(
                        request, _("The assessment was returned; the representatives were told by e-mail.")
                    )
                else:
                    assessment.transition_to(AssessmentStatus.REVIEWED, user=request.user, comment=comment)
                    messages.success(request, _("The assessment is marked as reviewed."))
            except ValidationError as exc:
                form.add_error("comment" if form.cleaned_data["decision"] == "returned" else None, exc.messages[0])
            else:
                return redirect("supplychain_assessments:inspect", assessment.pk)
        return TemplateResponse(request, self.template_name, {"assessment": assessment, "form": form})


class AssessmentPdfAdminView(PermissionCheckedMixin, View):
    model = Assessment
    permission_required = "view"

    def get(self, request, pk):
        assessment = get_object_or_404(Assessment.objects.select_related("organization"), pk=pk)
        if not assessment.is_scored:
            messages.error(request, _("The report exists once the assessment is submitted."))
            return redirect(reverse("supplychain_assessments:inspect", args=[pk]))
        return report_pdf(assessment, request=request)


# --- Action items: verified against their evidence, or sent back ------------------------------


class ActionDecisionForm(forms.Form):
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label=gettext_lazy("Comment"))


class ActionDecisionView(PermissionCheckedMixin, View):
    """Asks to confirm (GET, with the evidence to look at), then moves the done item (POST)."""

    model = ActionItem
    permission_required = "change"
    template_name = "supplychain/admin/action_decision.html"
    target = ""
    transition_name = ""

    def get_object(self, pk):
        return get_object_or_404(ActionItem.objects.select_related("organization"), pk=pk)

    def render(self, request, item, form):
        return TemplateResponse(request, self.template_name, {"item": item, "form": form, **self.texts(item)})

    def texts(self, item):
        raise NotImplementedError

    def get(self, request, pk):
        return self.render(request, self.get_object(pk), ActionDecisionForm())

    def post(self, request, pk):
        item = self.get_object(pk)
        form = ActionDecisionForm(request.POST)
        if form.is_valid():
            try:
                item.transition_to(
                    self.target, user=request.user, comment=form.cleaned_data["comment"], name=self.transition_name
                )
            except ValidationError as exc:
                form.add_error("comment" if exc.code == "comment_required" else None, " ".join(exc.messages))
            else:
                messages.success(request, self.texts(item)["done"])
                return redirect("supplychain_actions:inspect", item.pk)
        return self.render(request, item, form)


class VerifyActionView(ActionDecisionView):
    target = ActionStatus.VERIFIED
    transition_name = "verify"

    def texts(self, item):
        return {
            "title": _("Verify the action item"),
            "message": _(
                "Check the evidence first: once verified, the item is closed and the organisation can no longer "
                "change it."
            ),
            "button": _("Mark as verified"),
            "done": _("The action item is verified."),
            "comment_help": _("Optional: what the evidence showed."),
        }


class SendBackActionView(ActionDecisionView):
    target = ActionStatus.IN_PROGRESS
    transition_name = "send_back"

    def texts(self, item):
        return {
            "title": _("Send the action item back"),
            "message": _("The item goes back to “In progress” for the organisation to complete it or its evidence."),
            "button": _("Send back"),
            "done": _("The action item was sent back to the organisation."),
            "comment_help": _("Required: say what is missing."),
        }


class ActionEvidenceAdminView(PermissionCheckedMixin, View):
    model = ActionItem
    permission_required = "view"

    def get(self, request, pk):
        item = get_object_or_404(ActionItem, pk=pk)
        if not item.evidence:
            raise Http404
        return private_file_response(item.evidence)
