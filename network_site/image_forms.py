"""The base of every Wagtail image form (``WAGTAILIMAGES_IMAGE_FORM_BASE``): the admin's add
and edit forms, its multiple upload, the image chooser's upload.

Wagtail checks ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` as width × height × frames, but the frames
come from Willow's Pillow plugin, which answers 1 for every image ("animation is not supported
by PIL"), so a small GIF of thousands of frames passed. A new file also goes through the
platform's own upload check (``network_site.uploads.check_upload``), which counts every frame of
an animated GIF, WebP or PNG, and checks that the content is what the extension says.
"""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from wagtail.images.forms import BaseImageForm

from network_site.uploads import check_upload


def check_image_upload(upload):
    """The upload check with Wagtail's image settings, for a new file (an edit that keeps its file,
    a ``FieldFile``, has nothing to check). Also for other forms with a ``WagtailImageField``."""
    if isinstance(upload, UploadedFile):
        check_upload(
            upload,
            extensions=tuple(settings.WAGTAILIMAGES_EXTENSIONS),
            max_bytes=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
            max_pixels=settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS,
        )
    return upload


class ImageForm(BaseImageForm):
    def clean_file(self):
        return check_image_upload(self.cleaned_data.get("file"))
