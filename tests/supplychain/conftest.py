import datetime

import pytest

from django.utils import timezone

from supplychain.models import AssessmentRound

from .factories import make_questionnaire


def open_round(year=None, *, opens=-30, closes=30, questionnaire=None):
    """This year's round (or `year`'s), open from `opens` to `closes` days from today."""
    today = timezone.localdate()
    return AssessmentRound.objects.update_or_create(
        year=year or today.year,
        defaults={
            "opens_on": today + datetime.timedelta(days=opens),
            "closes_on": today + datetime.timedelta(days=closes),
            "questionnaire": questionnaire,
        },
    )[0]


@pytest.fixture
def questionnaire(db):
    """A published questionnaire, and this year's round open on it."""
    questionnaire = make_questionnaire()
    open_round()
    return questionnaire
