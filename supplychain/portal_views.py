"""Member-portal views of the value chain: self-assessments, suppliers, action plan, referrals.

Every view goes through members.access: objects are fetched with `for_user`, so another
organisation's assessment, supplier, action item, referral, evidence or PDF answers 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DeleteView, DetailView, FormView, ListView, TemplateView, UpdateView

from members.access import PortalMixin, PortalObjectMixin
from members.models import PortalRole
from network_site.lifecycle import record_transition, save_with_transition
from network_site.models import ImportJob
from network_site.spreadsheets import CONTENT_TYPES, FORMATS, export_resource
from network_site.uploads import private_file_response

from .documents import report_pdf, results_context
from .forms import (
    ActionItemForm,
    ImportUploadForm,
    ReferralForm,
    ReferralStepForm,
    SectionAnswersForm,
    StartAssessmentForm,
    SupplierForm,
    field_name,
)
from .models import (
    ActionItem,
    ActionStatus,
    Answer,
    Assessment,
    AssessmentRound,
    AssessmentStatus,
    NoticeKind,
    Questionnaire,
    Referral,
    RoundState,
    Supplier,
)
from .notifications import notify_referral_recorded
from .reminders import claim
from .resources import SupplierResource
from .services import (
    AlreadyStarted,
    OutsideWindow,
    fingerprint_field,
    revision_field,
    save_section,
    start_assessment,
    tokens_for,
    window_message,
)
from .validators import NO_PERSONAL_DATA_WARNING

EDITORS = (PortalRole.REPRESENTATIVE, PortalRole.CONTRIBUTOR)


# --- Overview and assessments -----------------------------------------------------------


class OverviewView(PortalMixin, TemplateView):
    template_name = "supplychain/portal/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        year = today.year
        assessments = list(Assessment.objects.for_user(self.request.user).select_related("questionnaire"))
        assessment_round = AssessmentRound.objects.for_year(year)
        current = next((a for a in assessments if a.year == year), None)
        context.update(
            round=assessment_round,
            window_message=window_message(assessment_round, year, today),
            overdue=assessment_round is not None
            and assessment_round.state(today) == RoundState.CLOSED
            and not (current is not None and current.is_scored),
            days_left=assessment_round.days_left(today) if assessment_round else None,
            year=year,
            assessments=assessments,
            current=current,
            questionnaire=assessment_round.current_questionnaire()
            if assessment_round
            else Questionnaire.objects.current(),
            start_form=StartAssessmentForm(),
            has_previous=any(a.year < year for a in assessments),
            supplier_count=Supplier.objects.for_user(self.request.user).count(),
            open_actions=ActionItem.objects.for_user(self.request.user).pending().count(),
            overdue_actions=ActionItem.objects.for_user(self.request.user).overdue().count(),
            referral_count=Referral.objects.for_user(self.request.user).count(),
        )
        return context


class StartAssessmentView(PortalMixin, View):
    requires_edit = True

    def post(self, request):
        form = StartAssessmentForm(request.POST)
        prefill = form.is_valid() and form.cleaned_data["prefill"]
        try:
            assessment = start_assessment(self.organization, user=request.user, prefill=prefill)
        except AlreadyStarted as exc:
            messages.info(request, _("This year's assessment was already started; here it is."))
            return redirect("supplychain_portal:assessment_detail", exc.args[0].pk)
        except OutsideWindow as exc:
            messages.error(request, str(exc))
            return redirect("supplychain_portal:overview")
        except Questionnaire.DoesNotExist:
            messages.error(request, _("No questionnaire is published yet; the secretariat will announce it."))
            return redirect("supplychain_portal:overview")
        messages.success(request, _("The %(year)s self-assessment was started.") % {"year": assessment.year})
        return redirect("supplychain_portal:assessment_detail", assessment.pk)


class AssessmentObjectMixin(PortalObjectMixin):
    model = Assessment
    pk_url_kwarg = "pk"

    def get_assessment(self):
        if not hasattr(self, "_assessment"):
            self._assessment = self.get_scoped_object_or_404(pk=self.kwargs["pk"])
        return self._assessment


class AssessmentDetailView(AssessmentObjectMixin, TemplateView):
    template_name = "supplychain/portal/assessment_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assessment = self.get_assessment()
        sections, answers = assessment.load_structure()
        completion = assessment.completion(sections, answers)
        context.update(
            assessment=assessment,
            completion=completion,
            all_complete=all(not row.missing for row in completion),
            answered=sum(row.answered for row in completion),
            visible=sum(row.visible for row in completion),
        )
        return context


class SectionView(AssessmentObjectMixin, TemplateView):
    """One section's form. Valid answers are saved even when others are invalid; what was typed
    stays in the form; answers someone else changed meanwhile are refused with their value."""

    template_name = "supplychain/portal/section_form.html"
    requires_edit = True

    def setup_section(self):
        assessment = self.get_assessment()
        if not assessment.is_editable:
            messages.info(self.request, _("This assessment was submitted and can no longer be changed."))
            return None
        sections, answers = assessment.load_structure()
        section = next((s for s in sections if s.pk == self.kwargs["section_pk"]), None)
        if section is None:
            raise Http404
        self.sections, self.answers, self.section = sections, answers, section
        self.questions = list(section.questions.all())
        return section

    def get(self, request, *args, **kwargs):
        if self.setup_section() is None:
            return redirect("supplychain_portal:assessment_detail", self.get_assessment().pk)
        form = SectionAnswersForm(questions=self.questions, size=self.organization.size, answers=self.answers)
        return self.render_to_response(
            self.get_context_data(form=form, tokens=tokens_for(self.questions, self.answers))
        )

    def post(self, request, *args, **kwargs):
        if self.setup_section() is None:
            return redirect("supplychain_portal:assessment_detail", self.get_assessment().pk)
        assessment = self.get_assessment()
        form = SectionAnswersForm(
            request.POST, request.FILES, questions=self.questions, size=self.organization.size, answers=self.answers
        )
        form.is_valid()
        outcome = save_section(assessment, self.questions, form, request.POST, request.user)
        for conflict in outcome.conflicts.values():
            question = conflict.question
            message = _(
                "%(user)s changed this answer while you were editing; it now says: “%(value)s”. "
                "Your answer was not saved. Save again to replace it with yours."
            ) % {"user": conflict.other_user or _("Someone"), "value": conflict.other_value or _("(empty)")}
            form.add_error(field_name(question), message)
        if not form.errors:
            messages.success(request, _("The section “%(title)s” was saved.") % {"title": self.section.title})
            next_section = self._next_section()
            if "save_next" in request.POST and next_section is not None:
                return redirect("supplychain_portal:section", assessment.pk, next_section.pk)
            return redirect("supplychain_portal:assessment_detail", assessment.pk)
        if outcome.saved:
            messages.warning(
                request,
                _("%(n)s answers were saved; the others need your attention below.") % {"n": len(outcome.saved)},
            )
        context = self.get_context_data(form=form, tokens=outcome.tokens, conflicts=outcome.conflicts)
        return self.render_to_response(context, status=200)

    def _next_section(self):
        index = self.sections.index(self.section)
        return self.sections[index + 1] if index + 1 < len(self.sections) else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, tokens = kwargs["form"], kwargs["tokens"]
        rows = []
        for question in self.questions:
            revision, fp = tokens.get(question.pk, (0, ""))
            condition = question.condition_option
            rows.append(
                {
                    "field": form[field_name(question)],
                    "question": question,
                    "revision_name": revision_field(question),
                    "revision": revision,
                    "fingerprint_name": fingerprint_field(question),
                    "fingerprint": fp,
                    "condition": condition,
                    "condition_field": f"q_{condition.question.key}" if condition else "",
                    "condition_question": condition.question if condition else None,
                    "answer": self.answers.get(question.pk),
                }
            )
        context.update(
            assessment=self.get_assessment(),
            section=self.section,
            sections=self.sections,
            rows=rows,
            next_section=self._next_section(),
        )
        return context


class PreviewView(AssessmentObjectMixin, TemplateView):
    template_name = "supplychain/portal/preview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assessment = self.get_assessment()
        sections, answers = assessment.load_structure()
        completion = assessment.completion(sections, answers)
        size = assessment.organization.size
        blocks = []
        for row in completion:
            items = []
            for question in row.section.questions.all():
                if not assessment.visible(question, answers):
                    continue
                answer = answers.get(question.pk)
                items.append(
                    {
                        "question": question,
                        "answer": answer if answer is not None and answer.has_value else None,
                        "required": question.is_required_for(size),
                    }
                )
            blocks.append({"completion": row, "items": items})
        missing = sum(len(row.missing) for row in completion)
        context.update(assessment=assessment, blocks=blocks, missing=missing)
        return context


class SubmitView(AssessmentObjectMixin, View):
    required_roles = (PortalRole.REPRESENTATIVE,)

    def post(self, request, pk):
        assessment = self.get_assessment()
        try:
            assessment.transition_to(AssessmentStatus.SUBMITTED, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("supplychain_portal:preview", assessment.pk)
        messages.success(request, _("The self-assessment was submitted. Here are your results."))
        return redirect("supplychain_portal:results", assessment.pk)


class ResultsView(AssessmentObjectMixin, TemplateView):
    template_name = "supplychain/portal/results.html"

    def get(self, request, *args, **kwargs):
        if not self.get_assessment().is_scored:
            messages.info(request, _("Results appear once the assessment is submitted."))
            return redirect("supplychain_portal:assessment_detail", self.get_assessment().pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assessment = self.get_assessment()
        context.update(results_context(assessment))
        return context


class ReportPdfView(AssessmentObjectMixin, View):
    def get(self, request, pk):
        assessment = self.get_assessment()
        if not assessment.is_scored:
            raise Http404
        return report_pdf(assessment, request=request)


class EvidenceView(PortalObjectMixin, View):
    model = Answer

    def get(self, request, pk, answer_pk):
        answer = self.get_scoped_object_or_404(pk=answer_pk, assessment_id=pk)
        if not answer.file:
            raise Http404
        return private_file_response(answer.file)


# --- Suppliers ---------------------------------------------------------------------------


class SupplierListView(PortalObjectMixin, ListView):
    model = Supplier
    template_name = "supplychain/portal/supplier_list.html"
    context_object_name = "suppliers"

    def get_queryset(self):
        return super().get_queryset().with_risk_tables().order_by("tier", "name")


class OrganizationRecordFormMixin:
    """The create and edit views of the organisation's records (an OrganizationRecordForm)."""

    requires_edit = True

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organization": self.organization}


