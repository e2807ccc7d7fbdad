"""Factories of the commitments app."""

import datetime

import factory

from django.utils import timezone

from commitments.models import (
    AccelerationFactor,
    Commitment,
    CommitmentStatus,
    PledgeVersion,
    ProgressReport,
    ThematicArea,
)
from tests.members.factories import OrganizationFactory


class PledgeVersionFactory(factory.django.DjangoModelFactory):
    """A published version of the pledge text (published yesterday)."""

    class Meta:
        model = PledgeVersion

    number = factory.Sequence(lambda n: n + 1)
    label = factory.LazyAttribute(lambda o: f"Texto {o.number}")
    text = "<p>Nos comprometemos a prevenir y erradicar el trabajo infantil en nuestra cadena de valor.</p>"
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))


class CommitmentFactory(factory.django.DjangoModelFactory):
    """A draft commitment of an organisation: an education indicator from 0 to 40 over 2024-2025."""

    class Meta:
        model = Commitment

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Becas para hijos e hijas de colaboradores {n}")
    description = "Becas escolares para que los hijos de los trabajadores permanezcan en el sistema educativo."
    thematic_area = ThematicArea.EDUCATION
    acceleration_factor = AccelerationFactor.EDUCATION
    indicator_name = "Becas entregadas"
    indicator_unit = "becas"
    baseline = 0
    target = 40
    start_date = datetime.date(2024, 1, 1)
    end_date = datetime.date(2025, 12, 31)
    status = CommitmentStatus.DRAFT


class ApprovedCommitmentFactory(CommitmentFactory):
    """An approved commitment with its schedule of progress reports created."""

    class Meta:
        skip_postgeneration_save = True

    status = CommitmentStatus.APPROVED
    approved_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def schedule(obj, create, extracted, **kwargs):
        if create:
            obj.ensure_report_schedule()


def report_for(commitment, period):
    """The progress report of ``commitment`` for ``period`` (e.g. "2024-Q1")."""
    return ProgressReport.objects.get(commitment=commitment, period=period)
