"""Factories of the members app: organisations, their people, portal accounts and applications."""

import factory

from members.models import (
    Application,
    MembershipStatus,
    Organization,
    OrganizationKind,
    OrganizationSize,
    Person,
    PortalAccount,
    PortalRole,
    Scope,
    Sector,
)
from tests.network_site.factories import UserFactory


class OrganizationFactory(factory.django.DjangoModelFactory):
    """An active member organisation that joined some years ago."""

    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Empresa Ejemplo {n} S.A.")
    short_name = factory.Sequence(lambda n: f"Ejemplo {n}")
    membership_status = MembershipStatus.ACTIVE
    date_joined = factory.Faker("date_between", start_date="-6y", end_date="-1y")
    region = "San José"


class PersonFactory(factory.django.DjangoModelFactory):
    """A contact person of an organisation (no login)."""

    class Meta:
        model = Person

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Faker("name", locale="es_ES")
    position = "Gerente de Responsabilidad Social"
    email = factory.Sequence(lambda n: f"contacto{n}@example.org")


class PortalAccountFactory(factory.django.DjangoModelFactory):
    """A user's access to its organisation's portal; a representative unless ``role`` says otherwise."""

    class Meta:
        model = PortalAccount

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = PortalRole.REPRESENTATIVE


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A pending application to join the network, as the public join form sends it."""

    class Meta:
        model = Application

    name = factory.Sequence(lambda n: f"Empresa Solicitante {n} S.A.")
    kind = OrganizationKind.COMPANY
    sector = Sector.COMMERCE
    size = OrganizationSize.MEDIUM
    scope = Scope.NATIONAL
    region = "Alajuela"
    website = "https://solicitante.example.org"
    description = "Distribuidora de alimentos."
    contact_name = "Laura Jiménez Solís"
    contact_position = "Gerente de Sostenibilidad"
    contact_email = factory.Sequence(lambda n: f"laura{n}@solicitante.example.org")
    contact_phone = "+506 2222 0000"
    accepts_principles = True
    language = "es"
