"""Matching: the regional staff turn a demand and one or more offers into a South-South
cooperation agreement (acuerdo de cooperación Sur-Sur) between two or more networks, and the
parties' secretariats are told by e-mail."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from network_site.emails import send_templated_email
from network_site.lifecycle import actor
from network_site.links import absolute_url
from network_site.networks import working_for

from .choices import BoardState
from .models import CooperationAgreement
from .permissions import can_match


def parties(demand, offers):
    """The networks an agreement answering ``demand`` with ``offers`` binds, in a stable order."""
    networks = {}
    for post in [demand, *offers]:
        networks.setdefault(post.network_id, post.network)
    return sorted(networks.values(), key=lambda network: (network.position, str(network)))


def check_match(demand, offers, *, user):
    """Raise PermissionDenied or a translated ValidationError unless these can become an agreement
    (``user=None`` is the system: demo data, commands)."""
    if user is not None and not can_match(user):
        raise PermissionDenied(_("Only the regional staff make cooperation agreements."))
    offers = list(offers)
    errors = []
    if demand is None:
        errors.append(ValidationError(_("Choose the demand the agreement answers."), code="no_demand"))
    if not offers:
        errors.append(ValidationError(_("Choose at least one offer."), code="no_offer"))
    if errors:
        raise ValidationError(errors)
    for post in [demand, *offers]:
        if post.state != BoardState.OPEN:
            raise ValidationError(
                _("“%(title)s” is no longer open (%(state)s): it cannot be matched again.")
                % {"title": post.title, "state": post.get_state_display()},
                code="not_open",
            )
    networks = parties(demand, offers)
    if len(networks) < 2:
        raise ValidationError(
            _(
                "A South-South agreement is between two or more networks: the demand and the offers "
                "chosen all come from %(network)s. Choose an offer from another network."
            )
            % {"network": networks[0]},
            code="one_network",
        )
    return networks


def match(
    demand, offers, *, user, title="", description="", is_public=False, start_date=None, end_date=None, notify=True
):
    """Make the agreement (checked: ``check_match``), mark the demand and offers matched (one history
    entry each), and e-mail every party's secretariat once the transaction commits (``notify``). Returns it."""
    offers = list(offers)
    networks = check_match(demand, offers, user=user)
    with transaction.atomic():
        agreement = CooperationAgreement(
            title=title or demand.title,
            description=description,
            demand=demand,
            is_public=is_public,
            start_date=start_date,
            end_date=end_date,
            created_by=actor(user),
        )
        agreement.full_clean()
        agreement.save()
        agreement.networks.set(networks)
        agreement.offers.set(offers)
        comment = _("Matched in the agreement “%(title)s”.") % {"title": agreement.title}
        for post in [demand, *offers]:
            post.transition_to(BoardState.MATCHED, user=user, comment=comment, name="match")
        log(instance=agreement, action="wagtail.create", user=actor(user))
        if notify:
            transaction.on_commit(lambda: notify_parties(agreement, demand, offers, networks))
    return agreement


def notify_parties(agreement, demand, offers, networks):
    """One e-mail to each party's secretariat (``network.notice_emails``), in its default language,
    written in that network's name, time zone and host (the scope stays: the e-mail names every party)."""
    for network in networks:
        url = absolute_url(reverse("cooperation_agreement:inspect", args=[agreement.pk]), network)
        with working_for(network), timezone.override(network.zone):
            send_templated_email(
                "cooperation/emails/agreement_made",
                {
                    "agreement": agreement,
                    "demand": demand,
                    "offers": offers,
                    "networks": networks,
                    "network": network,
                    "url": url,
                },
                to=network.notice_emails,
                language=network.default_language,
                reply_to=[],
            )
