"""The images the demo content draws with Pillow (no downloads): fonts, and the image added once."""

import io

from PIL import ImageFont

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

#: Fonts with the accented letters of Spanish, tried in order (Debian's fonts-dejavu-core and
#: fonts-liberation, which WeasyPrint's own dependencies bring).
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


def font(size):
    """A bold font of `size` pixels that draws "ñ", "é", "ó"…; Pillow's default as a last resort."""
    for path in FONT_FILES:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType
        return ImageFont.load_default()


def get_or_add_image(title, draw, *, collection, filename, description=""):
    """The image titled `title` in `collection`; when there is none, `draw()` gives its file's bytes and
    it is added (each network's images live in its own collection, so two networks may share a title)."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title, collection=collection).first()
    if existing:
        return existing
    image = image_model(title=title, description=description, collection=collection)
    image.file = ImageFile(io.BytesIO(draw()), name=filename)
    image.save()
    return image
