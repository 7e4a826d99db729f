"""The worker's metrics: what /metrics says, and a dashboard that reads only metrics the worker exports."""
from __future__ import annotations

import json
import re
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from streams.metrics import Metrics, Snapshot

DASHBOARD = Path(__file__).resolve().parent.parent / "deploy" / "grafana-dashboard.json"
SUFFIXES = {"counter": ("_total",), "gauge": ("",), "histogram": ("_bucket", "_sum", "_count")}


def snapshot() -> Snapshot:
    return Snapshot(ready=True, rebalances=2, late=3, redelivered=4, pending=5,
                    lag={("email.bounces.raw", 1): 7}, recovery={"active": 0, "standby": 9})


def exported() -> dict[str, str]:
    """Every series name a worker exports -> its metric's type."""
    metrics = Metrics()
    metrics.watch(snapshot)
    return {family.name + suffix: family.type for family in metrics.registry.collect()
            for suffix in SUFFIXES[family.type]}


def test_the_exposition_has_the_counts_and_the_snapshot():
    metrics = Metrics()
    metrics.watch(snapshot)
    metrics.events.labels("email.bounces.raw", "smtp", "hard", "userunknown").inc(2)
    metrics.commands.labels("hard_bounce").inc()
    metrics.dead_letters.labels("email.bounces.raw", "not_json").inc()
    metrics.batch_seconds.observe(0.2)
    samples = {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
               for family in text_string_to_metric_families(metrics.exposition().decode())
               for sample in family.samples}
    assert samples[("hygiene_events_total", (("class", "hard"), ("format", "smtp"), ("reason", "userunknown"),
                                             ("topic", "email.bounces.raw")))] == 2
    assert samples[("hygiene_commands_total", (("reason", "hard_bounce"),))] == 1
    assert samples[("hygiene_dead_letters_total", (("cause", "not_json"), ("topic", "email.bounces.raw")))] == 1
    assert samples[("hygiene_batch_seconds_count", ())] == 1
    assert samples[("hygiene_consumer_lag", (("partition", "1"), ("topic", "email.bounces.raw")))] == 7
    assert samples[("hygiene_recovery_remaining", (("kind", "standby"),))] == 9
    assert (samples[("hygiene_ready", ())], samples[("hygiene_pending_decisions", ())]) == (1, 5)
    assert (samples[("hygiene_rebalances_total", ())], samples[("hygiene_late_events_total", ())]) == (2, 3)
    assert not any(name.endswith("_created") for name, _labels in samples)


def dashboard_queries() -> list[str]:
    doc = json.loads(DASHBOARD.read_text())
    return [target["expr"] for panel in doc["panels"] for target in panel.get("targets", [])]


def test_every_dashboard_query_names_metrics_the_worker_exports():
    names = exported()
    for query in dashboard_queries():
        used = re.findall(r"\bhygiene_[a-z_]+", query)
        assert used, query
        for name in used:
            assert name in names, f"{name} in {query!r} is not exported"
            if name.endswith("_bucket"):
                assert "histogram_quantile" in query
            if names[name] == "counter":
                assert re.search(rf"(rate|increase)\({name}\b", query), f"a counter read raw: {query!r}"


def test_every_exported_metric_is_on_the_dashboard():
    used = {name for query in dashboard_queries() for name in re.findall(r"\bhygiene_[a-z_]+", query)}
    families = {re.sub(r"_(total|bucket|sum|count)$", "", name) for name in exported()}
    assert families <= {re.sub(r"_(total|bucket|sum|count)$", "", name) for name in used}
