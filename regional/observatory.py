"""The regional observatory's aggregates: every network side by side, computed with GROUP BY.

Each figure is one aggregate query grouped by network (members, commitments, commitments by
thematic area and by acceleration factor, progress reports, self-assessments), so the number
of queries is the same for one network or twenty-seven. The rules are the national
observatory's, reused rather than repeated:

- commitments and reports: ``commitments.observatory.filtered_commitments`` / ``filtered_reports``
  (approved, public commitments of active members; approved reports) and its progress expression;
- self-assessments: ``supplychain.stats`` (scored statuses, ``MIN_GROUP``, its suppressed cells):
  a network's figures about self-assessments are shown only when at least ``MIN_GROUP``
  organisations are behind them. The regional total is suppressed too when the suppressed
  networks together hold fewer than ``MIN_GROUP`` organisations (the total minus the networks
  shown would otherwise give them away).

The result is plain data, kept per cache generation, language and network scope
(``network_site.caching.cached``). On the regional site the request reads every network
(``across(None)``); should the page be served on a national site, the scope is that network's,
and only that network is listed.
"""

from collections import defaultdict

from django.db.models import Count, Q, Sum
from django.utils import timezone

from commitments.models import AccelerationFactor, CommitmentStatus, ThematicArea
from commitments.observatory import commitment_groups, filtered_commitments
from commitments.summary import summary_rows
from members.models import Organization
from network_site.caching import cached
from network_site.links import base_url
from network_site.models import Network
from network_site.networks import current_network
from supplychain.models import Assessment, Maturity
from supplychain.models.assessments import SCORED_STATUSES
from supplychain.stats import MIN_GROUP, _cell, scored_years

CACHE_SECONDS = 60 * 60


def visible_networks():
    """The networks the observatory shows: every one on the regional site, else the current one."""
    network = current_network()
    if network is not None:
        return [network]
    return list(Network.objects.select_related("site").order_by("position", "short_name"))


def network_data(network):
    return {
        "pk": network.pk,
        "slug": network.slug,
        "name": network.name,
        "short_name": network.short_name or network.name,
        "country": network.country,
        "url": base_url(network) + f"/{network.default_language}/",
    }


def _share(part, whole):
    return round(100 * part / whole) if whole else None


def _by_network(queryset, lookup, **aggregates):
    """``{network id: row}`` of one GROUP BY query."""
    return {row[lookup]: row for row in queryset.values(lookup).annotate(**aggregates).order_by()}


def _crossed(groups, field, choices, network_ids):
    """Counts of public commitments by ``field`` and network (from ``commitment_groups``' rows): rows
    in the choices' order, each with its value per network (in ``network_ids``' order) and the
    regional total."""
    counts = defaultdict(dict)
    for row in groups:  # one row per (network, status, area, factor, sector): not rows of data
        per_network = counts[row[field]]
        network_id = row["organization__network"]
        per_network[network_id] = per_network.get(network_id, 0) + row["n"]
    rows = []
    for code, label in choices:
        values = [counts[code].get(pk, 0) for pk in network_ids]
        rows.append({"key": code, "label": str(label), "values": values, "total": sum(values)})
    return rows


def assessment_year(filters):
    """The year whose self-assessments are compared: the filter's when scored, else the latest (1 query)."""
    years = scored_years()
    requested = filters.get("year")
    return (requested if requested in years else (years[0] if years else None)), years


def _assessment_cell(row):
    """A network's self-assessment figures (``supplychain.stats``'s cell, with the maturity levels)."""
    organizations = (row or {}).get("organizations") or 0
    total = (row or {}).get("score_sum")
    count = (row or {}).get("score_count") or 0
    cell = _cell(total / count if count else None, organizations)
    cell["maturity"] = [
        None if cell["suppressed"] else (row or {}).get(level, 0) for level, _label in Maturity.choices
    ]
    return cell


