"""The shared upload check (network_site.uploads) used by commitments, meetings and supplychain."""

import io
import zipfile

import pytest
from PIL import Image

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.db.migrations.writer import MigrationWriter
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.utils import translation

from network_site.uploads import FileType, UploadValidator, check_upload, private_file_response

EXTENSIONS = ("pdf", "docx", "jpg", "jpeg", "png")
LIMIT = 1024 * 1024


def image_bytes(size=(20, 20), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "white").save(buffer, fmt)
    return buffer.getvalue()


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def check(name, content, **kwargs):
    kwargs.setdefault("extensions", EXTENSIONS)
    kwargs.setdefault("max_bytes", LIMIT)
    return check_upload(SimpleUploadedFile(name, content), **kwargs)


def error_of(name, content, **kwargs):
    with pytest.raises(ValidationError) as caught:
        check(name, content, **kwargs)
    return caught.value


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("informe.pdf", b"%PDF-1.7\n...", FileType("document", "application/pdf")),
        ("foto.png", image_bytes(), FileType("image", "image/png")),
        ("foto.JPG", image_bytes(fmt="JPEG"), FileType("image", "image/jpeg")),
        ("foto.jpeg", image_bytes(fmt="JPEG"), FileType("image", "image/jpeg")),
        (
            "politica.docx",
            docx_bytes(),
            FileType("document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ),
    ],
)
def test_valid_files_are_accepted_with_their_kind_and_content_type(name, content, expected):
    upload = SimpleUploadedFile(name, content)
    assert check_upload(upload, extensions=EXTENSIONS, max_bytes=LIMIT) == expected
    assert upload.tell() == 0  # left ready to be saved


def test_wrong_extension_is_refused_naming_the_file_and_the_accepted_types():
    error = error_of("virus.exe", b"MZ....")
    assert error.code == "file_type"
    with translation.override("es"):
        message = error.messages[0]
    assert "«virus.exe»: no se acepta este tipo de archivo" in message
    assert "pdf, docx, jpg, jpeg, png" in message
    # An extension the app did not list is refused even if the platform knows it.
    assert error_of("tabla.xlsx", b"PK\x03\x04...").code == "file_type"
    assert error_of("sin-extension", b"%PDF-1.4").code == "file_type"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("falso.png", b"%PDF-1.4 not an image"),
        ("falso.pdf", b"GIF89a"),
        ("falso.docx", b"%PDF-1.4"),
        ("falso.jpg", image_bytes()),  # a PNG named .jpg
    ],
)
def test_content_that_does_not_match_the_extension_is_refused(name, content):
    error = error_of(name, content)
    assert error.code == "content_mismatch"
    with translation.override("es"):
        assert f"«{name}» no contiene lo que indica su extensión" in error.messages[0]


def test_image_that_pillow_cannot_read_is_refused():
    error = error_of("roto.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10)
    assert error.code == "invalid_image"
    with translation.override("es"):
        assert error.messages[0] == "«roto.png» no es una imagen legible."


def test_empty_file_is_refused():
    error = error_of("vacío.pdf", b"")
    assert error.code == "empty"
    with translation.override("es"):
        assert error.messages == ["«vacío.pdf» está vacío."]


def test_too_big_file_is_refused():
    error = error_of("grande.pdf", b"%PDF-" + b"x" * (2 * LIMIT))
    assert error.code == "too_big"
    with translation.override("es"):
        assert error.messages == ["«grande.pdf» pesa más de 1 MB."]
    assert check("justo.pdf", b"%PDF-" + b"x" * (LIMIT - 5)).kind == "document"


def test_image_with_too_many_pixels_is_refused(settings):
    error = error_of("foto.png", image_bytes((20, 20)), max_pixels=399)
    assert error.code == "too_many_pixels"
    with translation.override("es"):
        assert "«foto.png» tiene demasiados píxeles (20×20)" in error.messages[0]
    assert check("foto.png", image_bytes((20, 20)), max_pixels=400).kind == "image"
    # By default the limit is Wagtail's, read when the check runs.
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100
    assert error_of("foto.png", image_bytes((20, 20))).code == "too_many_pixels"


def test_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10)  # Pillow refuses images over twice this
    error = error_of("bomba.png", image_bytes((20, 20)), max_pixels=10**9)
    assert error.code == "too_many_pixels"
    with translation.override("es"):
        assert error.messages == ["«bomba.png» tiene demasiados píxeles; reduzca la imagen."]


def test_validator_runs_the_check_and_deconstructs_for_migrations():
    validator = UploadValidator(extensions=["pdf"], max_bytes=LIMIT)
    validator(SimpleUploadedFile("a.pdf", b"%PDF-1.4"))
    with pytest.raises(ValidationError):
        validator(SimpleUploadedFile("a.png", image_bytes()))
    path, args, kwargs = validator.deconstruct()
    assert path == "network_site.uploads.UploadValidator"
    assert kwargs == {"extensions": ["pdf"], "max_bytes": LIMIT}
    assert validator == UploadValidator(extensions=("pdf",), max_bytes=LIMIT)
    assert validator != UploadValidator(extensions=("pdf",), max_bytes=2 * LIMIT)
    source, imports = MigrationWriter.serialize(validator)
    assert source.startswith("network_site.uploads.UploadValidator(")


def stored_file(tmp_path, name, content=None):
    storage = FileSystemStorage(location=tmp_path)
    if content is not None:
        name = storage.save(name, ContentFile(content))
    return FieldFile(None, models.FileField(storage=storage), name)


def test_private_file_response_downloads_without_sniffing_or_caching(tmp_path):
    response = private_file_response(stored_file(tmp_path, "evidence/informe.pdf", b"%PDF-1.4 x"))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 x"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="informe.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-store"
    response.file_to_stream.close()


def test_private_file_response_inline_with_given_name_and_type(tmp_path):
    field_file = stored_file(tmp_path, "a1b2c3.png", image_bytes())
    response = private_file_response(field_file, filename="foto.png", content_type="image/png", inline=True)
    assert response["Content-Disposition"].startswith("inline;")
    assert 'filename="foto.png"' in response["Content-Disposition"]
    assert response["Content-Type"] == "image/png"
    response.file_to_stream.close()


def test_private_file_response_of_a_missing_file_is_404(tmp_path):
    with pytest.raises(Http404):
        private_file_response(stored_file(tmp_path, "gone.pdf"))
