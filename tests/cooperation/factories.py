"""Factories of the cooperation board: demands, offers, agreements, activities and follow-up notes."""

import datetime

import factory

from django.utils import timezone

from cooperation.choices import ThematicArea
from cooperation.models import (
    ActivityUpdate,
    CooperationActivity,
    CooperationAgreement,
    CooperationDemand,
    CooperationOffer,
)


class DemandFactory(factory.django.DjangoModelFactory):
    """An open, public demand of the network being worked for (the default network in tests),
    with a contact person that only the secretariats see."""

    class Meta:
        model = CooperationDemand

    title = factory.Sequence(lambda n: f"Asistencia técnica en sistemas de seguimiento {n}")
    description = "Necesitamos asistencia técnica sobre sistemas de seguimiento del trabajo infantil."
    topic = ThematicArea.MONITORING
    contact_name = "Lucía Fernández Mora"
    contact_email = factory.Sequence(lambda n: f"contacto.demanda{n}@example.org")
    is_public = True


class OfferFactory(DemandFactory):
    """An open, public offer of the network being worked for."""

    class Meta:
        model = CooperationOffer

    title = factory.Sequence(lambda n: f"Experiencia en sistemas de seguimiento {n}")
    description = "Ofrecemos nuestra experiencia en el seguimiento de compromisos."
    contact_name = "Andrés Paredes Villacís"
    contact_email = factory.Sequence(lambda n: f"contacto.oferta{n}@example.org")


class AgreementFactory(factory.django.DjangoModelFactory):
    """A public agreement; pass ``networks=[a, b]`` for its parties."""

    class Meta:
        model = CooperationAgreement
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Acuerdo de cooperación Sur-Sur {n}")
    is_public = True
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))

    @factory.post_generation
    def networks(self, create, extracted, **kwargs):
        if create and extracted:
            self.networks.set(extracted)


class ActivityFactory(factory.django.DjangoModelFactory):
    """A pending activity due in ten days."""

    class Meta:
        model = CooperationActivity

    agreement = factory.SubFactory(AgreementFactory)
    title = factory.Sequence(lambda n: f"Actividad {n}")
    responsible_name = "Mariela Quesada Rojas"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=10))


class ActivityUpdateFactory(factory.django.DjangoModelFactory):
    """A follow-up note reporting an activity pending."""

    class Meta:
        model = ActivityUpdate

    activity = factory.SubFactory(ActivityFactory)
    comment = "Se coordinó la primera videoconferencia."
    status = "pending"
