import pytest

from .factories import make_questionnaire


@pytest.fixture
def questionnaire(db):
    return make_questionnaire()
