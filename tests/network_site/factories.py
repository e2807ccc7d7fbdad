"""Factories of the core's models: the site's users."""

import factory

from django.contrib.auth import get_user_model


class UserFactory(factory.django.DjangoModelFactory):
    """A person who can log in (a portal user once a PortalAccount links it to an organisation)."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"persona{n}@example.org")
    first_name = factory.Faker("first_name", locale="es_ES")
    last_name = factory.Faker("last_name", locale="es_ES")
    password = factory.django.Password("clave-de-prueba-123")


class StaffUserFactory(UserFactory):
    """A member of the secretariat: staff and superuser, so every admin view is open to it."""

    is_staff = True
    is_superuser = True


class NetworkStaffUserFactory(UserFactory):
    """A member of a network's staff (default: the default Site's network, as its secretariat),
    with no model permissions of its own: give them per test."""

    is_staff = True

    @factory.post_generation
    def network(self, create, extracted, **kwargs):
        from network_site.models import Network, StaffMembership

        if not create:
            return
        network = extracted or Network.objects.get(site__is_default_site=True)
        StaffMembership.objects.get_or_create(user=self, network=network, defaults=kwargs)
