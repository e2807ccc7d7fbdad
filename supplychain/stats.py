"""Aggregates computed in the database with a fixed number of queries.

Every group that describes fewer than `MIN_GROUP` organisations is suppressed (its values
are None and it is marked `suppressed`), on the company's benchmarks, the observatory and
the open-data downloads alike.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q, Sum
from django.db.models.functions import ExtractYear

from members.models import Sector

from .models import Assessment, Maturity, Questionnaire, Referral, SectionScore
from .models.assessments import SCORED_STATUSES
from .models.referrals import COUNT_FIELDS

MIN_GROUP = 3


def _round(value):
    return None if value is None else Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _cell(average, organizations):
    if organizations < MIN_GROUP:
        return {"average": None, "organizations": organizations, "suppressed": True}
    return {"average": _round(average), "organizations": organizations, "suppressed": False}


def scored_years():
    """Years with at least one scored assessment, newest first (1 query)."""
    return list(
        Assessment.objects.filter(status__in=SCORED_STATUSES)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def benchmarks(assessment):
    """For each section of `assessment` and overall: its score, the sector's and the network's
    average for the same year (4 queries)."""
    year = assessment.year
    sector = assessment.organization.sector
    base = SectionScore.objects.filter(assessment__year=year, assessment__status__in=SCORED_STATUSES)
    network = {
        row["section_key"]: row
        for row in base.values("section_key").annotate(
            average=Avg("score"), organizations=Count("assessment__organization", distinct=True)
        )
    }
    in_sector = {
        row["section_key"]: row
        for row in base.filter(assessment__organization__sector=sector)
        .values("section_key")
        .annotate(average=Avg("score"), organizations=Count("assessment__organization", distinct=True))
    }
    overall_base = Assessment.objects.filter(year=year, status__in=SCORED_STATUSES)
    overall_network = overall_base.aggregate(
        average=Avg("overall_score"), organizations=Count("organization", distinct=True)
    )
    overall_sector = overall_base.filter(organization__sector=sector).aggregate(
        average=Avg("overall_score"), organizations=Count("organization", distinct=True)
    )
    rows = []
    for score in assessment.section_scores.select_related("section").order_by("section__order"):
        net = network.get(score.section_key, {"average": None, "organizations": 0})
        sec = in_sector.get(score.section_key, {"average": None, "organizations": 0})
        rows.append(
            {
                "key": score.section_key,
                "title": score.section.title,
                "section": score.section,
                "score": score.score,
                "sector": _cell(sec["average"], sec["organizations"]),
                "network": _cell(net["average"], net["organizations"]),
            }
        )
    overall = {
        "score": assessment.overall_score,
        "sector": _cell(overall_sector["average"], overall_sector["organizations"]),
        "network": _cell(overall_network["average"], overall_network["organizations"]),
    }
    return rows, overall


def section_titles():
    """Section key → title, from the current questionnaire (1 query)."""
    questionnaire = Questionnaire.objects.current()
    if questionnaire is None:
        return {}
    return {s.key: s.title for s in questionnaire.sections.all()}


def maturity_by_sector(year):
    """Observatory table: per sector (and the whole network), the average score of each section
    and the distribution of maturity levels; groups under MIN_GROUP suppressed (4 queries)."""
    titles = section_titles()
    base = SectionScore.objects.filter(assessment__year=year, assessment__status__in=SCORED_STATUSES)
    by_sector = defaultdict(dict)
    for row in base.values("assessment__organization__sector", "section_key").annotate(
        average=Avg("score"), organizations=Count("assessment__organization", distinct=True)
    ):
        by_sector[row["assessment__organization__sector"]][row["section_key"]] = _cell(
            row["average"], row["organizations"]
        )
    network = {
        row["section_key"]: _cell(row["average"], row["organizations"])
        for row in base.values("section_key").annotate(
            average=Avg("score"), organizations=Count("assessment__organization", distinct=True)
        )
    }
    levels = [level for level, _label in Maturity.choices]
    maturity_counts = {level: Count("pk", filter=Q(maturity=level)) for level in levels}
    assessments = Assessment.objects.filter(year=year, status__in=SCORED_STATUSES)
    sector_rows = {
        row["organization__sector"]: row
        for row in assessments.values("organization__sector").annotate(
            organizations=Count("organization", distinct=True), average=Avg("overall_score"), **maturity_counts
        )
    }
    network_row = assessments.aggregate(
        organizations=Count("organization", distinct=True), average=Avg("overall_score"), **maturity_counts
    )
    sector_labels = dict(Sector.choices)
    keys = list(titles) or sorted(network)

    def make_row(code, label, sections, totals):
        organizations = totals.get("organizations") or 0
        suppressed = organizations < MIN_GROUP
        return {
            "code": code,
            "label": label,
            "organizations": organizations,
            "suppressed": suppressed,
            "overall": None if suppressed else _round(totals.get("average")),
            "maturity": {level: (None if suppressed else totals.get(level, 0)) for level in levels},
            "sections": [sections.get(key, _cell(None, 0)) for key in keys],
        }

    rows = [
        make_row(code, sector_labels.get(code, code), by_sector.get(code, {}), totals)
        for code, totals in sorted(sector_rows.items(), key=lambda item: str(sector_labels.get(item[0], item[0])))
    ]
    return {
        "year": year,
        "sections": [(key, titles.get(key, key)) for key in keys],
        "levels": Maturity.choices,
        "rows": rows,
        "network": make_row("network", None, network, network_row),
        "min_group": MIN_GROUP,
    }


def referral_counts():
    """Per year detected: referrals, children and adolescents by age band and sex, hazardous
    cases; years where fewer than MIN_GROUP organisations recorded referrals suppressed (1 query)."""
    sums = {name: Sum(name) for name in COUNT_FIELDS}
    rows = []
    for row in (
        Referral.objects.annotate(year=ExtractYear("detected_on"))
        .values("year")
        .annotate(
            referrals=Count("pk"),
            organizations=Count("organization", distinct=True),
            hazardous_cases=Count("pk", filter=Q(hazardous=True)),
            **sums,
        )
        .order_by("-year")
    ):
        suppressed = row["organizations"] < MIN_GROUP
        entry = {"year": row["year"], "organizations": row["organizations"], "suppressed": suppressed}
        for name in ["referrals", "hazardous_cases", *COUNT_FIELDS]:
            entry[name] = None if suppressed else (row[name] or 0)
        entry["total"] = None if suppressed else sum(row[name] or 0 for name in COUNT_FIELDS)
        rows.append(entry)
    return {"rows": rows, "count_fields": COUNT_FIELDS, "min_group": MIN_GROUP}
