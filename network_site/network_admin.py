"""The admin's network switcher: which of their networks a staff member works in.

The admin shows one network at a time (``networks.request_scope``): the one chosen here, kept in
the session, or the staff member's first. Regional staff and superusers may also choose "every
network" to read across them; records are then added nowhere until they choose one.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.admin.menu import MenuItem

from network_site.networks import ADMIN_NETWORK_SESSION_KEY, admin_networks, is_regional_staff


def choose(request):
    """GET: the networks to choose from; POST ``network`` (an id or "all"): keep it, go back."""
    networks = list(admin_networks(request.user))
    may_read_all = is_regional_staff(request.user) or len(networks) > 1
    if request.method == "POST":
        wanted = request.POST.get("network", "")
        by_id = {str(network.pk): network for network in networks}
        if wanted == "all" and may_read_all:
            request.session[ADMIN_NETWORK_SESSION_KEY] = "all"
            messages.success(request, _("You now read every network. Choose one to add or change its records."))
        elif wanted in by_id:
            request.session[ADMIN_NETWORK_SESSION_KEY] = by_id[wanted].pk
            messages.success(request, _("You now work in %(network)s.") % {"network": by_id[wanted]})
        else:
            messages.error(request, _("Choose one of your networks."))
            return HttpResponseRedirect(reverse("network_site_choose_network"))
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("wagtailadmin_home")
        return HttpResponseRedirect(target)
    return render(
        request,
        "network_site/admin/choose_network.html",
        {
            "networks": networks,
            "current": getattr(request, "network", None),
            "reading_all": getattr(request, "network", None) is None and bool(networks),
            "may_read_all": may_read_all,
            "next": request.GET.get("next", ""),
        },
    )


def admin_urls():
    return [path("choose-network/", choose, name="network_site_choose_network")]


class NetworkMenuItem(MenuItem):
    """ "Network: Costa Rica" at the top of the menu, for staff with more than one network to choose."""

    def is_shown(self, request):
        return is_regional_staff(request.user) or admin_networks(request.user).count() > 1

    def render_component(self, request):
        component = super().render_component(request)
        network = getattr(request, "network", None)
        component.label = _("Network: %(network)s") % {
            "network": network if network is not None else _("every network")
        }
        return component


def menu_item():
    return NetworkMenuItem(
        gettext_lazy("Network"), reverse("network_site_choose_network"), name="network", icon_name="site", order=1
    )


# Wagtail's own reports that list records of every network ------------------------------------------


def network_log_entries(queryset):
    """Audit-log entries about the records of the networks in scope (every network-owned model's,
    matched by content type and id through its scoped manager; records of no network are left out)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField, Q
    from django.db.models.functions import Cast

    from network_site.networks import NetworkScopedQuerySet

    condition = Q(pk__in=[])
    for model in apps.get_models():
        records = model._default_manager.all()
        if isinstance(records, NetworkScopedQuerySet):
            ids = records.annotate(_log_id=Cast("pk", CharField())).values("_log_id")
            condition |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    return queryset.filter(condition)


def _site_history_view():
    from wagtail.admin.views.reports.audit_logging import LogEntriesView
    from wagtail.models import ModelLogEntry

    class NetworkLogEntriesView(LogEntriesView):
        """Site history: the pages the user may see (Wagtail's rule) and the records of their networks."""

        def filter_queryset(self, queryset):
            queryset = super().filter_queryset(queryset)
            if queryset.model is ModelLogEntry and not is_regional_staff(self.request.user):
                queryset = network_log_entries(queryset)
            return queryset

    return NetworkLogEntriesView


def _regional_only(view):
    from django.core.exceptions import PermissionDenied

    def wrapped(request, *args, **kwargs):
        if not is_regional_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def report_urls():
    """Wagtail's reports that would show other networks' records, in front of Wagtail's own routes
    (``network_site/urls.py`` lists them before the admin's): the site history keeps to the staff's
    networks; the page-types usage report (it names the last edited page of each type in every
    tree) is for regional staff."""
    from wagtail.admin.auth import require_admin_access
    from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView

    history = _site_history_view()
    urls = [
        path("admin/reports/site-history/", history.as_view(), name="network_site_history"),
        path(
            "admin/reports/site-history/results/",
            history.as_view(results_only=True),
            name="network_site_history_results",
        ),
        path(
            "admin/reports/page-types-usage/",
            _regional_only(PageTypesUsageReportView.as_view()),
            name="network_site_page_types_usage",
        ),
        path(
            "admin/reports/page-types-usage/results/",
            _regional_only(PageTypesUsageReportView.as_view(results_only=True)),
            name="network_site_page_types_usage_results",
        ),
    ]
    # Wagtail's own admin routes go through its admin-access check: these too.
    for each in urls:
        each.callback = require_admin_access(each.callback)
    return urls


def hide_regional_reports(request, menu_items):
    """The reports menu shows the page-types usage report to regional staff only."""
    if not is_regional_staff(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]
