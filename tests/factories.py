"""Shared factories for every app's tests. Apps add their own in tests/<app>/factories.py."""

import factory

from django.contrib.auth import get_user_model

from members.models import MembershipStatus, Organization, Person, PortalAccount, PortalRole


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"persona{n}@example.org")
    first_name = factory.Faker("first_name", locale="es_ES")
    last_name = factory.Faker("last_name", locale="es_ES")
    password = factory.django.Password("clave-de-prueba-123")


class StaffUserFactory(UserFactory):
    is_staff = True
    is_superuser = True


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Empresa Ejemplo {n} S.A.")
    short_name = factory.Sequence(lambda n: f"Ejemplo {n}")
    membership_status = MembershipStatus.ACTIVE
    date_joined = factory.Faker("date_between", start_date="-6y", end_date="-1y")
    region = "San José"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Faker("name", locale="es_ES")
    position = "Gerente de Responsabilidad Social"
    email = factory.Sequence(lambda n: f"contacto{n}@example.org")


class PortalAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PortalAccount

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = PortalRole.REPRESENTATIVE