class SupplierFormMixin(OrganizationRecordFormMixin):
    model = Supplier
    form_class = SupplierForm
    template_name = "supplychain/portal/supplier_form.html"
    success_url = reverse_lazy("supplychain_portal:supplier_list")

    def form_valid(self, form):
        messages.success(self.request, _("The supplier “%(name)s” was saved.") % {"name": form.instance.name})
        return super().form_valid(form)


class SupplierCreateView(SupplierFormMixin, PortalMixin, CreateView):
    pass


class SupplierUpdateView(SupplierFormMixin, PortalObjectMixin, UpdateView):
    pass


class SupplierDeleteView(PortalObjectMixin, DeleteView):
    model = Supplier
    requires_edit = True
    template_name = "supplychain/portal/confirm_delete.html"
    success_url = reverse_lazy("supplychain_portal:supplier_list")

    def form_valid(self, form):
        try:
            response = super().form_valid(form)
        except ProtectedError:
            messages.error(self.request, _("This supplier cannot be deleted."))
            return redirect(self.success_url)
        messages.success(self.request, _("The supplier was deleted."))
        return response


class SupplierExportView(PortalMixin, View):
    def get(self, request, fmt):
        if fmt not in FORMATS:
            raise Http404
        resource = SupplierResource(user=request.user)
        content = export_resource(resource, fmt)  # scope(): only this organisation's suppliers
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="proveedores-{self.organization.slug}.{fmt}"'
        return response


