"""Reporting compliance of organisations (up to date, in grace, overdue) and the app's settings."""

from functools import reduce
from operator import or_

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from members.models import Organization
from network_site.hooks import COMPLIANCE_ITEMS

from .choices import Compliance
from .commitments import ProgressReport


def with_compliance(queryset, today=None):
    """Annotate organisations with `compliance` (up to date, in grace, overdue), in the database.

    Overdue: a progress report past its deadline, or any other app's item (``COMPLIANCE_ITEMS``)."""
    today = today or timezone.localdate()
    expected = ProgressReport.objects.expected().open().filter(commitment__organization=OuterRef("pk"))
    overdue = [Q(has_overdue=True), *(c for fn in hooks.get_hooks(COMPLIANCE_ITEMS) for c in fn(today))]
    return queryset.annotate(
        has_overdue=Exists(expected.filter(deadline__lt=today)),
        has_in_grace=Exists(expected.filter(period_end__lt=today, deadline__gte=today)),
    ).annotate(
        compliance=Case(
            When(reduce(or_, overdue), then=Value(Compliance.OVERDUE)),
            When(has_in_grace=True, then=Value(Compliance.IN_GRACE)),
            default=Value(Compliance.UP_TO_DATE),
            output_field=models.CharField(),
        )
    )


def compliance_for(organization, today=None):
    row = with_compliance(Organization.objects.filter(pk=organization.pk), today).values_list("compliance", flat=True)
    return Compliance(row.first() or Compliance.UP_TO_DATE)


def counts_by(queryset, field):
    return list(queryset.values(field).annotate(n=Count("pk", output_field=IntegerField())).order_by(field))


@register_setting(icon="tasks")
class CommitmentsSettings(BaseSiteSetting):
    """Each network's reporting rules (one per network's Site: Settings → Commitments settings)."""

    show_compliance_publicly = models.BooleanField(
        _("show compliance in the public directory"),
        default=False,
        help_text=_("Show each member's reporting status (up to date, in grace, overdue) on its public profile."),
    )
    report_deadline_days = models.PositiveSmallIntegerField(
        _("days to report after a period ends"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(180)],
        help_text=_("The deadline of each progress report (blank: the installation's default, usually 30 days)."),
    )

    panels = [FieldPanel("show_compliance_publicly"), FieldPanel("report_deadline_days")]

    @classmethod
    def current(cls):
        """The settings of the network being worked for (its Site's; None when no network is active)."""
        from network_site.networks import current_network

        network = current_network()
        if network is None or not network.site_id:
            return None
        return cls.for_site(network.site)

    class Meta:
        verbose_name = _("commitments settings")
