import datetime
import io
import re

import icalendar
import pytest
from PIL import Image

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from wagtail.models import ModelLogEntry

from meetings.models import (
    AgreementStatus,
    Invitation,
    MeetingStatus,
    ReplyStatus,
    validate_attachment,
)
from tests.meetings.factories import AgreementFactory, InvitationFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest_invitation(meeting):
    return InvitationFactory(
        meeting=meeting, organization=None, guest_name="Patricia Vera", guest_email="pv@example.cl"
    )


def test_guest_replies_through_the_signed_link(client, guest_invitation):
    url = reverse("meetings:reply", args=[guest_invitation.token])
    response = client.get(url)
    assert response.status_code == 200
    assert guest_invitation.meeting.title in response.content.decode()
    response = client.post(url, {"status": "declined", "note": "Viaje"})
    assert response.status_code == 303  # post-redirect-get: reloading the confirmation sends nothing
    assert response["Location"] == reverse("meetings:reply_done", args=[guest_invitation.token])
    guest_invitation.refresh_from_db()
    assert guest_invitation.status == ReplyStatus.DECLINED
    assert guest_invitation.reply_note == "Viaje"


def test_the_reply_pages_keep_the_token_to_this_site_and_out_of_caches(client, guest_invitation):
    """The signed link must not leak: no referrer to other sites (same-origin keeps the form's
    Origin header, which the CSRF check needs; "no-referrer" made Chromium post Origin: null),
    nothing stored by browsers or proxies, nothing indexed."""
    for name in ("meetings:reply", "meetings:reply_done"):
        response = client.get(reverse(name, args=[guest_invitation.token]))
        assert response.status_code == 200
        assert response["Referrer-Policy"] == "same-origin"
        assert "no-store" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex"
        html = response.content.decode()
        assert 'src="http' not in html and '<link rel="stylesheet" href="http' not in html


