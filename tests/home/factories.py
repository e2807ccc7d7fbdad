"""Factories of the public site's pages, categories and images (wagtail-factories)."""

import datetime

import factory
import wagtail_factories

from wagtail.models import Page

from home.models import DocumentLibraryPage, HomePage, NewsCategory, NewsIndexPage, NewsPage, StandardPage


class ImageFactory(wagtail_factories.ImageFactory):
    """An image with a title and the description used as its alternative text."""

    title = factory.Sequence(lambda n: f"Imagen {n}")
    description = factory.LazyAttribute(lambda o: f"Descripción de {o.title}")
    file = factory.django.ImageField(width=320, height=180, color="teal")


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A Wagtail document holding a small text file; ``tags=[...]`` tags it."""

    title = factory.Sequence(lambda n: f"Documento {n}")
    file = factory.django.FileField(filename="documento.txt", data=b"Texto del documento")

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)


class HomePageFactory(wagtail_factories.PageFactory):
    """A home page directly under Wagtail's root (the ``home_page`` fixture makes it the site root)."""

    class Meta:
        model = HomePage

    title = "Inicio"
    slug = factory.Sequence(lambda n: f"inicio-{n}")
    hero_title = "Red de Empresas contra el Trabajo Infantil"
    hero_text = factory.Faker("sentence", locale="es_ES")
    introduction = "<p>La Red reúne a empresas comprometidas contra el trabajo infantil.</p>"
    join_title = "Únase a la Red"
    join_url = "/es/unase/"
    parent = factory.LazyFunction(Page.get_first_root_node)


class StandardPageFactory(wagtail_factories.PageFactory):
    """A plain content page; pass ``parent``."""

    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Página {n}")
    slug = factory.Sequence(lambda n: f"pagina-{n}")
    introduction = factory.Faker("sentence", locale="es_ES")


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    """The news listing page; pass ``parent``."""

    class Meta:
        model = NewsIndexPage

    title = "Noticias"
    slug = factory.Sequence(lambda n: f"noticias-{n}")


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    """A news category (snippet), reused by slug."""

    class Meta:
        model = NewsCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Categoría {n}")
    slug = factory.Sequence(lambda n: f"categoria-{n}")


class NewsPageFactory(wagtail_factories.PageFactory):
    """A news item with a lead image, one day after the previous one; ``tags`` and ``categories`` set them."""

    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Noticia {n}")
    slug = factory.Sequence(lambda n: f"noticia-{n}")
    date = factory.Sequence(lambda n: datetime.date(2017, 1, 1) + datetime.timedelta(days=n))
    summary = factory.Faker("paragraph", locale="es_ES")
    lead_image = factory.SubFactory(ImageFactory)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
            if create:
                self.save()

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if extracted:
            self.categories.set(extracted)
            if create:
                self.save()


class DocumentLibraryPageFactory(wagtail_factories.PageFactory):
    """The public document library page; pass ``parent``."""

    class Meta:
        model = DocumentLibraryPage

    title = "Documentos"
    slug = factory.Sequence(lambda n: f"documentos-{n}")
