"""Portal views (the organisation's meetings and agreements) and the public reply link and feed.

Every portal view fetches through `for_user`, so a meeting the organisation was not invited
to, or another organisation's invitation or agreement, answers 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from members.access import PortalMixin, PortalObjectMixin
from network_site import background
from network_site.uploads import private_file_response

from . import documents
from .circulation import comments_open
from .forms import AgreementProgressForm, MinutesCommentForm, ReplyForm
from .ics import ics_response, public_feed_response
from .models import (
    NOT_YET_HELD,
    Agreement,
    AgreementUpdate,
    Invitation,
    Meeting,
    MeetingStatus,
    MinutesAttachment,
    MinutesComment,
)


def _invitations_by_meeting(user, meeting_ids):
    result = {}
    for invitation in (
        Invitation.objects.for_user(user).filter(meeting_id__in=meeting_ids).select_related("organization", "person")
    ):
        result.setdefault(invitation.meeting_id, []).append(invitation)
    return result


class MeetingListView(PortalMixin, TemplateView):
    template_name = "meetings/portal/meeting_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        meetings = Meeting.objects.for_user(self.request.user)
        upcoming = list(meetings.upcoming(now)[:50])
        past = list(meetings.past(now)[:50])
        invitations = _invitations_by_meeting(self.request.user, [m.pk for m in upcoming + past])
        for meeting in upcoming + past:
            meeting.my_invitations = invitations.get(meeting.pk, [])
        context.update(upcoming=upcoming, past=past)
        return context


class MeetingScopedMixin(PortalObjectMixin):
    model = Meeting
    pk_url_kwarg = "pk"

    def get_meeting(self):
        return self.get_scoped_object_or_404(pk=self.kwargs["pk"])


class MeetingDetailView(MeetingScopedMixin, DetailView):
    template_name = "meetings/portal/meeting_detail.html"
    context_object_name = "meeting"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        user = self.request.user
        context.update(documents.agenda_context(meeting))
        context["invitations"] = list(
            Invitation.objects.for_user(user).filter(meeting=meeting).select_related("organization", "person")
        )
        context["can_reply"] = self.account.can_edit and meeting.status in NOT_YET_HELD
        context["reply_form"] = ReplyForm()
        context["agreements"] = list(
            Agreement.objects.for_user(user)
            .filter(meeting=meeting)
            .prefetch_related("responsible_organizations", "responsible_people")
        )
        if meeting.minutes_visible_to_members:
            context["minutes"] = documents.minutes_context(meeting)
            context["comments"] = list(
                MinutesComment.objects.for_user(user).filter(meeting=meeting).select_related("agenda_item", "author")
            )
            context["comments_open"] = comments_open(meeting)
            context["comments_closed"] = meeting.status == MeetingStatus.MINUTES_CIRCULATED and not comments_open(
                meeting
            )
            if context["comments_open"] and self.account.can_edit:
                context.setdefault("comment_form", MinutesCommentForm(meeting=meeting))
        return context


class InvitationReplyView(PortalMixin, View):
    requires_edit = True

    def post(self, request, pk, invitation_pk):
        invitation = (
            Invitation.objects.for_user(request.user)
            .select_related("meeting")
            .filter(pk=invitation_pk, meeting_id=pk)
            .first()
        )
        if invitation is None:
            raise Http404
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                invitation.transition_to(
                    form.cleaned_data["status"], user=request.user, comment=form.cleaned_data["note"]
                )
                messages.success(request, _("Thank you: your reply was recorded."))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        else:
            messages.error(request, _("Choose whether you will attend."))
        return redirect("meetings_portal:detail", pk=pk)


class MinutesCommentView(MeetingDetailView):
    """A comment on circulated minutes, taken until the comment deadline (its day included).
    A comment left empty shows the meeting's page again with the error and what was typed."""

    requires_edit = True
    http_method_names = ["post", "options"]

    def post(self, request, pk):
        meeting = self.get_meeting()
        if meeting.status != MeetingStatus.MINUTES_CIRCULATED:
            messages.error(request, _("These minutes are not open for comments."))
            return redirect("meetings_portal:detail", pk=pk)
        if not comments_open(meeting):
            messages.error(
                request,
                _("The period for comments ended on %(date)s: your comment was not sent. Write to the secretariat.")
                % {"date": formats.date_format(meeting.minutes_comments_due, "DATE_FORMAT")},
            )
            return redirect(f"{meeting.get_portal_url()}#minutes")
        form = MinutesCommentForm(request.POST, meeting=meeting)
        if form.is_valid():
            comment = form.save(commit=False)
            comment.meeting = meeting
            comment.organization = self.organization
            comment.author = request.user
            comment.save()
            messages.success(request, _("Your comment was sent to the secretariat."))
            return redirect(f"{meeting.get_portal_url()}#minutes")
        self.object = meeting
        return self.render_to_response(self.get_context_data(comment_form=form), status=400)


class AgendaPdfView(MeetingScopedMixin, View):
    def get(self, request, pk):
        return documents.agenda_pdf(self.get_meeting(), request=request)


