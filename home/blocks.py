"""Content blocks of the public pages' bodies (StandardPage, NewsPage, HomePage).

Each block has a one-line docstring, an icon, a template in ``home/blocks/``, a label, a
description and a preview value for the admin's block picker.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class SectionHeadingBlock(blocks.StructBlock):
    """A section heading (h2 or h3) that also gives the section its anchor."""

    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "home/blocks/section_heading_block.html"
        label = _("Heading")
        description = _("A heading that starts a new section of the page.")
        preview_value = {"text": "La Red de Empresas", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    """Formatted text: paragraphs, lists, links and small headings."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "home/blocks/paragraph_block.html"
        label = _("Paragraph")
        description = _("Formatted text with links and lists.")
        preview_value = (
            "<p>La Red de Empresas contra el Trabajo Infantil reúne a empresas nacionales y "
            "transnacionales comprometidas con los derechos de las personas menores de edad.</p>"
        )


class CaptionedImageBlock(blocks.StructBlock):
    """An image with its caption and credit; the alternative text comes from the image."""

    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)
    attribution = blocks.CharBlock(label=_("Credit"), required=False, max_length=120)
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("Describe the image for people who cannot see it. Leave empty to use the image's description."),
    )

    class Meta:
        icon = "image"
        template = "home/blocks/captioned_image_block.html"
        label = _("Image with caption")
        description = _("An image as wide as the text, with a caption.")

    def get_preview_value(self):
        image = get_image_model().objects.order_by("pk").first()
        return self.to_python(
            {"image": image.pk if image else None, "caption": "Firma del acuerdo en Casa Presidencial"}
        )

    def clean(self, value):
        value = super().clean(value)
        image = value.get("image")
        if image is not None and not (value.get("alt_text") or getattr(image, "description", "")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(_("This image has no description: write an alternative text for it."))
                }
            )
        return value


class QuoteBlock(blocks.StructBlock):
    """A quotation with the person or source it comes from."""

    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "home/blocks/quote_block.html"
        label = _("Quote")
        description = _("A highlighted quotation with its source.")
        preview_value = {
            "quote": "Sin articulación no hay sistema.",
            "attribution": "Intercambio Costa Rica, Chile y El Salvador, 2017",
        }


class CallToActionBlock(blocks.StructBlock):
    """A highlighted box inviting the reader to act, linking to a page or an address."""

    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)

    class Meta:
        icon = "pick"
        template = "home/blocks/call_to_action_block.html"
        label = _("Call to action")
        description = _("A box with a button that leads to a page or an address.")
        preview_value = {
            "title": "Únase a la Red",
            "text": "Su empresa puede sumarse al compromiso contra el trabajo infantil.",
            "button_label": "Quiero unirme",
            "url": "https://example.org/",
        }

    def clean(self, value):
        value = super().clean(value)
        has_page, has_url = bool(value.get("page")), bool(value.get("url"))
        if has_page == has_url:
            message = ValidationError(_("Choose either a page or an address, not both."))
            raise blocks.StructBlockValidationError(block_errors={"page": message, "url": message})
        return value


class DocumentLinkBlock(blocks.StructBlock):
    """A link to a document of the library, with its type and size."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=200, help_text=_("Leave empty to use the document's title.")
    )

    class Meta:
        icon = "doc-full"
        template = "home/blocks/document_link_block.html"
        label = _("Document link")
        description = _("A download link to a document, showing its format and size.")

    def get_preview_value(self):
        from wagtail.documents import get_document_model

        document = get_document_model().objects.order_by("pk").first()
        return self.to_python({"document": document.pk if document else None, "title": ""})


class DataTableBlock(TableBlock):
    """A simple table with a header row and a caption."""

    class Meta:
        icon = "table"
        template = "home/blocks/data_table_block.html"
        label = _("Table")
        description = _("A table of text with an optional header row and caption.")
        preview_value = {
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Países de la Iniciativa Regional",
            "data": [["Subregión", "Países"], ["Centroamérica", "7"], ["América del Sur", "10"]],
        }


class ContentStreamBlock(blocks.StreamBlock):
    """The blocks an editor can use in a page body."""

    heading = SectionHeadingBlock()
    paragraph = ParagraphBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()
    table = DataTableBlock()

    class Meta:
        icon = "doc-full-inverse"
        label = _("Content")


class MenuPageLinkBlock(blocks.StructBlock):
    """A link to a page of the site; its label defaults to the page's title in each language."""

    page = blocks.PageChooserBlock(label=_("Page"))
    label = blocks.CharBlock(label=_("Label"), required=False, max_length=60)

    class Meta:
        icon = "doc-empty"
        label = _("Page link")
        description = _("A link to a page; it follows the reader's language when the page is translated.")
        preview_value = {"label": "Quiénes somos"}


class MenuExternalLinkBlock(blocks.StructBlock):
    """A link to another address (inside or outside the site)."""

    url = blocks.CharBlock(label=_("Address"), max_length=300, help_text=_("Such as https://… or /portal/"))
    label = blocks.CharBlock(label=_("Label"), max_length=60)

    class Meta:
        icon = "link-external"
        label = _("External link")
        description = _("A link to any address.")
        preview_value = {"url": "/portal/", "label": "Portal de miembros"}


class LinkStreamBlock(blocks.StreamBlock):
    """The links of a menu."""

    page = MenuPageLinkBlock()
    link = MenuExternalLinkBlock()


class SocialLinkBlock(blocks.StructBlock):
    """A link to one of the network's social-media profiles."""

    network = blocks.ChoiceBlock(
        label=_("Social network"),
        choices=[
            ("facebook", "Facebook"),
            ("x", "X"),
            ("instagram", "Instagram"),
            ("linkedin", "LinkedIn"),
            ("youtube", "YouTube"),
            ("other", _("Other")),
        ],
    )
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "site"
        label = _("Social link")
        description = _("A profile of the network on a social network.")
        preview_value = {"network": "facebook", "url": "https://www.facebook.com/"}
