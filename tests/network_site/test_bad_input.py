"""Bad input gets an answer, not a 500 (issue 14).

- Every search box and filter (public pages, the portal's lists, the admin's listings and
  reports, the API) answers a search for ``"`` or for text holding a NUL character: PostgreSQL
  refuses NUL in a query (``network_site.input.StripNulMiddleware`` removes it first).
- A CSV with a 1 MB cell is refused with a message in the user's language; nothing is imported.
- Every admin listing that exports (Wagtail's ``list_export``, its reports and ours) neutralises
  formulas in CSV and XLSX, as our own exports do.
- The pixel budget counts every frame of an animated image (our upload check, Wagtail's images).
- Documents have an upload size limit (the add form, the multiple upload).

Run on SQLite and on PostgreSQL (``DATABASE_URL=postgres://postgres@127.0.0.1:5432/test``).
"""

import csv
import html
import io
from urllib.parse import urlencode

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from wagtail.models import Page, Site

from members.models import Organization
from network_site.input import StripNulMiddleware, without_nul
from network_site.models import ImportJob
from tests.helpers import speak, xlsx
from tests.home.factories import DocumentLibraryPageFactory, HomePageFactory, NewsIndexPageFactory, NewsPageFactory
from tests.members.factories import OrganizationFactory
from tests.members.spreadsheet_support import org_csv, org_row
from tests.network_site.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

BAD_TEXTS = {"quote": '"', "quotes": '"café" "', "nul": "caf\x00é", "only-nul": "\x00", "both": '"\x00'}
#: Every query parameter a search box or a filter of the platform reads, each sent the bad text.
PARAMETERS = (
    "q",
    "tag",
    "category",
    "sector",
    "kind",
    "year",
    "area",
    "status",
    "country",
    "network",
    "thematic_area",
    "page",
    "ordering",
    "membership_status",
    "organization",
    "meeting",
    "agreement",
    "code",
    "per_page",
)
#: Leaving, and Wagtail's page that raises on purpose (to test error reporting).
SKIPPED_PATHS = ("/admin/logout/", "/portal/account/logout/", "/admin/login/", "/admin/failwhale/")


def bad_query(text):
    return "?" + urlencode(dict.fromkeys(PARAMETERS, text))


def _paths_without_arguments(prefix):
    """Every URL below ``prefix`` that takes no argument (the listings, reports, portal lists)."""
    found = []

    def walk(patterns, base):
        for pattern in patterns:
            route = base + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and "<" not in route and "(" not in route:
                path = "/" + route.lstrip("^").rstrip("$").replace("\\", "")
                if path.startswith(prefix) and not path.startswith(SKIPPED_PATHS) and "?" not in path:
                    found.append(path)

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


def _answers(response):
    """A 200 (results or a message), a redirect or a 404/422 problem: anything but a server error."""
    return response.status_code < 500


@pytest.fixture
def public_tree(default_network):
    """One page of every kind that has a search box or filters, under the default Site's home page."""
    from commitments.models import ObservatoryPage
    from cooperation.models import CooperationBoardPage
    from meetings.models import CalendarPage
    from members.models import MemberDirectoryPage
    from practices.models import GoodPracticeLibraryPage

    home = HomePageFactory()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    news = NewsIndexPageFactory(parent=home, slug="noticias")
    NewsPageFactory(parent=news, title="Café sin trabajo infantil")
    pages = [home, news, DocumentLibraryPageFactory(parent=home, slug="documentos")]
    for model, slug in (
        (MemberDirectoryPage, "miembros"),
        (ObservatoryPage, "observatorio"),
        (CalendarPage, "calendario"),
        (GoodPracticeLibraryPage, "buenas-practicas"),
        (CooperationBoardPage, "cooperacion"),
    ):
        page = model(title=slug.capitalize(), slug=slug)
        home.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    OrganizationFactory(name="Café del Valle S.A.")
    return [Page.objects.get(pk=page.pk).url for page in pages]


@pytest.mark.parametrize("text", BAD_TEXTS.values(), ids=BAD_TEXTS.keys())
def test_every_public_search_and_filter_answers(client, public_tree, text):
    paths = [*public_tree, "/es/search/", "/en/search/", *_paths_without_arguments("/es/")]
    assert len(paths) > 12
    failures = [(p, r.status_code) for p in paths if not _answers(r := client.get(p + bad_query(text)))]
    assert failures == []
    assert client.get("/es/search/" + bad_query(text)).status_code == 200


@pytest.mark.parametrize("text", BAD_TEXTS.values(), ids=BAD_TEXTS.keys())
def test_every_portal_page_answers(representative_client, public_tree, text):
    paths = _paths_without_arguments("/portal/")
    assert len(paths) > 10
    failures = [(p, r.status_code) for p in paths if not _answers(r := representative_client.get(p + bad_query(text)))]
    assert failures == []


