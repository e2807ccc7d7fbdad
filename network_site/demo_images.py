"""Fonts for the images the demo content draws with Pillow (no downloads)."""

from PIL import ImageFont

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
