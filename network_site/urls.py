from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from network_site import background_views, network_admin, views

handler404 = "network_site.views.page_not_found"
handler500 = "network_site.views.server_error"

urlpatterns = [
    # Staff log in through the same allauth login as the portal: rate limits and MFA apply.
    path("admin/login/", views.admin_login_redirect, name="admin_login_redirect"),
    *network_admin.report_urls(),
    *background_views.admin_urls(),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("api/", include("api.urls")),
    path("", include("home.root_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Member portal (outside the language prefix; the language follows the user's choice).
    path("portal/account/", include("allauth.urls")),
    path("portal/commitments/", include("commitments.portal_urls")),
    path("portal/value-chain/", include("supplychain.portal_urls")),
    path("portal/meetings/", include("meetings.portal_urls")),
    path("portal/practices/", include("practices.portal_urls")),
    path("portal/documents/", include("network_site.background_views")),
    path("portal/", include("members.portal_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public site: every URL carries the language prefix (/es/, /en/).
urlpatterns += i18n_patterns(
    path("", include("home.urls")),
    path("members/", include("members.urls")),
    path("commitments/", include("commitments.urls")),
    path("value-chain/", include("supplychain.urls")),
    path("meetings/", include("meetings.urls")),
    # Wagtail's front-end URLs, its page view replaced by one that finds the page from memory.
    *wagtail_urls.urlpatterns[:-1],
    re_path(wagtail_urls.serve_pattern, views.serve, name="wagtail_serve"),
    prefix_default_language=True,
)