@pytest.mark.parametrize("text", BAD_TEXTS.values(), ids=BAD_TEXTS.keys())
def test_every_admin_listing_search_and_report_answers(client, public_tree, text):
    staff = StaffUserFactory(is_superuser=True)
    client.force_login(staff)
    speak(client, "es")
    home = Site.objects.get(is_default_site=True).root_page
    # Every listing without arguments, and the page explorer's search below the home page.
    paths = [*_paths_without_arguments("/admin/"), f"/admin/pages/{home.pk}/"]
    assert len(paths) > 40
    failures = [(p, r.status_code) for p in paths if not _answers(r := client.get(p + bad_query(text)))]
    assert failures == []
    response = client.get("/admin/network/organizations/" + bad_query(text))
    assert response.status_code == 200


@pytest.mark.parametrize("text", BAD_TEXTS.values(), ids=BAD_TEXTS.keys())
def test_every_api_filter_answers_with_results_or_a_problem(client, db, text):
    paths = [p for p in _paths_without_arguments("/api/v1/") if p.endswith("/") and p != "/api/v1/"]
    assert len(paths) > 4
    for path in paths:
        response = client.get(path + bad_query(text))
        assert response.status_code in (200, 422), path
        if response.status_code == 422:
            assert response["Content-Type"] == "application/problem+json"


def test_a_search_with_a_nul_finds_what_the_search_without_it_finds(client, public_tree):
    for query in ("Caf\x00é", 'café"', '"café"'):
        content = client.get("/es/search/", {"q": query}).content.decode()
        assert "Café sin trabajo infantil" in content, query
    directory = next(path for path in public_tree if "miembros" in path)
    assert "Café del Valle" in client.get(directory, {"q": "Caf\x00é del"}).content.decode()


def test_the_admin_search_with_a_nul_searches_without_it(staff_client):
    OrganizationFactory(name="Cafetalera del Norte")
    speak(staff_client, "es")
    content = staff_client.get("/admin/network/organizations/", {"q": "Cafe\x00talera"}).content.decode()
    assert "Cafetalera del Norte" in content


def test_a_posted_form_loses_its_nul_characters(representative_client, representative):
    from members.models import PortalAccount

    account = PortalAccount.objects.get(user=representative)
    response = representative_client.post(
        reverse("members_portal:profile"),
        {"first_name": "Ana\x00", "last_name": "Mora", "language": "es"},
    )
    assert response.status_code < 500
    account.user.refresh_from_db()
    assert "\x00" not in account.user.first_name


def test_without_nul_keeps_every_value_and_stays_immutable(rf):
    request = rf.get("/es/search/?q=a%00b&q=c&tag%00=x")
    cleaned = without_nul(request.GET)
    assert cleaned.getlist("q") == ["ab", "c"]
    assert cleaned["tag"] == "x"
    assert not cleaned._mutable


def test_the_middleware_rewrites_the_query_string_only_when_it_holds_a_nul(rf):
    seen = []
    middleware = StripNulMiddleware(lambda request: seen.append(request) or None)
    plain = rf.get("/es/search/?q=caf%C3%A9")
    middleware(plain)
    assert seen[-1].META["QUERY_STRING"] == "q=caf%C3%A9"
    middleware(rf.get("/es/search/?q=caf%00%C3%A9"))
    assert seen[-1].GET["q"] == "café"
    assert "%00" not in seen[-1].META["QUERY_STRING"]
    middleware(rf.get("/api/v1/organizations/?q=a%00b"))
    assert seen[-1].GET["q"] == "a\x00b"  # the API answers it with a 422 problem itself


# --- A CSV with a 1 MB cell ------------------------------------------------------------------


def upload(client, resource, data, filename):
    return client.post(f"/admin/spreadsheets/{resource}/import/", {"file": SimpleUploadedFile(filename, data)})


@pytest.mark.parametrize(
    ("language", "message"), [("es", "más de 32767 caracteres"), ("en", "more than 32767 characters")]
)
def test_a_csv_with_a_1_mb_cell_is_refused_in_the_users_language(staff_client, language, message):
    speak(staff_client, language)
    data = org_csv(org_row("cafe-valle", "Café del Valle"), org_row("enorme", "x" * (1024 * 1024)))
    response = upload(staff_client, "organizations", data, "organizaciones.csv")
    assert response.status_code == 400  # the upload form again, with the file's error
    content = html.unescape(response.content.decode())
    assert message in content
    assert "field limit" not in content
    assert not Organization.objects.filter(slug__in=["cafe-valle", "enorme"]).exists()
    job = ImportJob.objects.order_by("-pk").first()
    if job is not None:  # nothing can be confirmed
        staff_client.post(f"/admin/spreadsheets/jobs/{job.pk}/apply/")
        assert not Organization.objects.filter(slug__in=["cafe-valle", "enorme"]).exists()