def test_the_reply_passes_the_csrf_check_with_the_browsers_origin(guest_invitation):
    """As Chromium posts it: a CSRF cookie and token, and the page's own Origin header."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    url = reverse("meetings:reply", args=[guest_invitation.token])
    html = browser.get(url).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    refused = browser.post(url, {"status": "accepted", "csrfmiddlewaretoken": token}, HTTP_ORIGIN="null")
    assert refused.status_code == 403  # what "Referrer-Policy: no-referrer" led to
    response = browser.post(url, {"status": "accepted", "csrfmiddlewaretoken": token}, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 303
    guest_invitation.refresh_from_db()
    assert guest_invitation.status == ReplyStatus.ACCEPTED


@pytest.mark.parametrize(
    ("language", "thanks", "reply"),
    [
        ("es", "Gracias: se registró su respuesta.", "Aceptada"),
        ("en", "Thank you: your reply was recorded.", "Accepted"),
    ],
)
def test_the_confirmation_speaks_the_links_language(client, guest_invitation, language, thanks, reply):
    with translation.override(language):
        url = reverse("meetings:reply", args=[guest_invitation.token])
        done = reverse("meetings:reply_done", args=[guest_invitation.token])
    assert url.startswith(f"/{language}/")
    response = client.post(url, {"status": "accepted", "note": "Con gusto"}, follow=True)
    assert response.redirect_chain == [(done, 303)]
    html = response.content.decode()
    assert thanks in html and reply in html and "Con gusto" in html


def test_forged_or_altered_token_answers_404(client, guest_invitation):
    other = InvitationFactory(meeting=guest_invitation.meeting)
    token = guest_invitation.token
    for bad in (token[:-2] + "xx", "nada", other.token.replace(":", ";")):
        assert client.get(reverse("meetings:reply", args=[bad])).status_code == 404
    response = client.post(reverse("meetings:reply", args=[token[:-2] + "xx"]), {"status": "accepted"})
    assert response.status_code == 404
    guest_invitation.refresh_from_db()
    assert guest_invitation.status == ReplyStatus.PENDING
    assert Invitation.from_token(token) == guest_invitation


def test_a_reply_goes_through_the_invitations_lifecycle(client, guest_invitation):
    url = reverse("meetings:reply", args=[guest_invitation.token])
    for status, note in (("accepted", "Iré"), ("declined", "Viaje"), ("declined", "Viaje largo")):
        assert client.post(url, {"status": status, "note": note}).status_code == 303
    history = list(reversed(guest_invitation.history()))
    assert [(e.user, e.data) for e in history] == [
        (None, {"from": "pending", "to": "accepted", "comment": "Iré"}),
        (None, {"from": "accepted", "to": "declined", "comment": "Viaje"}),
        (None, {"from": "declined", "to": "declined", "comment": "Viaje largo"}),  # given again, with a new note
    ]
    with translation.override("en"):
        assert history[2].message == "Status confirmed: “Declined”"
    assert not ModelLogEntry.objects.filter(action="meetings.reply").exists()
    # Back to pending is not declared: refused, nothing changes.
    with translation.override("en"), pytest.raises(ValidationError) as error:
        guest_invitation.transition_to(ReplyStatus.PENDING)
    assert error.value.messages == ["Choose accept or decline."]
    guest_invitation.refresh_from_db()
    assert (guest_invitation.status, guest_invitation.reply_note) == (ReplyStatus.DECLINED, "Viaje largo")
    assert guest_invitation.history().count() == 3


def test_no_reply_after_the_meeting_is_held(client, guest_invitation):
    meeting = guest_invitation.meeting
    meeting.status = MeetingStatus.HELD
    meeting.save()
    response = client.post(reverse("meetings:reply", args=[guest_invitation.token]), {"status": "accepted"})
    assert response.status_code == 400
    guest_invitation.refresh_from_db()
    assert guest_invitation.status == ReplyStatus.PENDING
    assert not guest_invitation.history().exists()


def test_public_feed_lists_only_public_upcoming_meetings(client):
    MeetingFactory(title="Reunión pública", is_public=True)
    MeetingFactory(title="Reunión interna", is_public=False)
    MeetingFactory(title="Reunión cancelada", is_public=True, status=MeetingStatus.CANCELLED)
    response = client.get(reverse("meetings:feed"))
    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Reunión pública"]


def test_meeting_transitions_are_checked():
    meeting = MeetingFactory()
    with pytest.raises(ValidationError):
        meeting.transition_to(MeetingStatus.MINUTES_APPROVED)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PLANNED
    meeting.transition_to(MeetingStatus.CANCELLED, comment="x")
    with pytest.raises(ValidationError):
        meeting.transition_to(MeetingStatus.CONVENED)


def test_overdue_and_follow_up_agreements():
    earlier = MeetingFactory(start=datetime.datetime(2030, 1, 1, 9, tzinfo=datetime.UTC))
    later = MeetingFactory(start=datetime.datetime(2030, 6, 1, 9, tzinfo=datetime.UTC))
    late = AgreementFactory(meeting=earlier, due_date=datetime.date(2030, 2, 1))
    done = AgreementFactory(meeting=earlier, due_date=datetime.date(2030, 2, 1), status=AgreementStatus.DONE)
    own = AgreementFactory(meeting=later)
    overdue = set(late.__class__.objects.overdue(datetime.date(2030, 3, 1)))
    assert overdue == {late}
    assert list(later.follow_up_agreements()) == [late]
    assert done not in earlier.follow_up_agreements() and own not in later.follow_up_agreements()
    with pytest.raises(ValidationError):
        late.transition_to(AgreementStatus.DROPPED, comment="")


def _png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return SimpleUploadedFile("foto.png", buffer.getvalue(), content_type="image/png")


def test_attachment_uploads_are_checked(settings):
    validate_attachment(SimpleUploadedFile("presentacion.pdf", b"%PDF-1.4"))
    validate_attachment(_png(20, 20))
    with pytest.raises(ValidationError):
        validate_attachment(SimpleUploadedFile("script.html", b"<script>"))
    with pytest.raises(ValidationError):
        validate_attachment(SimpleUploadedFile("falsa.png", b"no es una imagen"))
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    with pytest.raises(ValidationError):
        validate_attachment(_png(20, 20))


def test_follow_up_counts_only_the_last_year_of_meetings(settings):
    settings.MEETINGS_FOLLOW_UP_DAYS = 365
    old = MeetingFactory(start=datetime.datetime(2028, 1, 1, 9, tzinfo=datetime.UTC))
    recent = MeetingFactory(start=datetime.datetime(2029, 9, 1, 9, tzinfo=datetime.UTC))
    later = MeetingFactory(start=datetime.datetime(2030, 6, 1, 9, tzinfo=datetime.UTC))
    stale = AgreementFactory(meeting=old, due_date=datetime.date(2028, 3, 1))
    current = AgreementFactory(meeting=recent, due_date=datetime.date(2029, 12, 1))
    assert list(later.follow_up_agreements()) == [current]
    assert stale in stale.__class__.objects.overdue(datetime.date(2030, 6, 1))
