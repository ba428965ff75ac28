"""The measuring helpers of the latency benchmark."""

from __future__ import annotations

import os
import time

from tools.bench.latency import cpu_seconds, percentile, rss_mb


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.50) == 50.0
    assert percentile(values, 0.95) == 95.0
    assert percentile([3.0], 0.99) == 3.0


def test_cpu_time_of_a_process_grows_when_it_works() -> None:
    before = cpu_seconds(os.getpid())
    deadline = time.process_time() + 0.2
    while time.process_time() < deadline:
        pass
    assert cpu_seconds(os.getpid()) > before


def test_a_gone_process_costs_nothing() -> None:
    assert cpu_seconds(2**22 + 17) == 0.0
    assert rss_mb(2**22 + 17) == 0.0
    assert rss_mb(os.getpid()) > 0
