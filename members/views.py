"""Public views of the members app, called by its Wagtail pages (see members/pages.py)."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Site

from members.forms import ApplicationForm
from members.models.organizations import (  # the module: the pages import this one
    Organization,
    OrganizationKind,
    Sector,
)
from network_site.caching import cached, listing_page, rendition_data
from network_site.emails import send_templated_email
from network_site.hooks import MEMBER_PROFILE_SECTIONS, KeyFigure
from network_site.networks import secretariat

#: How many applications one IP address may send per window.
APPLICATION_RATE_LIMIT = getattr(settings, "MEMBERS_APPLICATION_RATE_LIMIT", 5)
APPLICATION_RATE_WINDOW = getattr(settings, "MEMBERS_APPLICATION_RATE_WINDOW", 3600)
#: The rendition every logo of the directory uses (fetched in bulk).
DIRECTORY_LOGO_FILTER = "max-240x120"
PROFILE_LOGO_FILTER = "max-400x200"
SEARCH_MAX_LENGTH = 100


def client_ip(request):
    """The client's address. Behind a proxy, the proxy must set REMOTE_ADDR (e.g. gunicorn's forwarded-allow-ips)."""
    return request.META.get("REMOTE_ADDR", "")


def hit_rate_limit(request):
    """Count one submission from this address; True when it is over the limit (shared cache)."""
    digest = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"members:join-rate:{digest}"
    cache.add(key, 0, APPLICATION_RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, APPLICATION_RATE_WINDOW)
        count = 1
    return count > APPLICATION_RATE_LIMIT


@never_cache
def join(request, page):
    """The application form of "Únase a la Red": validate, store, confirm, notify."""
    status = 200
    if request.method == "POST":
        form = ApplicationForm(request.POST)
        if hit_rate_limit(request):
            form.is_valid()  # keep what was typed and show the field errors too
            form.add_error(None, _("Too many applications have been sent from your connection. Try again later."))
            status = 429
        elif form.is_valid():
            thanks_url = page.url + page.reverse_subpage("thanks")
            if form.is_spam:
                return redirect(thanks_url)
            application = form.save(commit=False)
            application.language = translation.get_language() or settings.LANGUAGE_CODE
            application.save()
            log(instance=application, action="wagtail.create", user=None)
            send_templated_email(
                "members/emails/application_received",
                {"application": application},
                to=[application.contact_email],
                language=application.language,
            )
            send_templated_email(
                "members/emails/application_notice",
                {"application": application},
                to=secretariat().emails,
                language=settings.LANGUAGE_CODE,
            )
            return redirect(thanks_url)
        else:
            status = 400
    else:
        form = ApplicationForm()
    response = page.render(request, context_overrides={"form": form})
    response.status_code = status
    return response


def directory(request, page):
    """Active members, filtered by sector, kind and a search, paged; a fixed number of queries."""
    members = Organization.objects.active().only(
        "name", "short_name", "slug", "kind", "sector", "region", "logo", "description", "date_joined"
    )
    sector = request.GET.get("sector", "")
    if sector not in Sector.values:
        sector = ""
    kind = request.GET.get("kind", "")
    if kind not in OrganizationKind.values:
        kind = ""
    query = request.GET.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    if sector:
        members = members.filter(sector=sector)
    if kind:
        members = members.filter(kind=kind)
    if query:
        members = members.filter(Q(name__icontains=query) | Q(short_name__icontains=query))
    members = members.order_by("name", "pk").prefetch_related(
        Prefetch("logo", queryset=get_image_model().objects.prefetch_renditions(DIRECTORY_LOGO_FILTER))
    )
    base_url = page.relative_url(Site.find_for_request(request), request)

    def card(member):
        return {
            "name": member.name,
            "display_name": member.display_name,
            "url": base_url + page.reverse_subpage("profile", args=(member.slug,)),
            "logo": rendition_data(member.logo, DIRECTORY_LOGO_FILTER, alt=member.display_name),
            "meta": " · ".join(
                str(part) for part in (member.get_sector_display(), member.get_kind_display(), member.region) if part
            ),
        }

    page_obj = listing_page(
        "directory",
        request,
        page.pk,
        sector,
        kind,
        query,
        queryset=members,
        number=request.GET.get("page"),
        per_page=page.per_page or 24,
        item=card,
    )
    filters = {key: value for key, value in (("sector", sector), ("kind", kind), ("q", query)) if value}
    return page.render(
        request,
        context_overrides={
            "members": page_obj.object_list,
            "page_obj": page_obj,
            "paginator": page_obj.paginator,
            "sectors": Sector.choices,
            "kinds": OrganizationKind.choices,
            "selected_sector": sector,
            "selected_kind": kind,
            "query": query,
            "filter_query": urlencode(filters),
            "filters": filters,
            "logo_filter": DIRECTORY_LOGO_FILTER,
        },
    )


def profile_sections(request, organization):
    """HTML of the sections other apps add to a member's profile (`member_profile_sections` hook).

    Public data only, so rendered once per member, language and day for the cache generation
    (any change to the data they show moves the generation on).
    """

    def build():
        sections = []
        for hook in hooks.get_hooks(MEMBER_PROFILE_SECTIONS):
            for template_name, context in hook(request, organization) or []:
                sections.append(
                    render_to_string(template_name, {"organization": organization, **context}, request=request)
                )
        return sections

    return cached("profile-sections", organization.pk, request.get_host(), timezone.localdate(), builder=build)


def member_profile(request, page, slug):
    """One active member's public profile. Contact people are never shown here."""

    def find():
        found = (
            Organization.objects.active()
            .filter(slug=slug)
            .prefetch_related(
                Prefetch("logo", queryset=get_image_model().objects.prefetch_renditions(PROFILE_LOGO_FILTER))
            )
            .first()
        )
        return found or ""  # "" (no such active member) is kept too

    organization = cached("member-profile", slug, builder=find)
    if not organization:
        raise Http404
    return page.render(
        request,
        template="members/member_profile.html",
        context_overrides={
            "organization": organization,
            "sections": profile_sections(request, organization),
            "logo_filter": PROFILE_LOGO_FILTER,
        },
    )


def key_figures(request):
    """The home page's figures about the membership (``home_key_figures`` hook): one query."""
    figures = Organization.objects.active().aggregate(members=Count("pk"), sectors=Count("sector", distinct=True))
    return [
        KeyFigure(label=gettext_lazy("Active members"), value=figures["members"], order=10),
        KeyFigure(label=gettext_lazy("Sectors represented"), value=figures["sectors"], order=20),
    ]
