"""Factories of the good-practices app."""

import factory

from django.utils import timezone

from practices.models import GoodPractice, PracticeStatus


class GoodPracticeFactory(factory.django.DjangoModelFactory):
    """A proposed practice of the default network (inside ``activate(network)``: that network's)."""

    class Meta:
        model = GoodPractice

    title = factory.Sequence(lambda n: f"Práctica ejemplar {n}")
    acceleration_factors = ["education"]
    thematic_area = "education"
    languages = ["es"]
    year = 2017
    summary = "Becas para que los hijos de las familias recolectoras sigan en la escuela."
    results = "Deserción escolar reducida a la mitad."
    contact_name = "Mariela Contacto Secreto"
    contact_email = "mariela.secreta@example.org"
    contact_phone = "+506 8888 7777"
    status = PracticeStatus.PROPOSED


class PublishedPracticeFactory(GoodPracticeFactory):
    status = PracticeStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
