"""The secretariat's meeting tools in the Wagtail admin: manage a meeting (its status moves),
invite, record attendance, cancel or reschedule, documents, and the agreements register's
status changes and export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from members.models import Organization, Person
from network_site import background
from network_site.spreadsheets import CONTENT_TYPES, export_resource
from network_site.uploads import private_file_response

from . import documents
from .forms import (
    AgreementStatusForm,
    CancelForm,
    CopyMeetingForm,
    InviteForm,
    PublicSummaryForm,
    RescheduleForm,
    attendance_formset_class,
)
from .ics import ics_response
from .models import (
    Agreement,
    AgreementUpdate,
    Attendance,
    AttendanceBody,
    AttendanceStatus,
    Invitation,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    MinutesAttachment,
    MinutesComment,
    ReplyStatus,
)
from .resources import AgreementResource, AttendanceResource

S = MeetingStatus

#: The buttons of the manage page: action (the transition's name) → (target status, label).
ACTIONS = {
    "convene": (S.CONVENED, gettext_lazy("Convene: send invitations with the agenda and calendar file")),
    "resend": (None, gettext_lazy("Send the convocation again")),
    "held": (S.HELD, gettext_lazy("Mark as held")),
    "minutes_draft": (S.MINUTES_DRAFT, gettext_lazy("Start the minutes")),
    "circulate": (S.MINUTES_CIRCULATED, gettext_lazy("Circulate the minutes for comments")),
    "back_to_draft": (S.MINUTES_DRAFT, gettext_lazy("Back to draft")),
    "approve": (S.MINUTES_APPROVED, gettext_lazy("Approve the minutes")),
    "publish": (S.PUBLISHED, gettext_lazy("Publish the summary on the site")),
    "unpublish": (S.MINUTES_APPROVED, gettext_lazy("Withdraw the public summary")),
}


#: The moves that ask for confirmation on a page of their own first (they send e-mails to every
#: invitee, lock the minutes or change what the public site shows): action → what the page explains.
CONFIRMATIONS = {
    "convene": gettext_lazy(
        "Every invitee gets the convocation by e-mail now, with the agenda and a calendar invitation, "
        "and the meeting is marked convened."
    ),
    "resend": gettext_lazy(
        "Every invitee who has not declined gets the convocation again, with the updated agenda and "
        "calendar invitation (their calendars update the same entry)."
    ),
    "approve": gettext_lazy(
        "Approving locks the minutes: the notes and conclusions of each agenda item, the general "
        "conclusions and the attachments can no longer be changed. The public summary can still be corrected."
    ),
    "publish": gettext_lazy(
        "The public summary will be shown on the site's public calendar, for anyone to read. "
        "You can still correct it afterwards, or withdraw it."
    ),
    "unpublish": gettext_lazy("The summary will no longer be shown on the public site."),
}


class MeetingAdminMixin(WagtailAdminTemplateMixin):
    permission = "meetings.change_meeting"
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.meeting = get_object_or_404(Meeting, pk=kwargs["pk"]) if "pk" in kwargs else None
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.meeting.title if self.meeting else ""

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("meeting:index"), "label": _("Meetings")}]
        if self.meeting:
            items.append({"url": self.meeting.get_admin_manage_url(), "label": self.meeting.title})
        items.append({"url": "", "label": self.get_page_title()})
        return items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.meeting
        return context


class ManageView(MeetingAdminMixin, TemplateView):
    template_name = "meetings/admin/manage.html"
    page_title = gettext_lazy("Manage meeting")
    permission = "meetings.view_meeting"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.meeting
        # The buttons: the declared transitions that leave the current status (named after them).
        available = {
            transition.name
            for transition in meeting.lifecycle.leaving(meeting.status)
            if meeting.can_transition_to(transition.target, self.request.user)
        }
        if meeting.status == S.CONVENED:
            available.add("resend")
        held_from = None
        if "held" in available and not meeting.has_started():
            available.discard("held")
            held_from = meeting.start
        actions = [(key, label, key in CONFIRMATIONS) for key, (_target, label) in ACTIONS.items() if key in available]
        invitations = list(meeting.invitations.select_related("organization", "person__organization"))
        replies = dict.fromkeys(ReplyStatus.values, 0)
        for invitation in invitations:
            replies[invitation.status] += 1
        attendance = meeting.attendance.aggregate(
            total=Count("pk"), present=Count("pk", filter=Q(status=AttendanceStatus.PRESENT))
        )
        context.update(
            actions=actions,
            invitations=invitations,
            replies=[(ReplyStatus(status).label, count) for status, count in replies.items()],
            attendance=attendance,
            agreements=list(
                meeting.agreements.prefetch_related("responsible_organizations", "responsible_people").order_by("pk")
            ),
            follow_up=list(meeting.follow_up_agreements()),
            comments=list(
                MinutesComment.objects.filter(meeting=meeting).select_related("organization", "author", "agenda_item")
            ),
            can_cancel=meeting.can_transition_to(S.CANCELLED, self.request.user),
            held_from=held_from,
            can_copy=self.request.user.has_perm("meetings.add_meeting"),
            series_meetings=(
                list(meeting.series.meetings.exclude(pk=meeting.pk).order_by("-start")[:10])
                if meeting.series_id
                else []
            ),
            agenda_days=meeting.agenda_by_day(),
            history_url=reverse("meeting:history", args=[meeting.pk]),
        )
        return context


class TransitionView(MeetingAdminMixin, TemplateView):
    """A status button's move. Those in CONFIRMATIONS are asked on a confirmation page first (GET);
    their post must carry ``confirmed=1``, or it only leads back to that page."""

    template_name = "meetings/admin/confirm.html"

    def get_page_title(self):
        return ACTIONS[self.kwargs["action"]][1] if self.kwargs["action"] in ACTIONS else ""

    def get(self, request, pk, action):
        if action not in CONFIRMATIONS:
            raise Http404
        meeting = self.meeting
        target, label = ACTIONS[action]
        problems = []
        if action == "convene" and not meeting.invitations.exists():
            problems.append(_("Invite at least one organisation, person or guest before convening."))
        if action == "publish" and not meeting.has_public_summary:
            problems.append(_("Write the public summary before publishing it."))
        allowed = meeting.lifecycle.find(meeting.status, target, action) is not None and meeting.can_transition_to(
            target, request.user
        )
        if not allowed:
            problems.append(_("This step is not available for the meeting's current status."))
        context = self.get_context_data(
            action=action,
            label=label,
            explanation=CONFIRMATIONS[action],
            problems=problems,
            comments_count=MinutesComment.objects.filter(meeting=meeting).count(),
            recipients_count=len(meeting.recipients(include_declined=action != "resend"))
            if action in ("convene", "resend")
            else 0,
            agreements_count=meeting.agreements.count(),
            # Attendees were told they may comment until this date: approving now closes comments early.
            comments_still_open=action == "approve"
            and meeting.minutes_comments_due is not None
            and meeting.minutes_comments_due >= timezone.localdate(),
        )
        return self.render_to_response(context)

    def post(self, request, pk, action):
        meeting = self.meeting
        if action not in ACTIONS:
            raise Http404
        if action == "circulate":  # asks for the comment deadline first (meetings.circulation)
            return redirect("meetings_admin:circulate", pk=meeting.pk)
        if action in CONFIRMATIONS and request.POST.get("confirmed") != "1":
            return redirect(reverse("meetings_admin:transition", args=[meeting.pk, action]))
        target, label = ACTIONS[action]
        reason = request.POST.get("reason", "").strip()[:1000]
        try:
            if action == "convene":
                sent = meeting.convene(user=request.user, comment=reason)
                messages.success(request, _("Convocation sent to %(count)s addresses.") % {"count": sent})
            elif action == "resend":
                sent = meeting.resend_convocation(user=request.user)
                messages.success(request, _("Convocation sent again to %(count)s addresses.") % {"count": sent})
            elif action == "approve":
                meeting.transition_to(target, user=request.user, comment=reason, name=action)
                messages.success(request, _("The minutes are approved and locked."))
            elif action == "publish":
                meeting.transition_to(target, user=request.user, comment=reason, name=action)
                messages.success(request, _("The summary is published on the public calendar."))
            else:
                meeting.transition_to(target, user=request.user, comment=reason, name=action)
                messages.success(request, _("Status: %(status)s.") % {"status": meeting.get_status_display()})
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect(meeting.get_admin_manage_url())


class CancelView(MeetingAdminMixin, FormView):
    form_class = CancelForm
    template_name = "meetings/admin/form.html"
    page_title = gettext_lazy("Cancel the meeting")

    def form_valid(self, form):
        try:
            sent = self.meeting.cancel(user=self.request.user, comment=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting is cancelled; %(count)s addresses were told.") % {"count": sent})
        return redirect(self.meeting.get_admin_manage_url())


class RescheduleView(MeetingAdminMixin, FormView):
    form_class = RescheduleForm
    template_name = "meetings/admin/form.html"
    page_title = gettext_lazy("Reschedule the meeting")

    def get_initial(self):
        local_start, local_end = self.meeting.local_start, self.meeting.local_end
        return {
            "start": local_start.replace(tzinfo=None),
            "end": local_end.replace(tzinfo=None),
            "place": self.meeting.place,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            sent = self.meeting.reschedule(
                data["start"], data["end"], user=self.request.user, reason=data["reason"], place=data["place"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The meeting was moved; %(count)s addresses got the updated calendar entry.") % {"count": sent},
        )
        return redirect(self.meeting.get_admin_manage_url())


class InviteView(MeetingAdminMixin, FormView):
    form_class = InviteForm
    template_name = "meetings/admin/invite.html"
    page_title = gettext_lazy("Invite")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invitations"] = list(self.meeting.invitations.select_related("organization", "person__organization"))
        return context

    @transaction.atomic
    def form_valid(self, form):
        meeting = self.meeting
        data = form.cleaned_data
        organizations = Organization.objects.none()
        if data["all_active_members"]:
            organizations = organizations | Organization.objects.active()
        if data["sector"]:
            organizations = organizations | Organization.objects.active().filter(sector=data["sector"])
        org_ids = set(organizations.values_list("pk", flat=True)) | {org.pk for org in data["organizations"]}
        existing_orgs = set(meeting.invitations.exclude(organization=None).values_list("organization_id", flat=True))
        existing_people = set(meeting.invitations.exclude(person=None).values_list("person_id", flat=True))
        existing_guests = set(meeting.invitations.exclude(guest_email="").values_list("guest_email", flat=True))
        new = [Invitation(meeting=meeting, organization_id=org_id) for org_id in sorted(org_ids - existing_orgs)]
        new += [
            Invitation(meeting=meeting, person=person) for person in data["people"] if person.pk not in existing_people
        ]
        seen = set(existing_guests)
        for guest in data["guests"]:
            if guest["email"] in seen:
                continue
            seen.add(guest["email"])
            new.append(
                Invitation(
                    meeting=meeting,
                    guest_name=guest["name"],
                    guest_organization=guest["organization"],
                    guest_email=guest["email"],
                )
            )
        Invitation.objects.bulk_create(new)
        if new:
            from wagtail.log_actions import log

            log(instance=meeting, action="meetings.invite", user=self.request.user, data={"count": len(new)})
        messages.success(self.request, _("%(count)s new invitations.") % {"count": len(new)})
        if meeting.status == S.CONVENED and new:
            messages.warning(
                self.request,
                _("The meeting is already convened: send the convocation again so the new invitees get it."),
            )
        return redirect(reverse("meetings_admin:invite", args=[meeting.pk]))


class RemoveInvitationView(MeetingAdminMixin, View):
    def post(self, request, pk, invitation_pk):
        invitation = get_object_or_404(Invitation, pk=invitation_pk, meeting=self.meeting)
        if self.meeting.status != S.PLANNED:
            messages.error(request, _("Invitations can only be removed before the meeting is convened."))
        else:
            invitation.delete()
            messages.success(request, _("Invitation removed."))
        return redirect(reverse("meetings_admin:invite", args=[pk]))


def _initial_attendance(meeting):
    """Rows for the invitees not yet on the attendance list (people, guests, organisations' focal points)."""
    recorded = {name.lower() for name in meeting.attendance.values_list("name", flat=True)}
    rows = []
    invitations = list(meeting.invitations.select_related("organization", "person__organization"))
    org_ids = [inv.organization_id for inv in invitations if inv.organization_id]
    focal = {}
    for person in Person.objects.filter(organization_id__in=org_ids, is_focal_point=True).select_related(
        "organization"
    ):
        focal.setdefault(person.organization_id, []).append(person)
    for invitation in invitations:
        if invitation.kind == "guest":
            rows.append(
                {
                    "name": invitation.guest_name,
                    "organization_name": invitation.guest_organization,
                    "email": invitation.guest_email,
                    "body": AttendanceBody.GUESTS,
                }
            )
            continue
        people = [invitation.person] if invitation.kind == "person" else focal.get(invitation.organization_id, [])
        organization = invitation.person.organization if invitation.kind == "person" else invitation.organization
        body = (
            AttendanceBody.INTERNATIONAL
            if organization.kind == "international"
            else (AttendanceBody.GUESTS if organization.is_partner else AttendanceBody.NETWORK_MEMBERS)
        )
        if not people:
            rows.append(
                {
                    "name": "",
                    "organization": organization.pk,
                    "organization_name": organization.display_name,
                    "body": body,
                }
            )
        for person in people:
            rows.append(
                {
                    "name": person.name,
                    "organization": organization.pk,
                    "organization_name": organization.display_name,
                    "email": person.email,
                    "body": body,
                }
            )
    return [row for row in rows if not row["name"] or row["name"].lower() not in recorded]


class AttendanceView(MeetingAdminMixin, TemplateView):
    template_name = "meetings/admin/attendance.html"
    page_title = gettext_lazy("Attendance")
    permission = "meetings.change_attendance"

    def get_formset(self, data=None):
        queryset = Attendance.objects.filter(meeting=self.meeting).in_list_order()
        # The same pre-filled rows on GET and POST, so that untouched rows count as unchanged.
        initial = _initial_attendance(self.meeting)
        formset_class = attendance_formset_class(extra=max(len(initial), 3))
        formset = formset_class(data=data, queryset=queryset, initial=initial, prefix="attendance")
        for form in formset.forms:
            form.fields["organization"].queryset = Organization.objects.order_by("name")
        return formset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_mark_held"] = (
            self.meeting.status == S.CONVENED
            and self.meeting.has_started()
            and self.meeting.can_transition_to(S.HELD, self.request.user)
        )
        context["status_choices"] = AttendanceStatus.choices
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(formset=self.get_formset()))

    def post(self, request, *args, **kwargs):
        formset = self.get_formset(request.POST)
        if formset.is_valid():
            try:
                with transaction.atomic():
                    instances = formset.save(commit=False)
                    for obj in formset.deleted_objects:
                        obj.delete()
                    for instance in instances:
                        if not instance.name:
                            continue
                        instance.meeting = self.meeting
                        instance.save()
            except IntegrityError:
                messages.error(request, _("The same name appears twice; nothing was saved."))
                return self.render_to_response(self.get_context_data(formset=formset))
            from wagtail.log_actions import log

            log(instance=self.meeting, action="meetings.attendance", user=request.user, data={"rows": len(instances)})
            messages.success(request, _("Attendance saved."))
            if request.POST.get("mark_held") and self.meeting.can_transition_to(S.HELD, request.user):
                try:
                    self.meeting.transition_to(S.HELD, user=request.user, comment=_("Attendance recorded"))
                except ValidationError as exc:
                    messages.warning(request, " ".join(exc.messages))
            return redirect(reverse("meetings_admin:attendance", args=[self.meeting.pk]))
        messages.error(request, _("Please correct the errors below; nothing was saved."))
        return self.render_to_response(self.get_context_data(formset=formset))