def compute(filters):
    """Every aggregate of the regional observatory, as plain data (dicts and lists)."""
    networks = visible_networks()
    ids = [network.pk for network in networks]
    commitments = filtered_commitments(filters)
    members = Organization.objects.active()
    if "sector" in filters:
        members = members.filter(sector=filters["sector"])
    members_by = _by_network(members, "network", n=Count("pk"))
    # Commitments by network, status, area and factor (one query) and their organisations (one).
    groups = commitment_groups(commitments, "organization__network")
    commitments_by = defaultdict(lambda: {"commitments": 0, "achieved": 0, "ended": 0, "organizations": 0})
    ended_statuses = {CommitmentStatus.ACHIEVED, CommitmentStatus.NOT_ACHIEVED}
    for row in groups:
        entry = commitments_by[row["organization__network"]]
        entry["commitments"] += row["n"]
        entry["achieved"] += row["n"] if row["status"] == CommitmentStatus.ACHIEVED else 0
        entry["ended"] += row["n"] if row["status"] in ended_statuses else 0
    for network_id, row in _by_network(
        commitments, "organization__network", organizations=Count("organization", distinct=True)
    ).items():
        commitments_by[network_id]["organizations"] = row["organizations"]
    # Reports: from their summary, kept up to date on write (commitments.summary).
    reports_by = defaultdict(lambda: {"reports": 0, "on_time": 0, "progress_sum": 0.0, "progress_count": 0})
    for row in summary_rows(filters, ids, by=("network_id",)):
        entry = reports_by[row["network_id"]]
        entry["reports"] += row["n"]
        entry["on_time"] += 0 if row["is_late"] else row["n"]
        entry["progress_sum"] += row["progress_sum"] or 0.0
        entry["progress_count"] += row["progress_count"] or 0
    year, years = assessment_year(filters)
    assessments_by = {}
    if year is not None:
        assessments = Assessment.objects.filter(year=year, status__in=SCORED_STATUSES)
        if "sector" in filters:
            assessments = assessments.filter(organization__sector=filters["sector"])
        assessments_by = _by_network(
            assessments,
            "organization__network",
            organizations=Count("organization", distinct=True),
            score_sum=Sum("overall_score"),
            score_count=Count("overall_score"),
            **{level: Count("pk", filter=Q(maturity=level)) for level, _label in Maturity.choices},
        )

    rows = []
    sums = defaultdict(float)
    for network in networks:
        committed = commitments_by.get(network.pk, {})
        reported = reports_by.get(network.pk, {})
        row = {
            "network": network_data(network),
            "members": members_by.get(network.pk, {}).get("n", 0),
            "commitments": committed.get("commitments", 0),
            "organizations": committed.get("organizations", 0),
            "achieved": committed.get("achieved", 0),
            "ended": committed.get("ended", 0),
            "reports": reported.get("reports", 0),
            "on_time": reported.get("on_time", 0),
            "progress_sum": reported.get("progress_sum") or 0.0,
            "progress_count": reported.get("progress_count") or 0,
            "assessments": _assessment_cell(assessments_by.get(network.pk)),
        }
        for key in ("members", "commitments", "organizations", "achieved", "ended", "reports", "on_time"):
            sums[key] += row[key]
        sums["progress_sum"] += row["progress_sum"]
        sums["progress_count"] += row["progress_count"]
        rows.append(_with_indicators(row))

    total_assessments = _regional_assessments(rows, assessments_by, ids)
    totals = _with_indicators(
        {
            **{key: int(value) for key, value in sums.items() if key != "progress_sum"},
            "progress_sum": sums["progress_sum"],
            "networks": len(networks),
            "countries": len({network.country for network in networks}),
            "assessments": total_assessments,
        }
    )
    return {
        "filters": filters,
        "networks": [row["network"] for row in rows],
        "rows": rows,
        "totals": totals,
        "by_area": _crossed(groups, "thematic_area", ThematicArea.choices, ids),
        "by_factor": _crossed(groups, "acceleration_factor", AccelerationFactor.choices, ids),
        "assessment_year": year,
        "assessment_years": years,
        "maturity_levels": [(level, str(label)) for level, label in Maturity.choices],
        "min_group": MIN_GROUP,
        "computed_at": timezone.now().isoformat(timespec="seconds"),
    }


def _with_indicators(row):
    """The comparable indicators: shares and averages, the same for a small network and a big one."""
    row["share_members_committed"] = _share(row["organizations"], row["members"])
    row["commitments_per_member"] = round(row["commitments"] / row["members"], 1) if row["members"] else None
    row["share_achieved"] = _share(row["achieved"], row["ended"])
    row["share_on_time"] = _share(row["on_time"], row["reports"])
    count = row.pop("progress_count", 0)
    total = row.pop("progress_sum", 0.0)
    row["progress"] = round(total / count, 1) if count else None
    return row


def _regional_assessments(rows, assessments_by, ids):
    """The regional total of the self-assessment figures, suppressed as the networks' cells are
    and also when the suppressed networks together hold 1 or 2 organisations (the total minus
    the networks shown would reveal them)."""
    combined = defaultdict(float)
    for pk in ids:
        for key, value in (assessments_by.get(pk) or {}).items():
            if key != "organization__network" and value is not None:
                combined[key] += float(value)
    cell = _assessment_cell({key: (int(v) if key != "score_sum" else v) for key, v in combined.items()})
    hidden = sum(row["assessments"]["organizations"] for row in rows if row["assessments"]["suppressed"])
    if not cell["suppressed"] and 0 < hidden < MIN_GROUP and len(rows) > 1:
        cell = {**cell, "average": None, "suppressed": True, "maturity": [None] * len(cell["maturity"])}
    return cell


def aggregates(filters):
    """``compute(filters)``, from the cache while nothing changed."""
    return cached(
        "regional-observatory", sorted(filters.items()), builder=lambda: compute(filters), timeout=CACHE_SECONDS
    )


def key_figures():
    """The regional home page's figures across networks, from the same cached aggregates."""
    return aggregates({})["totals"]


def network_summaries():
    """The networks of the initiative with their site's address and a few figures (cached)."""
    data = aggregates({})
    return [{**row["network"], "members": row["members"], "commitments": row["commitments"]} for row in data["rows"]]
