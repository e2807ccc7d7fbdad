import io
import socket
import threading

import pytest
from pypdf import PdfReader

from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from commitments.models import PledgeSignature, PledgeVersion, ReminderLog
from commitments.portal_views import certificate_context
from members.models import MembershipStatus
from network_site.pdf import ProjectOnlyURLFetcher, render_pdf
from tests.helpers import assert_not_found
from tests.members.factories import OrganizationFactory, PortalAccountFactory

from .factories import PledgeVersionFactory


def pdf_text(content):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def sign(organization, version, user):
    return PledgeSignature.sign(
        organization=organization, version=version, user=user, signer_name="Ana Mora", signer_position="Gerente"
    )


def test_representative_signs_the_current_version(representative_client, organization, representative):
    PledgeVersionFactory(number=1)
    current = PledgeVersionFactory(number=2, text="<p>Texto de la versión dos</p>")
    PledgeVersionFactory(number=3, published_at=None)  # a draft is not current
    page = representative_client.get(reverse("commitments_portal:pledge")).content.decode()
    assert "Texto de la versión dos" in page
    response = representative_client.post(
        reverse("commitments_portal:pledge"),
        {"signer_name": "Ana Mora", "signer_position": "Gerente General", "accept": "on"},
    )
    assert response.status_code == 302
    signature = PledgeSignature.objects.get(organization=organization)
    assert signature.version == current and signature.version_number == 2
    assert signature.signer_position == "Gerente General" and signature.user == representative
    assert len(signature.verification_code) == 16
    # The text as signed is kept when the version's text changes later.
    current.text = "<p>Texto cambiado</p>"
    current.save()
    signature.refresh_from_db()
    assert "Texto de la versión dos" in signature.text_snapshot


def test_unchecked_acceptance_shows_error_and_signs_nothing(representative_client):
    PledgeVersionFactory()
    response = representative_client.post(
        reverse("commitments_portal:pledge"), {"signer_name": "Ana", "signer_position": "Gerente"}
    )
    assert response.status_code == 200
    assert "field__errors" in response.content.decode()
    assert not PledgeSignature.objects.exists()


def test_contributors_and_observers_cannot_sign(client, contributor, observer):
    PledgeVersionFactory()
    for user in (contributor, observer):
        client.force_login(user)
        response = client.post(
            reverse("commitments_portal:pledge"), {"signer_name": "X", "signer_position": "Y", "accept": "on"}
        )
        assert response.status_code == 403
    assert not PledgeSignature.objects.exists()


def test_new_version_asks_earlier_signers_to_sign_again(organization, representative, other_organization):
    v1 = PledgeVersionFactory(number=1)
    sign(organization, v1, representative)
    PortalAccountFactory(organization=other_organization)  # never signed: not asked to "sign again"
    mail.outbox.clear()
    v2 = PledgeVersion.objects.create(number=2, text="<p>v2</p>", published_at=timezone.now())
    assert [m.to for m in mail.outbox] == [[representative.email]]
    assert ReminderLog.objects.filter(kind="pledge").count() == 1
    # Idempotent: saving again or running the reminders sends nothing new.
    v2.save()
    from commitments import reminders

    reminders.run()
    assert len(mail.outbox) == 1


def test_certificate_pdf_and_public_verification(client, representative_client, organization, representative):
    version = PledgeVersionFactory(number=4)
    signature = sign(organization, version, representative)
    response = representative_client.get(reverse("commitments_portal:certificate", args=[signature.pk]))
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert organization.name in text
    assert signature.verification_code in text.replace("\n", "")
    assert "/es/commitments/verify/" in text
    with translation.override("es"):
        signed_on = date_format(timezone.localtime(signature.signed_at).date(), "DATE_FORMAT")
    text = " ".join(text.split())
    assert f"Empresa Propia S.A. firmó la versión 4 del compromiso de adhesión de la Red el {signed_on}." in text
    assert "Firmado por Ana Mora, Gerente" in text
    assert f"http://testserver{signature.get_verification_path()}" in text

    page = client.get(signature.get_verification_path())
    assert page.status_code == 200
    content = page.content.decode()
    assert organization.name in content and "badge--active" in content

    organization.membership_status = MembershipStatus.SUSPENDED
    organization.save()
    content = client.get(signature.get_verification_path()).content.decode()
    assert "badge--suspended" in content

    assert client.get(reverse("commitments:verify", args=["codigo-inventado"])).status_code == 404


