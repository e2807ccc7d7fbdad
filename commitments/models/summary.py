"""The observatory's summary of progress reports, kept up to date on write.

The observatory's report figures (how many approved reports, how many on time, the average
progress, per quarter) read ``ReportSummary``: the approved reports of public commitments grouped
by network, sector, thematic area, period and lateness, a few thousand rows instead of a million.
Each network's rows are rebuilt from the reports when its ``ObservatoryState.data_version`` moved
past the version they were built from: any saved or deleted report, commitment or organisation
that public pages can show moves it (``commitments.summary``), and so does code that writes in
bulk (the generator, the spreadsheet import). See commitments/summary.py.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from network_site.networks import scoped_manager


class ObservatoryState(models.Model):
    """A network's version of the observatory's data and the version its summary was built from."""

    network = models.OneToOneField(
        "network_site.Network", primary_key=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("network")
    )
    data_version = models.PositiveBigIntegerField(_("data version"), default=1)
    built_version = models.PositiveBigIntegerField(_("built version"), default=0)

    class Meta:
        verbose_name = _("observatory state")
        verbose_name_plural = _("observatory states")

    def __str__(self):
        return f"{self.network_id}: {self.built_version}/{self.data_version}"


class ReportSummary(models.Model):
    """Approved reports of public commitments of one network, sector, area, period and lateness."""

    network = models.ForeignKey(
        "network_site.Network", on_delete=models.CASCADE, related_name="+", verbose_name=_("network")
    )
    sector = models.CharField(_("sector"), max_length=20, blank=True)
    thematic_area = models.CharField(_("thematic area"), max_length=30)
    period = models.CharField(_("period"), max_length=10)
    period_start = models.DateField(_("period start"))
    is_late = models.BooleanField(_("late"))
    reports = models.PositiveIntegerField(_("reports"))
    progress_sum = models.FloatField(_("sum of progress"), null=True)
    progress_count = models.PositiveIntegerField(_("reports with a progress"))

    objects = scoped_manager()

    class Meta:
        verbose_name = _("report summary")
        verbose_name_plural = _("report summaries")
        indexes = [models.Index(fields=["network", "period_start"])]

    def __str__(self):
        return f"{self.period} {self.thematic_area} {self.sector}: {self.reports}"