def test_a_cell_longer_than_a_spreadsheet_cell_is_refused_by_row_and_column(db):
    from network_site.spreadsheets import MAX_CELL_CHARS, read_dataset

    _dataset, errors = read_dataset(org_csv(org_row("largo", "y" * (MAX_CELL_CHARS + 1))), "datos.csv")
    assert [(e.row, e.column) for e in errors] == [(2, "name")]
    # An XLSX cell cannot hold more (openpyxl reads at most that many characters of one).
    dataset, errors = read_dataset(xlsx([["slug", "name"], ["largo", "y" * 40_000]]), "datos.xlsx")
    assert errors == [] and len(dataset["name"][0]) <= MAX_CELL_CHARS
    dataset, errors = read_dataset(org_csv(org_row("justo", "y" * MAX_CELL_CHARS)), "datos.csv")
    assert errors == [] and dataset["name"] == ["y" * MAX_CELL_CHARS]


def test_the_import_command_reports_the_huge_cell_and_imports_nothing(db, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "organizaciones.csv"
    path.write_bytes(org_csv(org_row("cafe-valle"), org_row("enorme", "x" * (1024 * 1024))))
    errors = io.StringIO()
    with pytest.raises(CommandError, match="nothing was written"):
        call_command("import_data", "organizations", str(path), stdout=io.StringIO(), stderr=errors)
    assert "Row 3" in errors.getvalue() or "Fila 3" in errors.getvalue()
    assert not Organization.objects.filter(slug__in=["cafe-valle", "enorme"]).exists()


def test_an_import_larger_than_the_limit_is_refused_before_it_is_read(staff_client, settings):
    settings.SPREADSHEET_MAX_UPLOAD_BYTES = 1024 * 1024
    data = org_csv(*(org_row(f"org-{n}", "z" * 1000) for n in range(1100)))
    speak(staff_client, "es")
    response = upload(staff_client, "organizations", data, "organizaciones.csv")
    assert response.status_code == 400
    assert "más de 1 MB" in html.unescape(response.content.decode())
    assert not ImportJob.objects.exists()


# --- Every admin export neutralises formulas ---------------------------------------------------

FORMULA = '=HYPERLINK("http://example.org/robar","Ver")'
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _download(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _is_spreadsheet(response, fmt):
    kind = response.get("Content-Type", "")
    return response.status_code == 200 and (("csv" in kind) if fmt == "csv" else ("spreadsheetml" in kind))


@pytest.fixture
def formula_records(public_tree, default_network):
    """A record named like a formula in every kind of listing that exports: an organisation, its
    contact person, a page (locked, so the locked-pages report lists it, and in the site history)."""
    from django.utils import timezone

    from wagtail.log_actions import log

    from tests.home.factories import StandardPageFactory
    from tests.members.factories import PersonFactory

    organization = OrganizationFactory(name=FORMULA, short_name="+SUM(1)")
    PersonFactory(organization=organization, name="@SUM(A1)", email="formula@example.org")
    home = Site.objects.get(is_default_site=True).root_page
    page = StandardPageFactory(parent=home, title=FORMULA, slug="formula")
    page.save_revision().publish()
    type(page).objects.filter(pk=page.pk).update(locked=True, locked_at=timezone.now())
    log(instance=page, action="wagtail.edit", user=None)
    log(instance=organization, action="wagtail.edit", user=None)
    return organization


def test_every_admin_export_neutralises_formulas_in_csv_and_xlsx(client, formula_records):
    from openpyxl import load_workbook

    client.force_login(StaffUserFactory(is_superuser=True))
    speak(client, "es")
    exported = {}
    for path in _paths_without_arguments("/admin/"):
        csv_response = client.get(path, {"export": "csv"})
        if not _is_spreadsheet(csv_response, "csv"):
            continue
        text = _download(csv_response).decode("utf-8-sig")
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        live = [cell for cell in cells if cell.startswith(FORMULA_PREFIXES) and not _is_number(cell)]
        assert live == [], path
        xlsx_response = client.get(path, {"export": "xlsx"})
        assert _is_spreadsheet(xlsx_response, "xlsx"), path
        sheet = load_workbook(io.BytesIO(_download(xlsx_response))).active
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_PREFIXES):
                    assert (cell.data_type, cell.quotePrefix) == ("s", True), (path, cell.value)
        exported[path] = "'" + FORMULA in cells
    found = {path for path, has_formula in exported.items() if has_formula}
    for expected in (
        "/admin/network/organizations/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
    ):
        assert expected in found, (expected, sorted(exported))
    assert len(exported) >= 8, sorted(exported)


def _is_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_a_control_character_in_a_name_does_not_break_wagtails_xlsx_export(staff_client):
    OrganizationFactory(name="Empresa\x01 con control")
    response = staff_client.get("/admin/network/organizations/", {"export": "xlsx"})
    assert _is_spreadsheet(response, "xlsx")


# --- The pixel budget counts every frame ---------------------------------------------------------


def animated(fmt, *, frames, size=(40, 40)):
    """An animated image (bytes) of ``frames`` frames, each a different colour (so none is merged)."""
    from PIL import Image

    images = [
        Image.new("RGB", size, ((index * 7) % 256, (index * 13) % 256, (index * 29) % 256)) for index in range(frames)
    ]
    buffer = io.BytesIO()
    options = {"save_all": True, "append_images": images[1:], "duration": 20}
    if fmt == "webp":
        options["lossless"] = True
    images[0].save(buffer, format=fmt.upper(), **options)
    return buffer.getvalue()


@pytest.mark.parametrize("fmt", ["gif", "webp", "png"])
def test_the_upload_check_counts_every_frame(fmt):
    from django.core.exceptions import ValidationError

    from network_site.uploads import check_upload

    budget = 40 * 40 * 50  # fifty frames of 40×40
    many = SimpleUploadedFile(f"animacion.{fmt}", animated(fmt, frames=80))
    assert len(many.read()) < 200_000  # small as a file
    with pytest.raises(ValidationError) as refused:
        check_upload(many, extensions=(fmt,), max_bytes=10 * 1024 * 1024, max_pixels=budget)
    assert refused.value.code == "too_many_pixels"
    assert "80" in refused.value.messages[0]
    few = SimpleUploadedFile(f"animacion.{fmt}", animated(fmt, frames=10))
    assert check_upload(few, extensions=(fmt,), max_bytes=10 * 1024 * 1024, max_pixels=budget).kind == "image"


def test_wagtail_image_uploads_count_every_frame(staff_client, settings):
    """Wagtail 8 counts frames itself (``WagtailImageField.check_image_pixel_size``), against the
    configured ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` (read when its form class is built)."""
    from network_site.models import CustomImage

    frames = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS // (400 * 400) + 10
    bomb = animated("gif", frames=frames, size=(400, 400))
    assert len(bomb) < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    speak(staff_client, "en")
    response = staff_client.post(
        "/admin/images/add/", {"title": "Animación", "file": SimpleUploadedFile("a.gif", bomb)}
    )
    assert response.status_code == 200
    assert "too many pixels" in html.unescape(response.content.decode()).lower()
    response = staff_client.post("/admin/images/multiple/add/", {"files[]": SimpleUploadedFile("a.gif", bomb)})
    assert response.status_code == 200 and response.json()["success"] is False
    assert not CustomImage.objects.exists()
    short = animated("gif", frames=10, size=(400, 400))
    response = staff_client.post("/admin/images/add/", {"title": "Corta", "file": SimpleUploadedFile("c.gif", short)})
    assert response.status_code == 302
    assert CustomImage.objects.get().title == "Corta"


# --- Documents and images have an upload size limit ---------------------------------------------


def test_documents_and_images_have_an_upload_size_limit():
    from django.conf import settings

    assert 0 < settings.WAGTAILDOCS_MAX_UPLOAD_SIZE <= 50 * 1024 * 1024
    assert 0 < settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE <= 50 * 1024 * 1024


def test_a_document_over_the_limit_is_refused_with_a_clear_message(staff_client, settings):
    from network_site.models import CustomDocument

    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    speak(staff_client, "es")
    big = b"%PDF-1.4\n" + b"0" * 4096
    response = staff_client.post(
        "/admin/documents/add/", {"title": "Informe", "file": SimpleUploadedFile("informe.pdf", big)}
    )
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert "1,0 KB" in content or "1.0 KB" in content or "1,0\xa0KB" in content
    response = staff_client.post("/admin/documents/multiple/add/", {"files[]": SimpleUploadedFile("informe.pdf", big)})
    assert response.status_code == 200 and response.json()["success"] is False
    assert not CustomDocument.objects.exists()
    response = staff_client.post(
        "/admin/documents/add/", {"title": "Breve", "file": SimpleUploadedFile("breve.pdf", b"%PDF-1.4\nbreve\n")}
    )
    assert response.status_code == 302
    assert CustomDocument.objects.get().title == "Breve"
