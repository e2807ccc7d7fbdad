import pytest

from wagtail.blocks import StructBlockValidationError

from home.blocks import CallToActionBlock, CaptionedImageBlock, ContentStreamBlock

from .factories import ImageFactory

pytestmark = pytest.mark.django_db


def test_call_to_action_needs_a_page_or_an_address_but_not_both(home_page):
    block = CallToActionBlock()
    base = {"title": "Únase", "text": "", "button_label": "Quiero unirme"}
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**base, "page": None, "url": ""}))
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({**base, "page": home_page.pk, "url": "https://example.org/"}))
    assert block.clean(block.to_python({**base, "page": None, "url": "https://example.org/"}))["url"]


def test_image_block_requires_alternative_text():
    block = CaptionedImageBlock()
    without_description = ImageFactory(description="")
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"image": without_description.pk, "caption": "", "alt_text": ""}))
    value = block.clean(block.to_python({"image": without_description.pk, "caption": "", "alt_text": "Firma"}))
    html = block.render(value)
    assert 'alt="Firma"' in html and ".webp" in html and 'loading="lazy"' in html


def test_every_block_has_icon_label_description_and_template():
    for name, block in ContentStreamBlock().child_blocks.items():
        assert block.meta.icon, name
        assert block.meta.label, name
        assert block.meta.description, name
        assert block.meta.template.startswith("home/blocks/"), name