class SupplierImportView(PortalMixin, FormView):
    """Upload → preview (an ImportJob) → confirm; limited to the user's organisation by `scope()`."""

    requires_edit = True
    form_class = ImportUploadForm
    template_name = "supplychain/portal/supplier_import.html"

    def form_valid(self, form):
        report, job = ImportJob.preview(SupplierResource(user=self.request.user), form.cleaned_data["file"])
        return self.render_to_response(self.get_context_data(form=form, report=report, job=job))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = SupplierResource(user=self.request.user).import_columns()
        return context


class SupplierImportConfirmView(PortalMixin, View):
    requires_edit = True

    def post(self, request, job_pk):
        job = get_object_or_404(
            ImportJob,
            pk=job_pk,
            created_by=request.user,
            resource=SupplierResource.name,
            status=ImportJob.Status.PREVIEWED,
        )
        report = job.apply(SupplierResource(user=request.user))
        if report is None:  # applied meanwhile (a second click): nothing more to do
            return redirect("supplychain_portal:supplier_list")
        if report.ok:
            totals = ", ".join(f"{k}: {v}" for k, v in report.totals.items() if v)
            messages.success(request, _("The suppliers were imported (%(totals)s).") % {"totals": totals or "0"})
        else:
            messages.error(request, _("Nothing was imported: the file has errors. Upload it again."))
        return redirect("supplychain_portal:supplier_list")


# --- Action plan -------------------------------------------------------------------------


class ActionListView(PortalObjectMixin, ListView):
    model = ActionItem
    template_name = "supplychain/portal/action_list.html"
    context_object_name = "items"

    def get_queryset(self):
        queryset = super().get_queryset().select_related("assessment")
        status = self.request.GET.get("status")
        if status in {"open", "in_progress", "done", "verified"}:
            queryset = queryset.filter(status=status)
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs, today=timezone.localdate(), status=self.request.GET.get("status", "")
        )


