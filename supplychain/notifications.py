"""E-mails of the supplychain app (always through network_site.emails)."""

from django.urls import reverse

from members.models import representative_emails
from network_site.emails import send_templated_email


def notify_representatives(assessment, *, returned):
    """Tell the organisation's representatives that the secretariat reviewed or returned it."""
    prefix = "supplychain/emails/assessment_returned" if returned else "supplychain/emails/assessment_reviewed"
    context = {
        "assessment": assessment,
        "organization": assessment.organization,
        "url": reverse("supplychain_portal:assessment_detail", args=[assessment.pk]),
    }
    return send_templated_email(prefix, context, to=representative_emails([assessment.organization_id]))
