"""E-mails of the supplychain app (always through network_site.emails)."""

from django.urls import reverse

from members.models import PortalRole
from network_site.emails import send_templated_email

from .models.assessments import AssessmentStatus


def representative_emails(organization):
    return sorted(
        {
            account.user.email
            for account in organization.portal_accounts.filter(
                role=PortalRole.REPRESENTATIVE, user__is_active=True
            ).select_related("user")
        }
    )


def notify_representatives(assessment, status):
    """Tell the organisation's representatives that the secretariat reviewed or returned it."""
    prefix = (
        "supplychain/emails/assessment_returned"
        if status == AssessmentStatus.RETURNED
        else "supplychain/emails/assessment_reviewed"
    )
    context = {
        "assessment": assessment,
        "organization": assessment.organization,
        "url": reverse("supplychain_portal:assessment_detail", args=[assessment.pk]),
    }
    return send_templated_email(prefix, context, to=representative_emails(assessment.organization))