class ActionFormMixin(OrganizationRecordFormMixin):
    model = ActionItem
    form_class = ActionItemForm
    template_name = "supplychain/portal/action_form.html"
    success_url = reverse_lazy("supplychain_portal:action_list")

    def form_valid(self, form):
        """A new status goes through the item's lifecycle (one history entry); a refusal is the field's error."""
        if not form.instance.pk:
            form.instance.created_by = self.request.user
        save = super().form_valid
        try:
            response = save_with_transition(form, lambda: save(form), user=self.request.user)
        except ValidationError as exc:
            form.add_error("status", exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The action item was saved."))
        return response


class ActionCreateView(ActionFormMixin, PortalMixin, CreateView):
    pass


class ActionUpdateView(ActionFormMixin, PortalObjectMixin, UpdateView):
    """Edit an item (its evidence too) until the secretariat has verified it; then it is read only."""

    def get(self, request, *args, **kwargs):
        if self.get_object().status == ActionStatus.VERIFIED:
            return redirect("supplychain_portal:action_detail", kwargs["pk"])
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.get_object().status == ActionStatus.VERIFIED:
            messages.error(request, _("The secretariat verified this action item; it can no longer be changed."))
            return redirect("supplychain_portal:action_detail", kwargs["pk"])
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, history=self.object.history())


class ActionDetailView(PortalObjectMixin, DetailView):
    """An action item with its evidence and its history (who completed and who verified it, when)."""

    model = ActionItem
    template_name = "supplychain/portal/action_detail.html"
    context_object_name = "item"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, history=self.object.history())


class ActionEvidenceView(PortalObjectMixin, View):
    model = ActionItem

    def get(self, request, pk):
        item = self.get_scoped_object_or_404(pk=pk)
        if not item.evidence:
            raise Http404
        return private_file_response(item.evidence)


# --- Referrals ---------------------------------------------------------------------------


class ReferralListView(PortalObjectMixin, ListView):
    model = Referral
    template_name = "supplychain/portal/referral_list.html"
    context_object_name = "referrals"

    def get_queryset(self):
        return super().get_queryset().select_related("region", "supplier")


class ReferralDetailView(PortalObjectMixin, DetailView):
    model = Referral
    template_name = "supplychain/portal/referral_detail.html"
    context_object_name = "referral"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        referral = self.object
        if referral.next_step and self.account.can_edit:
            context["step_form"] = ReferralStepForm(referral=referral)
        context["late_steps"] = referral.late_steps()
        return context


class ReferralFormMixin(OrganizationRecordFormMixin):
    model = Referral
    form_class = ReferralForm
    template_name = "supplychain/portal/referral_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, warning=NO_PERSONAL_DATA_WARNING)

    def form_valid(self, form):
        from wagtail.log_actions import log

        creating = not form.instance.pk
        if creating:
            form.instance.created_by = self.request.user
        response = super().form_valid(form)
        if creating:  # the first entry of its history: identified; the secretariat is told
            record_transition(self.object, "", self.object.status, user=self.request.user)
            referral = self.object
            if claim(
                f"referral:{referral.pk}:recorded", kind=NoticeKind.REFERRAL_RECORDED, organization=self.organization
            ):
                transaction.on_commit(lambda: notify_referral_recorded(referral))
        else:
            log(instance=self.object, action="wagtail.edit", user=self.request.user)
        messages.success(self.request, _("The referral was saved."))
        return response

    def get_success_url(self):
        return reverse("supplychain_portal:referral_detail", args=[self.object.pk])


class ReferralCreateView(ReferralFormMixin, PortalMixin, CreateView):
    pass


class ReferralUpdateView(ReferralFormMixin, PortalObjectMixin, UpdateView):
    pass


class ReferralAdvanceView(PortalObjectMixin, View):
    model = Referral
    requires_edit = True

    def post(self, request, pk):
        referral = self.get_scoped_object_or_404(pk=pk)
        form = ReferralStepForm(request.POST, referral=referral)
        if form.is_valid():
            try:
                referral.advance(on=form.cleaned_data["on"], notes=form.cleaned_data["notes"], user=request.user)
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Step recorded: %(step)s.") % {"step": referral.get_status_display()})
                return redirect("supplychain_portal:referral_detail", referral.pk)
        referral.refresh_from_db()
        view = ReferralDetailView()
        view.setup(request, pk=pk)
        view.account, view.organization, view.object = self.account, self.organization, referral
        context = view.get_context_data(object=referral)
        context["step_form"] = form
        return view.render_to_response(context, status=200)