class MinutesPdfView(MeetingScopedMixin, View):
    """The minutes grow with the meeting: the link starts a background render and lands on its
    status page (``network_site.background``)."""

    def get(self, request, pk):
        meeting = self.get_meeting()
        if not meeting.minutes_visible_to_members:
            raise Http404
        return redirect(background.status_url(documents.start_minutes(request, meeting)))


class MeetingIcsView(MeetingScopedMixin, View):
    def get(self, request, pk):
        return ics_response(self.get_meeting())


class AttachmentDownloadView(MeetingScopedMixin, View):
    def get(self, request, pk, attachment_pk):
        meeting = self.get_meeting()
        if not meeting.minutes_visible_to_members:
            raise Http404
        attachment = get_object_or_404(MinutesAttachment, pk=attachment_pk, meeting=meeting)
        return private_file_response(attachment.file)


class AgreementListView(PortalMixin, TemplateView):
    template_name = "meetings/portal/agreement_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreements = (
            Agreement.objects.for_user(self.request.user)
            .select_related("meeting")
            .prefetch_related("responsible_organizations", "responsible_people")
            .order_by("due_date", "pk")
        )
        rows = list(agreements[:200])
        context["open_agreements"] = [a for a in rows if a.is_open]
        context["closed_agreements"] = [a for a in rows if not a.is_open]
        return context


class AgreementDetailView(PortalObjectMixin, DetailView):
    model = Agreement
    template_name = "meetings/portal/agreement_detail.html"
    context_object_name = "agreement"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("meeting")
            .prefetch_related("responsible_organizations", "responsible_people")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["updates"] = list(self.object.updates.select_related("organization", "author"))
        if self.account.can_edit and self.object.is_open:
            context.setdefault("form", AgreementProgressForm())
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.account.can_edit or not self.object.is_open:
            messages.error(request, _("Progress can no longer be reported on this agreement."))
            return redirect(self.object.get_portal_url())
        form = AgreementProgressForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                self.object.report_progress(
                    form.cleaned_data["status"],
                    user=request.user,
                    comment=form.cleaned_data["comment"],
                    organization=self.organization,
                    evidence=form.cleaned_data.get("evidence"),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Your progress was recorded."))
                return redirect(self.object.get_portal_url())
        return self.render_to_response(self.get_context_data(form=form))


class EvidenceDownloadView(PortalMixin, View):
    def get(self, request, pk, update_pk):
        agreement = Agreement.objects.for_user(request.user).filter(pk=pk).first()
        if agreement is None:
            raise Http404
        update = AgreementUpdate.objects.filter(pk=update_pk, agreement=agreement).exclude(evidence="").first()
        if update is None:
            raise Http404
        return private_file_response(update.evidence)


# --- Public ---------------------------------------------------------------------------------


#: The reply page's headers: never stored by a browser or proxy, never indexed, and the signed
#: link never sent to another site (same-origin keeps the Origin header of the form's post, which
#: Django's CSRF check needs; "no-referrer" made Chromium post "Origin: null", refused with 403).
REPLY_HEADERS = {
    "Cache-Control": "private, no-store, max-age=0",
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "same-origin",
}


class TokenReplyView(View):
    """Guests without an account reply through the signed link of their e-mail.

    The post redirects (303) to a confirmation page in the link's language (post-redirect-get:
    reloading it sends nothing again).
    """

    template_name = "meetings/reply.html"

    def get_invitation(self, token):
        invitation = Invitation.from_token(token)
        if invitation is None:
            raise Http404
        return invitation

    def get(self, request, token):
        invitation = self.get_invitation(token)
        return self.render(request, invitation, ReplyForm(initial={"status": invitation.status}))

    def post(self, request, token):
        invitation = self.get_invitation(token)
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                invitation.transition_to(form.cleaned_data["status"], comment=form.cleaned_data["note"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                response = HttpResponseRedirect(reverse("meetings:reply_done", args=[token]))
                response.status_code = 303
                return _with_reply_headers(response)
        return self.render(request, invitation, form, status=400)

    def render(self, request, invitation, form, status=200):
        meeting = invitation.meeting
        context = {
            "invitation": invitation,
            "meeting": meeting,
            "form": form,
            "open_for_replies": meeting.status in NOT_YET_HELD,
            **documents.agenda_context(meeting),
            # Other members' open agreements are for the network's members, not for a guest.
            "follow_up": [],
        }
        return _with_reply_headers(render(request, self.template_name, context, status=status))


class TokenReplyDoneView(TokenReplyView):
    """The confirmation after a guest's reply: what was recorded, and a link to change it."""

    template_name = "meetings/reply_done.html"

    def get(self, request, token):
        invitation = self.get_invitation(token)
        context = {
            "invitation": invitation,
            "meeting": invitation.meeting,
            "open_for_replies": invitation.meeting.status in NOT_YET_HELD,
            "reply_url": reverse("meetings:reply", args=[token]),
        }
        return _with_reply_headers(render(request, self.template_name, context))

    def post(self, request, token):
        return redirect("meetings:reply", token=token)


def _with_reply_headers(response):
    for header, value in REPLY_HEADERS.items():
        response[header] = value
    return response


def public_feed(request):
    """The iCalendar feed of upcoming public meetings."""
    return public_feed_response(Meeting.objects.public().upcoming())
