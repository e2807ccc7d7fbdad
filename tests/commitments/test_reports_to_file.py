"""One rule for the reports an organisation has to file (ProgressReport.objects.to_file): the
dashboard's "what is due" ("Pendientes"), the commitments page's "reports to file" and the
reminder e-mails list the same reports, returned ones included."""

import datetime
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commitments import reminders
from commitments.models import ProgressReport, ReportStatus

from .factories import ApprovedCommitmentFactory, PledgeVersionFactory


def running(organization, **kwargs):
    """An approved quarterly commitment from this January to the end of next year (at most four
    reports to file at any date, so that two of them fit on the dashboard)."""
    today = timezone.localdate()
    return ApprovedCommitmentFactory(
        organization=organization,
        start_date=datetime.date(today.year, 1, 1),
        end_date=datetime.date(today.year + 1, 12, 31),
        **kwargs,
    )


def returned_current_report(commitment, representative, staff_user):
    """The report of the period under way, filed and returned by the secretariat with a comment."""
    today = timezone.localdate()
    report = commitment.reports.get(period_start__lte=today, period_end__gte=today)
    report.value = 3
    report.save()
    report.transition_to(ReportStatus.SUBMITTED, user=representative)
    report.transition_to(ReportStatus.RETURNED, user=staff_user, comment="Adjunte la lista de becarios")
    return report


def what_is_due(content):
    """The "what is due" section of the portal dashboard."""
    match = re.search(r'<section class="portal-section" aria-labelledby="due-heading">(.*?)</section>', content, re.S)
    assert match, "the dashboard has no 'what is due' section"
    return match.group(1)


def test_a_returned_report_is_to_file_whatever_its_period(organization):
    commitment = ApprovedCommitmentFactory(organization=organization)  # 2024-2025, quarterly
    report = commitment.reports.get(period="2025-Q4")  # deadline 2026-01-30
    day = datetime.date(2025, 10, 15)  # the period runs, the deadline is months away
    assert report not in ProgressReport.objects.to_file(day)
    ProgressReport.objects.filter(pk=report.pk).update(status=ReportStatus.RETURNED, value=2)
    assert report in ProgressReport.objects.to_file(day)
    ProgressReport.objects.filter(pk=report.pk).update(status=ReportStatus.SUBMITTED)
    assert report not in ProgressReport.objects.to_file(day)


def test_the_first_reminder_makes_a_report_to_file(organization):
    commitment = ApprovedCommitmentFactory(organization=organization)
    report = commitment.reports.get(period="2025-Q4")
    assert report not in ProgressReport.objects.to_file(report.deadline - datetime.timedelta(days=31))
    assert report in ProgressReport.objects.to_file(report.deadline - datetime.timedelta(days=30))


def test_a_returned_report_is_listed_under_what_is_due(
    representative_client, organization, representative, staff_user
):
    report = returned_current_report(running(organization), representative, staff_user)
    section = what_is_due(representative_client.get(reverse("members_portal:dashboard")).content.decode())
    assert reverse("commitments_portal:report", args=[report.pk]) in section
    assert "devuelto para corrección" in section


def test_counts_agree_with_the_reminder(representative_client, organization, representative, staff_user):
    """The dashboard, the commitments page and the reminder e-mail name the same reports."""
    commitment = running(organization)
    returned = returned_current_report(commitment, representative, staff_user)
    running(organization, title="Empleo adolescente protegido")
    today = timezone.localdate()
    expected = set(ProgressReport.objects.for_organization(organization).to_file(today).values_list("pk", flat=True))
    assert returned.pk in expected and len(expected) > 1
    assert len(expected) <= 10  # all of them fit in the dashboard's list

    dashboard = representative_client.get(reverse("members_portal:dashboard")).content.decode()
    due_links = set(map(int, re.findall(r"/portal/commitments/reports/(\d+)/", what_is_due(dashboard))))
    assert due_links == expected

    listing = representative_client.get(reverse("commitments_portal:list"))
    assert listing.context["reports_to_file"] == len(expected)
    assert sum(c.reports_to_file for c in listing.context["commitments"]) == len(expected)
    assert f"{len(expected)} informes de avance por presentar" in listing.content.decode()

    mail.outbox.clear()
    assert reminders.send_report_reminders(today) == 1
    (message,) = mail.outbox
    listed = set(map(int, re.findall(r"/portal/commitments/reports/(\d+)/", message.body)))
    assert listed == expected
    assert "devuelto para corrección" in message.body
    assert "http://testserver/portal/" in message.body  # the dashboard's link


def test_a_partner_institution_is_never_asked_to_sign(client, organization):
    from tests.members.factories import OrganizationFactory, PortalAccountFactory

    PledgeVersionFactory()
    partner = OrganizationFactory(is_partner=True, name="UNICEF")
    account = PortalAccountFactory(organization=partner, role="observer")
    client.force_login(account.user)
    dashboard = client.get(reverse("members_portal:dashboard")).content.decode()
    assert reverse("commitments_portal:pledge") not in what_is_due(dashboard)
    assert "Firmar el compromiso" not in dashboard
    page = client.get(reverse("commitments_portal:pledge"))
    assert page.status_code == 200
    assert "Las instituciones aliadas no firman el compromiso" in page.content.decode()
    assert 'name="signer_name"' not in page.content.decode()


def test_reports_beyond_the_dashboards_list_are_counted_with_a_link(rf, organization, representative):
    from commitments.dashboard import portal_panels

    today = timezone.localdate()
    for _ in range(4):
        ApprovedCommitmentFactory(
            organization=organization,
            start_date=datetime.date(today.year - 2, 1, 1),
            end_date=datetime.date(today.year + 1, 12, 31),
        )
    total = ProgressReport.objects.for_organization(organization).to_file(today).count()
    assert total > 10
    request = rf.get("/portal/")
    request.user = representative
    (panel,) = portal_panels(request, representative.portal_account)
    more = panel.due[-1]
    assert panel.context["counts"]["to_file"] == total
    assert more.url == reverse("commitments_portal:list")
    assert str(total - 10) in str(more.title)
