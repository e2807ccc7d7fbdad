import factory

from members.models import Application, OrganizationKind, OrganizationSize, Scope, Sector


class ApplicationFactory(factory.django.DjangoModelFactory):
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