def test_admin_downloads_any_certificate(staff_client, organization, representative):
    signature = sign(organization, PledgeVersionFactory(), representative)
    response = staff_client.get(reverse("commitments_review:certificate", args=[signature.pk]))
    assert response.status_code == 200 and organization.name in pdf_text(response.content)


def test_portal_certificate_of_other_organisation_is_404(
    representative_client, other_organization, other_representative
):
    signature = sign(other_organization, PledgeVersionFactory(), other_representative)
    assert_not_found(
        representative_client.get(reverse("commitments_portal:certificate", args=[signature.pk])),
    )


HOSTILE = (
    'file:///etc/passwd <img src="file:///etc/passwd"> <img src="http://127.0.0.1:{port}/x.png"> '
    "<style>@import url(http://127.0.0.1:{port}/evil.css);</style> "
    "<link rel=stylesheet href='http://127.0.0.1:{port}/s.css'>"
)


@pytest.fixture
def listening_socket():
    """A local socket that must receive no connection while a PDF is rendered."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    connections = []

    def accept():
        while not stop.is_set():
            try:
                conn, _addr = server.accept()
                connections.append(conn)
                conn.close()
            except OSError:
                continue

    stop = threading.Event()
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], connections
    stop.set()
    thread.join(timeout=2)
    server.close()


def test_user_text_in_pdfs_never_makes_the_renderer_fetch(organization, representative, listening_socket, staff_user):
    from commitments.portal_views import progress_pdf_context

    from .factories import ApprovedCommitmentFactory

    port, connections = listening_socket
    hostile = HOSTILE.format(port=port)
    signature = sign(organization, PledgeVersionFactory(), representative)
    signature.signer_name = hostile
    signature.signer_position = hostile
    organization.name = "Empresa " + hostile
    fetcher = ProjectOnlyURLFetcher()
    render_pdf("commitments/pdf/certificate.html", certificate_context(signature), fetcher=fetcher)

    commitment = ApprovedCommitmentFactory(organization=organization, title=hostile[:200], description=hostile)
    report = commitment.reports.first()
    report.value, report.narrative = 1, hostile
    report.save()
    report.transition_to("submitted", user=representative)
    report.transition_to("approved", user=staff_user)
    context = progress_pdf_context(organization, report.period_start.year)
    pdf = render_pdf("commitments/pdf/progress.html", context, fetcher=fetcher)
    assert hostile.split()[0] in pdf_text(pdf) or "file:///etc/passwd" in pdf_text(pdf).replace("\n", "")
    # User text is escaped by the templates: nothing it contains reaches the fetcher at all.
    assert not any("127.0.0.1" in url or url.startswith("file:") for url in fetcher.blocked)
    assert connections == []
    # And the fetcher itself refuses such URLs without opening them.
    for url in ("file:///etc/passwd", f"http://127.0.0.1:{port}/x.png"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert connections == []


def test_suspended_member_is_not_asked_to_resign(organization, representative):
    other = OrganizationFactory(membership_status=MembershipStatus.SUSPENDED)
    user = PortalAccountFactory(organization=other).user
    v1 = PledgeVersionFactory(number=1)
    sign(other, v1, user)
    sign(organization, v1, representative)
    mail.outbox.clear()
    PledgeVersion.objects.create(number=2, text="<p>v2</p>", published_at=timezone.now())
    assert [m.to for m in mail.outbox] == [[representative.email]]
