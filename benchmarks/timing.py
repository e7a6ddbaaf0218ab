"""The one way the in-process benchmarks time a call: the median of a few runs, in milliseconds.

The median, not the mean: one run slowed by the other processes of a shared machine does not move it.
"""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(fn: Callable[[], object], runs: int = 5) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)
