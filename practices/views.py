"""The public library of good practices, called by ``GoodPracticeLibraryPage`` (practices/models.py).

Only published practices, and never their contact person. The request's scope decides whose:
the regional site reads every network (``across(None)``), a national site its own network.
A fixed number of queries whatever the number of practices or networks.
"""

from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction

from commitments.models import AccelerationFactor, ThematicArea
from network_site.caching import cached, listing_page
from network_site.models import Network

from .models import GoodPractice, GoodPracticeDocument, GoodPracticePhoto, PracticeLanguage

SEARCH_MAX_LENGTH = 100
PHOTO_FILTER = "max-800x600"
#: Only what public pages may show (``models.PUBLIC_FIELDS``): never the contact person.
LISTED_FIELDS = (
    "title",
    "summary",
    "acceleration_factors",
    "thematic_area",
    "languages",
    "year",
    "published_at",
    "network__short_name",
    "network__slug",
    "organization__name",
)


def _choice(request, name, values):
    value = request.GET.get(name, "")
    return value if value in values else ""


def filter_practices(request, queryset, networks):
    """The published practices the request's filters select, and the filters that applied."""
    filters = {
        "country": _choice(request, "country", [network.slug for network in networks]),
        "factor": _choice(request, "factor", AccelerationFactor.values),
        "area": _choice(request, "area", ThematicArea.values),
        "language": _choice(request, "language", PracticeLanguage.values),
        "q": request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH],
    }
    if filters["country"]:
        queryset = queryset.filter(network__slug=filters["country"])
    if filters["factor"]:
        queryset = queryset.with_factor(filters["factor"])
    if filters["area"]:
        queryset = queryset.filter(thematic_area=filters["area"])
    if filters["language"]:
        queryset = queryset.in_language(filters["language"])
    if filters["q"]:
        q = filters["q"]
        queryset = queryset.filter(
            Q(title__icontains=q)
            | Q(summary__icontains=q)
            | Q(results__icontains=q)
            | Q(organization__name__icontains=q)
        )
    return queryset, {key: value for key, value in filters.items() if value}


def _networks(request):
    """The networks a visitor may filter by: every one on the regional site, none on a national one."""
    if getattr(request, "network", None) is not None:
        return []
    return cached("practice-networks", builder=lambda: list(Network.objects.only("slug", "short_name", "name")))


def library(request, page):
    networks = _networks(request)
    practices = GoodPractice.objects.published().select_related("network", "organization").only(*LISTED_FIELDS)
    practices, filters = filter_practices(request, practices, networks)
    practices = practices.order_by("-published_at", "-pk")
    base_url = page.get_url(request)

    def card(practice):
        return {
            "title": practice.title,
            "url": base_url + page.reverse_subpage("practice", args=(practice.pk, practice.slug)),
            "summary": practice.summary,
            "country": practice.network.short_name,
            "organization": practice.organization.name if practice.organization_id else "",
            "factors": practice.acceleration_factor_labels,
            "area": practice.get_thematic_area_display(),
            "languages": practice.language_labels,
            "year": practice.year,
        }

    page_obj = listing_page(
        "practices",
        request,
        page.pk,
        sorted(filters.items()),
        queryset=practices,
        number=request.GET.get("page"),
        per_page=page.per_page or 12,
        item=card,
    )
    return page.render(
        request,
        context_overrides={
            "practices": page_obj.object_list,
            "page_obj": page_obj,
            "paginator": page_obj.paginator,
            "networks": networks,
            "factors": AccelerationFactor.choices,
            "areas": ThematicArea.choices,
            "languages": PracticeLanguage.choices,
            "filters": filters,
            "filter_query": urlencode(filters),
        },
    )


def public_documents():
    """The practices' documents the public may see: never those of a collection with a view
    restriction (or under one), whose titles are not for public pages."""
    documents = GoodPracticeDocument.objects.select_related("document")
    for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True):
        documents = documents.exclude(document__collection__path__startswith=path)
    return documents


def practice_detail(request, page, pk, slug):
    """One published practice (404 for any other state, or another network's on a national site)."""
    practice = (
        GoodPractice.objects.published()
        .filter(pk=pk)
        .select_related("network", "organization")
        .only(*LISTED_FIELDS, "results")
        .prefetch_related(
            Prefetch("documents", queryset=public_documents()),
            Prefetch(
                "photos",
                queryset=GoodPracticePhoto.objects.prefetch_related(
                    Prefetch("image", queryset=get_image_model().objects.prefetch_renditions(PHOTO_FILTER))
                ),
            ),
        )
        .first()
    )
    if practice is None:
        raise Http404(_("No such good practice."))
    if slug != practice.slug:
        return redirect(
            page.get_url(request) + page.reverse_subpage("practice", args=(practice.pk, practice.slug)), permanent=True
        )
    return page.render(
        request,
        template="practices/practice_detail.html",
        context_overrides={
            "practice": practice,
            "documents": [item.document for item in practice.documents.all()],
            "photos": [
                {"caption": item.caption, "image": item.image, "rendition": item.image.get_rendition(PHOTO_FILTER)}
                for item in practice.photos.all()
            ],
            "library_url": page.get_url(request),
        },
    )
