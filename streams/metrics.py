"""The worker's Prometheus metrics (prometheus-client), counted by the shell on what the core returns.

Counters the job increments as it goes (events in, commands, dead letters, batch and decision
latency), and a collector that reads the rest from the job when /metrics is scraped (consumer lag,
pending decisions, table recovery, rebalances, late and redelivered events, readiness): a
`Snapshot` the job makes, so this module knows nothing of faust. Every name starts `hygiene_`;
deploy/grafana-dashboard.json reads them.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

# A batch takes milliseconds to seconds; a decision goes grace + lateness (minutes) after its bounce,
# hours or days behind in a backlog.
BATCH_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
DELAY_BUCKETS = (1, 5, 30, 60, 120, 300, 600, 1200, 1800, 3600, 4 * 3600, 24 * 3600, 7 * 24 * 3600)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the job reports when /metrics is scraped."""

    ready: bool
    rebalances: int  # since start
    late: int  # contact events that arrived behind the watermark, since start
    redelivered: int  # contact events skipped as already folded, since start
    pending: int  # decisions waiting for the watermark (or being sent)
    lag: dict[tuple[str, int], int] = field(default_factory=dict)  # (topic, partition) -> records behind
    recovery: dict[str, int] = field(default_factory=dict)  # "active"/"standby" -> changelog records to read


class Metrics:
    """The metrics of one worker, in a registry of their own."""

    def __init__(self) -> None:
        disable_created_metrics()  # the *_created series: one more per counter, which no panel reads
        self.registry = CollectorRegistry()
        self.records = Counter("hygiene_input_records", "Records read from the input topics.", ["topic"],
                               registry=self.registry)
        self.events = Counter(
            "hygiene_events",
            "Bounce rows and engagement events of the input records, by the bounce's format, class and reason"
            " (engagement: format and class 'engagement'); rows of class block and none are not forwarded.",
            ["topic", "format", "class", "reason"], registry=self.registry)
        self.commands = Counter("hygiene_commands", "Unsubscribe commands sent, by reason.", ["reason"],
                                registry=self.registry)
        self.dead_letters = Counter("hygiene_dead_letters", "Records sent to the dead-letter topic, by cause.",
                                    ["topic", "cause"], registry=self.registry)
        self.batch_seconds = Histogram(
            "hygiene_batch_seconds", "Seconds from a fetched batch's arrival to its offsets' commit.",
            buckets=BATCH_BUCKETS, registry=self.registry)
        self.decision_delay = Histogram(
            "hygiene_decision_delay_seconds",
            "Seconds from a command's deciding bounce (event time) to its sending (wall clock).",
            buckets=DELAY_BUCKETS, registry=self.registry)

    def watch(self, snapshot: Callable[[], Snapshot]) -> None:
        """Report what `snapshot()` says at each scrape."""
        self.registry.register(_SnapshotCollector(snapshot))

    def exposition(self) -> bytes:
        """The Prometheus text format of every metric."""
        return generate_latest(self.registry)


class _SnapshotCollector(Collector):
    def __init__(self, snapshot: Callable[[], Snapshot]) -> None:
        self.snapshot = snapshot

    def collect(self) -> Iterator[Metric]:
        now = self.snapshot()
        yield GaugeMetricFamily("hygiene_ready", "1 once partitions are assigned and the table recovered; 0 in a"
                                " rebalance or recovery.", value=int(now.ready))
        yield CounterMetricFamily("hygiene_rebalances", "Consumer group rebalances this worker took part in.",
                                  value=now.rebalances)
        yield CounterMetricFamily("hygiene_late_events", "Contact events that arrived behind the watermark"
                                  " (later than HYGIENE_LATENESS_SECONDS).", value=now.late)
        yield CounterMetricFamily("hygiene_redelivered_events", "Contact events skipped as already folded"
                                  " (read again after a restart).", value=now.redelivered)
        yield GaugeMetricFamily("hygiene_pending_decisions", "Decisions waiting for the watermark and the grace,"
                                " or being sent.", value=now.pending)
        lag = GaugeMetricFamily("hygiene_consumer_lag", "Records of an assigned partition not yet processed.",
                                labels=["topic", "partition"])
        for (topic, partition), behind in sorted(now.lag.items()):
            lag.add_metric([topic, str(partition)], behind)
        yield lag
        recovery = GaugeMetricFamily("hygiene_recovery_remaining", "Changelog records the table still has to read"
                                     " before it is recovered.", labels=["kind"])
        for kind, remaining in sorted(now.recovery.items()):
            recovery.add_metric([kind], remaining)
        yield recovery
