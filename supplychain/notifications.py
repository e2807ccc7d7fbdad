"""E-mails of the supplychain app (always through network_site.emails), each in its recipient's
language: the representatives' preferred language (their admin profile), else the site's.

What the secretariat is told about referrals holds counts and age bands, never a child's identity.
"""

from collections import defaultdict

from django.conf import settings
from django.urls import reverse

from members.models import PortalAccount, PortalRole, representative_emails
from network_site.emails import send_templated_email
from network_site.links import absolute_url
from network_site.networks import secretariat


def notify_representatives(assessment, *, returned):
    """Tell the organisation's representatives that the secretariat reviewed or returned it."""
    prefix = "supplychain/emails/assessment_returned" if returned else "supplychain/emails/assessment_reviewed"
    context = {
        "assessment": assessment,
        "organization": assessment.organization,
        "url": reverse("supplychain_portal:assessment_detail", args=[assessment.pk]),
    }
    return send_templated_email(prefix, context, to=representative_emails([assessment.organization_id]))


def representatives_by_language(organization_ids):
    """{organisation id: {language: [e-mail, ...]}} of the active representatives (one query)."""
    rows = PortalAccount.objects.filter(
        organization_id__in=list(organization_ids), role=PortalRole.REPRESENTATIVE, user__is_active=True
    ).values_list("organization_id", "user__email", "user__wagtail_userprofile__preferred_language")
    result = defaultdict(lambda: defaultdict(set))
    for organization_id, email, language in rows:
        result[organization_id][language or settings.LANGUAGE_CODE].add(email)
    return {org: {lang: sorted(emails) for lang, emails in by_lang.items()} for org, by_lang in result.items()}


def secretariat_emails():
    """Where notices for the secretariat of the current network go."""
    return secretariat().emails


def send_assessment_reminder(organization, assessment_round, *, days_left, recipients, assessment=None):
    """The 30-, 7- or 1-day reminder of the round's deadline, in each representative's language."""
    url = (
        reverse("supplychain_portal:assessment_detail", args=[assessment.pk])
        if assessment is not None
        else reverse("supplychain_portal:overview")
    )
    context = {
        "organization": organization,
        "round": assessment_round,
        "days_left": days_left,
        "assessment": assessment,
        "url": absolute_url(url),
    }
    for language, emails in recipients.items():
        send_templated_email("supplychain/emails/assessment_reminder", context, to=emails, language=language)


def notify_referral_recorded(referral):
    """Tell the secretariat a referral was recorded: where, what kind of work, how many by age band."""
    context = {
        "referral": referral,
        "organization": referral.organization,
        "age_bands": referral.age_band_counts(),
        "url": absolute_url(reverse("supplychain_referrals:inspect", args=[referral.pk])),
    }
    return send_templated_email("supplychain/emails/referral_recorded", context, to=secretariat_emails())


def notify_referrals_late(late, today):
    """One e-mail to the secretariat listing the referral steps that became late: [(referral, step)]."""
    rows = [
        {
            "referral": referral,
            "step": step,
            "age_bands": referral.age_band_counts(),
            "url": absolute_url(reverse("supplychain_referrals:inspect", args=[referral.pk])),
        }
        for referral, step in late
    ]
    return send_templated_email(
        "supplychain/emails/referrals_late", {"rows": rows, "today": today}, to=secretariat_emails()
    )