class SummaryView(MeetingAdminMixin, FormView):
    """Write or correct the public summary, also once the minutes are approved or published."""

    form_class = PublicSummaryForm
    template_name = "meetings/admin/summary.html"
    page_title = gettext_lazy("Public summary")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.meeting}

    def form_valid(self, form):
        if self.meeting.status == S.CANCELLED:
            form.add_error(None, _("A cancelled meeting has no summary."))
            return self.form_invalid(form)
        if "public_summary" in form.changed_data:
            form.save()
            from wagtail.log_actions import log

            log(instance=self.meeting, action="wagtail.edit", user=self.request.user, data={"field": "public_summary"})
        if self.meeting.status == S.PUBLISHED:
            messages.success(self.request, _("Summary saved: the public site shows the corrected text."))
        else:
            messages.success(self.request, _("Summary saved."))
        return redirect(self.meeting.get_admin_manage_url())


class CopyView(MeetingAdminMixin, FormView):
    """Copy a meeting for its next session: details and agenda as a template, in the same series."""

    form_class = CopyMeetingForm
    template_name = "meetings/admin/copy.html"
    page_title = gettext_lazy("Copy for the next session")
    permission = "meetings.add_meeting"

    def get_initial(self):
        meeting = self.meeting
        start = timezone.localtime(meeting.proposed_next_start())
        end = start + (meeting.end - meeting.start)
        title = meeting.series.session_title(meeting.series.next_number()) if meeting.series_id else meeting.title
        return {"title": title, "start": start.replace(tzinfo=None), "end": end.replace(tzinfo=None)}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agenda_count"] = self.meeting.agenda_items.count()
        context["next_number"] = self.meeting.series.next_number() if self.meeting.series_id else None
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            copy = self.meeting.copy_for_next_session(
                start=data["start"],
                end=data["end"],
                title=data["title"],
                user=self.request.user,
                invite_same=data["invite_same"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("“%(title)s” was created with the agenda of “%(source)s”: check it before convening.")
            % {"title": copy.title, "source": self.meeting.title},
        )
        return redirect(copy.get_admin_manage_url())


class SeriesView(MeetingAdminMixin, TemplateView):
    """A series' meetings listed together, numbered; the latest can be copied for the next session."""

    template_name = "meetings/admin/series.html"
    permission = "meetings.view_meeting"

    def dispatch(self, request, *args, **kwargs):
        self.series = get_object_or_404(MeetingSeries, pk=kwargs["series_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.series)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meetings = list(self.series.meetings.order_by("-start"))
        context.update(
            series=self.series,
            meetings=meetings,
            latest=meetings[0] if meetings else None,
            can_copy=self.request.user.has_perm("meetings.add_meeting"),
        )
        return context


class DocumentView(MeetingAdminMixin, View):
    permission = "meetings.view_meeting"
    kinds = {
        "agenda.pdf": documents.agenda_pdf,
        "sign-in.pdf": documents.sign_in_pdf,
    }

    def get(self, request, pk, kind):
        if kind == "meeting.ics":
            return ics_response(self.meeting)
        if kind == "attendance.xlsx":
            resource = AttendanceResource(user=request.user)
            data = export_resource(resource, "xlsx", resource.get_queryset().filter(meeting=self.meeting))
            response = HttpResponse(data, content_type=CONTENT_TYPES["xlsx"])
            stem = f"asistencia-{slugify(self.meeting.title)[:50]}"
            response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
            return response
        if kind == "minutes.pdf":  # it grows with the meeting: rendered in the background
            return redirect(background.status_url(documents.start_minutes(request, self.meeting, admin=True)))
        if kind not in self.kinds:
            raise Http404
        return self.kinds[kind](self.meeting, request=request)


class AttachmentView(MeetingAdminMixin, View):
    """A minutes attachment, downloaded by the secretariat (the file is private)."""

    permission = "meetings.view_meeting"

    def get(self, request, pk, attachment_pk):
        attachment = get_object_or_404(MinutesAttachment, pk=attachment_pk, meeting=self.meeting)
        return private_file_response(attachment.file)


class AgreementEvidenceView(View):
    """The evidence of a progress update on an agreement, downloaded by the secretariat."""

    def get(self, request, pk, update_pk):
        if not request.user.has_perm("meetings.view_agreement"):
            raise PermissionDenied
        update = get_object_or_404(AgreementUpdate.objects.exclude(evidence=""), pk=update_pk, agreement_id=pk)
        return private_file_response(update.evidence)


class AgreementStatusView(WagtailAdminTemplateMixin, FormView):
    form_class = AgreementStatusForm
    template_name = "meetings/admin/form.html"
    page_title = gettext_lazy("Change the agreement's status")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("meetings.change_agreement"):
            raise PermissionDenied
        self.agreement = get_object_or_404(Agreement.objects.select_related("meeting"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.agreement)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("agreement:index"), "label": _("Agreements")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        return {"status": self.agreement.status}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agreement"] = self.agreement
        context["updates"] = list(self.agreement.updates.select_related("organization", "author"))
        return context

    def form_valid(self, form):
        try:
            self.agreement.report_progress(
                form.cleaned_data["status"], user=self.request.user, comment=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The agreement's status was changed."))
        return redirect(reverse("agreement:index"))


class AgreementsExportView(View):
    def get(self, request):
        if not request.user.has_perm("meetings.view_agreement"):
            raise PermissionDenied
        from .viewsets import AgreementFilterSet

        resource = AgreementResource(user=request.user)
        filterset = AgreementFilterSet(request.GET or None, queryset=resource.get_queryset(), request=request)
        queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else resource.get_queryset()
        data = export_resource(resource, "xlsx", queryset)
        response = HttpResponse(data, content_type=CONTENT_TYPES["xlsx"])
        response["Content-Disposition"] = f'attachment; filename="acuerdos-{timezone.localdate():%Y-%m-%d}.xlsx"'
        return response
