"""Print {name: path} of the public pages to load-test, plus "_static": a static file's path."""

from common import emit, public_pages, setup

setup()

from django.templatetags.static import static  # noqa: E402 - after django.setup()

pages = public_pages()
pages["_static"] = static("css/site.css")
emit(pages)
