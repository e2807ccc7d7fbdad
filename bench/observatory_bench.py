"""The observatory's aggregates at national scale, in milliseconds, cold and warm.

Cold: a new cache generation (as after any change to the data), then everything the
observatory page computes from the data is computed: the commitments app's aggregates
(`commitments.observatory.aggregates`, through `observatory_context`, which also renders the
other apps' `observatory_sections`, such as the value-chain section). Warm: the same call
again, from the cache. Medians of several runs.
Prints {"cold_ms", "warm_ms", "commitments_cold_ms", "sections_cold_ms", "cold_runs", "warm_runs"}.
"""

import statistics

from common import Timer, emit, setup

setup()

from django.test import RequestFactory  # noqa: E402
from django.utils import translation  # noqa: E402

from commitments import observatory  # noqa: E402
from network_site import page_cache  # noqa: E402

COLD_RUNS, WARM_RUNS = 5, 20
request = RequestFactory().get("/es/observatorio/", HTTP_HOST="localhost")
translation.activate("es")


def timed(function):
    with Timer() as timer:
        function()
    return timer.seconds * 1000


observatory_context = observatory.observatory_context
observatory_context(request, {})  # imports, templates and the database's own caches

cold, commitments_cold, sections_cold, warm = [], [], [], []
for _ in range(COLD_RUNS):
    page_cache.invalidate()
    commitments_cold.append(timed(lambda: observatory.compute({})))
    page_cache.invalidate()
    cold.append(timed(lambda: observatory_context(request, {})))
    page_cache.invalidate()
    observatory.aggregates({})  # the commitments part warm: what is left is the other apps' sections
    sections_cold.append(timed(lambda: observatory_context(request, {})))
for _ in range(WARM_RUNS):
    warm.append(timed(lambda: observatory_context(request, {})))

emit(
    {
        "cold_ms": round(statistics.median(cold), 1),
        "warm_ms": round(statistics.median(warm), 1),
        "commitments_cold_ms": round(statistics.median(commitments_cold), 1),
        "sections_cold_ms": round(statistics.median(sections_cold), 1),
        "cold_runs": COLD_RUNS,
        "warm_runs": WARM_RUNS,
    }
)
