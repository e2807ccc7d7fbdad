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
        from network_site.staff import ROLE_GROUPS

        network = extracted or Network.objects.get(site__is_default_site=True)
        StaffMembership.objects.get_or_create(user=self, network=network, defaults=kwargs)
        # The membership put them in their role's group: take it away, each test gives what it needs.
        self.groups.remove(*self.groups.filter(name__in=ROLE_GROUPS.values()))


class NetworkFactory(factory.django.DjangoModelFactory):
    """A national network with its own Wagtail Site (``<slug>.localhost``) whose root is a plain page
    under Wagtail's tree root, and its own collection."""

    class Meta:
        model = "network_site.Network"
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"red-{n}")
    name = factory.LazyAttribute(lambda o: f"Red de Empresas de {o.short_name}")
    short_name = factory.Sequence(lambda n: f"País {n}")
    country = "EC"
    languages = "es,en"
    time_zone = "America/Guayaquil"
    secretariat_name = factory.LazyAttribute(lambda o: f"Secretaría de la red de {o.short_name}")
    secretariat_emails = factory.LazyAttribute(lambda o: f"secretaria@{o.slug}.example.org")

    @factory.lazy_attribute
    def site(self):
        from wagtail.models import Page, Site

        root = Page.get_first_root_node().add_child(instance=Page(title=self.short_name, slug=self.slug))
        return Site.objects.create(hostname=f"{self.slug}.localhost", port=80, root_page=root, site_name=self.name)

    @factory.lazy_attribute
    def collection(self):
        from wagtail.models import Collection

        return Collection.get_first_root_node().add_child(name=self.short_name)
