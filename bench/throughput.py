"""Throughput of the live job against a hand-written confluent-kafka loop: one run, one broker, one load.

    .venv/bin/python bench/throughput.py [--events 300000] [--contacts N] [--seed S]
        [--bootstrap HOST:PORT] [--worker-rev REV] [--raw-rounds R] [--keep-topics] [--json]
        [--two-workers] [--recovery [CONTACTS]]
        [--latency] [--latency-seconds S] [--latency-rate R] [--latency-grace S] [--latency-lateness S]

Without --bootstrap (nor KAFKA_BOOTSTRAP_SERVERS) it starts a local Apache Kafka broker on a free port
in a temporary directory (streams.localkafka) and stops it at the end, also on error or Ctrl-C.

The run creates fresh topics of its own (a unique HYGIENE_APP_ID and HYGIENE_TOPIC_* names, with
streams.kafkaio.create_topics), produces the whole load of bench/load.py to the two input topics
first (a backlog; keyed by id, the job's producer configuration), then reads that backlog twice:

1. **raw loop**, in this process, confluent-kafka only: a consumer group of its own on both input
   topics from the earliest offset; per message orjson.loads, a dict of per-contact bounce counts
   (tenant + lower-cased recipient; a bounce counts, an engagement resets), one changelog record per
   event to a compacted topic, a command record when a contact reaches 3 bounces; every second the
   producer is flushed and the offsets committed asynchronously, at the end flushed and committed
   synchronously. Timed from the first record consumed to the last commit. Run --raw-rounds times
   (default 2, each a fresh group and state: the first also warms the broker's read path, as the
   worker, run after it, finds it); the best round counts.
2. **worker**: `python -m streams.cli worker` as a subprocess (its own HYGIENE_DATA_DIR, its log in
   var/bench/). Timed from faust's "[^Worker]: Ready" line, and from the process start, to the moment
   the group HYGIENE_APP_ID has committed every input partition up to its end offset and every
   partition of `<app id>-contact-events` up to the end offset it had then (the worker keeps writing
   watermark records to it every tick). Offsets are read with a consumer that never joins the group.
   The run aborts if a worker exits or commits nothing new for 120 s. --worker-rev runs the worker of
   a git revision (its streams/ and schemas/ exported to a temporary directory) instead of the
   working tree's.

It reports events/s of both, the ratio worker / raw loop (issue 6's bar: 0.1, its aim: 0.25), the
commands each produced, the worker's dead letters and peak resident memory (VmHWM). The worker's
commands are counted twice: when it has caught up, and once its idle watermark has let the last
decisions go; the second count is compared with the command ids `replay` computes from the same load.
The raw loop counts every bounce (it does not classify), so its command count is larger by design.

Optional figures, each a phase of its own app id (and so its own group and internal topics) on the
same broker, after the main one:
- --two-workers: two workers in one group (each its own data dir) over the same backlog; events/s
  against the one worker's.
- --recovery [CONTACTS] (default 1,000,000): that many contact states written to an empty app's
  table changelog (each the state after one soft bounce, encoded by streams.pipeline), then one
  worker with an empty data dir: seconds from its start to READY (faust restores the table first),
  contacts/s, and its resident memory then, beside the main worker's at READY.
- --latency: the load produced live (event time = now, no jitter) at half the main worker's rate
  (or --latency-rate) for --latency-seconds (default grace + lateness + 120 s) to a fresh app with
  one worker; for every command whose deciding bounce was sent early enough to be decided while the
  load still flowed, the time from that bounce's send to the command's record timestamp. Reported as
  p50/p99/max, and beyond the grace (HYGIENE_GRACE_SECONDS) and beyond grace + lateness, the least
  a decision can wait. With the default grace and lateness (300 + 180 s) the load runs 10 minutes:
  --latency-grace / --latency-lateness set that phase's own (the environment's apply to every phase).

Timing is wall-clock on a shared machine: compare the sides of one run, not runs with each other.
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import os
import signal
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from confluent_kafka import KafkaError, KafkaException

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import harness, load  # noqa: E402
from bench.harness import POLL_S, BenchError, GroupOffsets, TopicReader, Workers  # noqa: E402
from streams import kafkaio, localkafka, pipeline, policyfile, topics  # noqa: E402
from streams import settings as settings_module  # noqa: E402
from streams.commands.produce import key_of  # noqa: E402
from streams.replay import Line, replay  # noqa: E402
from streams.settings import Settings  # noqa: E402

STALL_S = 120.0  # a side that makes no progress this long aborts the run
RAW_BOUNCE_LIMIT = 3
RAW_COMMIT_S = 1.0  # how often the raw loop flushes its producer and commits
BAR, AIM = 0.1, 0.25
RECOVERY_CONTACTS = 1_000_000


@dataclass(frozen=True, slots=True)
class Phase:
    """One app id on the run's broker: its settings and the environment its workers get."""

    settings: Settings
    env: dict[str, str]


def new_phase(bootstrap: str, app_id: str, inputs_of: str | None = None, **extra: str) -> Phase:
    """An app id with its topics created (the inputs of `inputs_of`'s phase, if given); `extra`: more
    settings of its workers (HYGIENE_...)."""
    env = {**harness.run_env(bootstrap, app_id, inputs_of), **extra}
    settings = settings_module.load({**os.environ, **env})
    kafkaio.create_topics(settings, settings.replication_factor)
    return Phase(settings, env)


@dataclass
class Run:
    """What every phase of one invocation shares."""

    args: argparse.Namespace
    scratch: Path
    source: Path  # where workers run from
    bounces: list[bytes]
    engagement: list[bytes]

    @property
    def total(self) -> int:
        return len(self.bounces) + len(self.engagement)

    @functools.cached_property
    def expected(self) -> set[str]:
        """The command ids `replay` computes from the load, under the job's policy."""
        return replay_ids(settings_module.load(), self.bounces, self.engagement)


def replay_ids(settings: Settings, bounces: list[bytes], engagement: list[bytes]) -> set[str]:
    return {orjson.loads(command)["command_id"] for command in replay_commands(settings, bounces, engagement)}


def replay_commands(settings: Settings, bounces: list[bytes], engagement: list[bytes]) -> list[bytes]:
    text = settings.policy_file.read_text("utf-8") if settings.policy_file else ""
    policies = policyfile.parse(text, str(settings.policy_file or "policy"))
    lines = [Line("bounces", "load", n, value) for n, value in enumerate(bounces, 1)]
    lines += [Line("engagement", "load", n, value) for n, value in enumerate(engagement, 1)]
    return replay(lines, policies).commands


# -- 1. the raw loop ---------------------------------------------------------------------------------


def raw_topics(settings: Settings) -> dict[str, str]:
    return {"changelog": f"{settings.app_id}.raw-changelog", "commands": f"{settings.app_id}.raw-commands"}


@dataclass(slots=True)
class RawLoop:
    """A hand-written consume-transform-produce loop over both input topics (see the module docstring)."""

    settings: Settings
    counts: dict[bytes, int]
    consumed: int = 0
    commands: int = 0

    def step(self, producer, message) -> None:
        doc = orjson.loads(message.value())
        key = orjson.dumps([doc["tenant"], doc["recipient"].strip().lower()])
        bounced = message.topic() == self.settings.topic("bounces")
        count = self.counts.get(key, 0) + 1 if bounced else 0
        self.counts[key] = count
        topics = raw_topics(self.settings)
        load.send(producer, topics["changelog"], orjson.dumps({"bounces": count, "last": doc["id"]}), key)
        if count == RAW_BOUNCE_LIMIT:
            load.send(producer, topics["commands"], orjson.dumps({"contact": key.decode(), "deciding": doc["id"]}), key)
            self.commands += 1
        self.consumed += 1


def raw_loop(settings: Settings, total: int, rounds: int) -> dict[str, Any]:
    """The best of `rounds` runs of the loop, each with a fresh group and state (the first run also
    warms the broker's read path, which the worker, run after it, finds warm)."""
    harness.create_extra_topics(settings, {raw_topics(settings)["changelog"]: {"cleanup.policy": "compact"},
                                           raw_topics(settings)["commands"]: {}})
    runs = [raw_round(settings, total, n) for n in range(1, rounds + 1)]
    best = max(runs, key=lambda run: run["events_per_s"])
    return {**best, "rounds_events_per_s": [run["events_per_s"] for run in runs]}


def raw_round(settings: Settings, total: int, number: int) -> dict[str, Any]:
    loop = RawLoop(settings, {})
    consumer = kafkaio.consumer(settings, f"{settings.app_id}-raw-loop-{number}")
    producer = kafkaio.producer(settings)
    consumer.subscribe([settings.topic("bounces"), settings.topic("engagement")])
    try:
        first = _consume_all(loop, consumer, producer, total)
        producer.flush(kafkaio.ADMIN_TIMEOUT_S)
        consumer.commit(asynchronous=False)
        seconds = time.perf_counter() - first
    finally:
        consumer.close()
    return {"events": loop.consumed, "seconds": seconds, "events_per_s": loop.consumed / seconds,
            "commands": loop.commands, "contacts": len(loop.counts)}


def _consume_all(loop: RawLoop, consumer, producer, total: int) -> float:
    """Run the loop until `total` records are consumed; the perf_counter time of the first."""
    first: float | None = None
    committed = progressed = time.monotonic()
    while loop.consumed < total:
        # consume() waits for the whole batch or the timeout: never ask for more than remains
        batch = consumer.consume(min(1000, total - loop.consumed), 1.0)
        now = time.monotonic()
        if not batch and now - progressed > STALL_S:
            raise BenchError(f"raw loop: nothing consumed for {STALL_S:.0f} s at {loop.consumed} of {total} records")
        for message in batch:
            if message.error() is not None:
                if message.error().code() == KafkaError._PARTITION_EOF:
                    continue
                raise KafkaException(message.error())
            first = first or time.perf_counter()
            loop.step(producer, message)
            progressed = now
        producer.poll(0)
        if now - committed >= RAW_COMMIT_S:
            producer.flush(kafkaio.ADMIN_TIMEOUT_S)  # outputs on the broker before their offsets are committed
            consumer.commit(asynchronous=True)
            committed = now
    assert first is not None
    return first


# -- 2. the worker -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Progress:
    """When the workers got where: monotonic times, 0.0 until reached."""

    first_commit: float = 0.0
    inputs_done: float = 0.0
    done: float = 0.0
    total: int = -1  # the sum of every committed offset last seen
    moved: float = 0.0  # when that sum last changed


def wait_caught_up(workers: Workers, settings: Settings, offsets: GroupOffsets) -> Progress:
    """Poll until the group has committed both input topics to their ends, then contact-events to the
    end it had at that moment; aborts if a worker exits or the group commits nothing new for STALL_S."""
    inputs = [settings.topic("bounces"), settings.topic("engagement")]
    events = settings.topic("contact-events")
    input_ends = {topic: offsets.ends(topic) for topic in inputs}  # a backlog: fixed
    events_target: list[int] | None = None
    progress = Progress(moved=time.monotonic())
    while not progress.done:
        workers.check()
        committed = {topic: offsets.committed(topic) for topic in [*inputs, events]}
        now = time.monotonic()
        _note_progress(progress, committed, inputs, now, workers)
        if events_target is None and all(_reached(committed[t], input_ends[t]) for t in inputs):
            progress.inputs_done, events_target = now, offsets.ends(events)
        if events_target is not None and _reached(committed[events], events_target):
            progress.done = now
        else:
            time.sleep(POLL_S)  # poll interval, not synchronisation
    return progress


def _reached(committed: list[int], ends: list[int]) -> bool:
    return all(offset >= end for offset, end in zip(committed, ends))


def _note_progress(progress: Progress, committed: dict[str, list[int]], inputs: list[str], now: float,
                   workers: Workers) -> None:
    total = sum(sum(offsets) for offsets in committed.values())
    if total != progress.total:
        progress.total, progress.moved = total, now
    elif now - progress.moved > STALL_S:
        raise BenchError(f"the workers committed nothing new for {STALL_S:.0f} s (committed: {committed});\n"
                         f"{workers.tails()}")
    if not progress.first_commit and any(sum(committed[topic]) for topic in inputs):
        progress.first_commit = now


def command_ids(commands: TopicReader) -> list[str]:
    return [orjson.loads(value)["command_id"] for value, _timestamp in commands.read_to_end()]


def wait_commands(workers: Workers, commands: TopicReader, expected: set[str], timeout: float) -> list[str]:
    """The workers' command ids once they include every expected one, or after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        workers.check()
        found = command_ids(commands)
        if expected <= set(found) or time.monotonic() > deadline:
            return found
        time.sleep(POLL_S)  # poll interval, not synchronisation


def run_workers(phase: Phase, run: Run, count: int) -> dict[str, Any]:
    """`count` workers in one group over the backlog: timing, commands against replay's, memory."""
    settings = phase.settings
    workers = Workers.of(count, phase.env, run.scratch, run.source)
    offsets = GroupOffsets(settings, settings.app_id, [settings.topic(role) for role in
                                                       ("bounces", "engagement", "contact-events", "dead-letter")])
    commands = TopicReader(settings, settings.topic("commands"))
    try:
        progress = wait_caught_up(workers.start(), settings, offsets)
        at_catch_up = len(command_ids(commands))
        # the idle watermark moves HYGIENE_IDLE_SECONDS after the inputs are caught up
        found = wait_commands(workers, commands, run.expected, settings.idle_seconds + 60.0)
        memory = {"peak_rss_mib": [w.memory_mib() for w in workers], "rss_at_ready_mib": [w.rss_at_ready for w in workers]}
        letters = sum(offsets.ends(settings.topic("dead-letter")))
    finally:
        offsets.close()
        commands.close()
        codes = workers.stop()
    return {"workers": count, **_timing(workers, progress, run.total), "commands_when_caught_up": at_catch_up,
            **_against_replay(found, run.expected), "dead_letters": letters, **memory, "exit_codes": codes,
            "logs": [str(w.log) for w in workers], "log_errors": [e for w in workers for e in w.errors()][:10]}


def _timing(workers: Workers, progress: Progress, total: int) -> dict[str, Any]:
    ready = workers.ready_at
    from_ready = progress.done - (ready or workers.started)  # READY not logged: from the start
    from_start = progress.done - workers.started
    return {"events": total, "ready_after_s": None if ready is None else ready - workers.started,
            "first_commit_after_s": progress.first_commit - workers.started if progress.first_commit else None,
            "inputs_committed_after_s": progress.inputs_done - workers.started,
            "seconds_from_ready": from_ready, "events_per_s": total / from_ready,
            "seconds_from_start": from_start, "events_per_s_from_start": total / from_start}


def _against_replay(found: list[str], expected: set[str]) -> dict[str, int]:
    return {"commands": len(found), "distinct_commands": len(set(found)), "replay_commands": len(expected),
            "missing": len(expected - set(found)), "extra": len(set(found) - expected)}


# -- optional: recovery ------------------------------------------------------------------------------


def contact_states(contacts: int) -> Iterator[tuple[bytes, bytes]]:
    """(table key, encoded state) of `contacts` contacts, each after one soft bounce of its own."""
    policies = policyfile.parse()
    line = orjson.dumps({"id": "r", "tenant": "acme", "received_at": "2026-09-01T00:00:00Z", "format": "smtp",
                         "payload": "452 4.2.2 Mailbox full", "recipient": "x@example.com"})
    [template] = pipeline.ingest("bounces", line, policies)
    for n in range(contacts):
        tenant, address = load.address(n)
        event = dataclasses.replace(template, id=f"r{n}", tenant=tenant, recipient=address, message_id=f"<r{n}@load>",
                                    at=template.at + n, contact_id=f"c{n}")
        yield pipeline.contact_key(event), pipeline.encode_state(pipeline.fold(None, event, policies))


def fill_changelog(settings: Settings, records: Iterator[tuple[bytes, bytes]]) -> float:
    """Write the records to the app's table changelog, keyed (murmur2, as the job's partitioner); seconds."""
    producer = kafkaio.producer(settings)
    started = time.perf_counter()
    for key, value in records:
        load.send(producer, topics.changelog_topic(settings.app_id), value, key)
    if producer.flush(300):
        raise BenchError("the broker did not take the changelog records within 300 s")
    return time.perf_counter() - started


def recovery(bootstrap: str, base: str, run: Run, contacts: int) -> dict[str, Any]:
    phase = new_phase(bootstrap, f"{base}-recovery")
    filled = fill_changelog(phase.settings, contact_states(contacts))
    workers = Workers.of(1, phase.env, run.scratch, run.source)
    try:
        seconds = workers.start().wait_ready(timeout=3600.0)
        rss, peak = workers[0].memory_mib("VmRSS"), workers[0].memory_mib()
    finally:
        codes = workers.stop()
    return {"contacts": contacts, "changelog_written_s": filled, "ready_after_s": seconds,
            "contacts_per_s": contacts / seconds, "rss_at_ready_mib": rss, "peak_rss_mib": peak,
            "exit_codes": codes, "log": str(workers[0].log), "log_errors": workers[0].errors()[:10]}


# -- optional: latency -------------------------------------------------------------------------------


def send_live(settings: Settings, messages: Iterator[tuple[str, bytes]], rate: float,
              workers: Workers) -> tuple[dict[str, list[bytes]], dict[str, float]]:
    """Send the messages at `rate` per second (paced on the wall clock): the lines sent per role, and
    the send time (epoch ms) of each bounce id."""
    producer = kafkaio.producer(settings)
    lines: dict[str, list[bytes]] = {"bounces": [], "engagement": []}
    sent: dict[str, float] = {}
    started = time.monotonic()
    for n, (role, line) in enumerate(messages):
        lines[role].append(line)
        ahead = started + n / rate - time.monotonic()
        if ahead > 0:
            time.sleep(ahead)  # the pace of the load, not a synchronisation
            workers.check()
        load.send(producer, settings.topic(role), line, key_of(line))
        if role == "bounces":
            sent[orjson.loads(line)["id"]] = time.time() * 1000
        producer.poll(0)
    if producer.flush(60):
        raise BenchError("the broker did not take the live load within 60 s")
    return lines, sent


def latency(bootstrap: str, base: str, run: Run, rate: float) -> dict[str, Any]:
    timing = {name: str(value) for name, value in (("HYGIENE_GRACE_SECONDS", run.args.latency_grace),
                                                   ("HYGIENE_LATENESS_SECONDS", run.args.latency_lateness)) if value}
    phase = new_phase(bootstrap, f"{base}-latency", **timing)
    settings = phase.settings
    seconds = run.args.latency_seconds or settings.grace_seconds + settings.lateness_seconds + 120
    decided_by = seconds - settings.grace_seconds - settings.lateness_seconds - 30  # decided while the load flows
    if decided_by <= 0:
        raise BenchError(f"--latency-seconds {seconds} leaves no bounce decided while the load flows "
                         f"(grace {settings.grace_seconds} s + lateness {settings.lateness_seconds} s + 30 s)")
    workers = Workers.of(1, phase.env, run.scratch, run.source)
    commands = TopicReader(settings, settings.topic("commands"))
    try:
        workers.start().wait_ready(timeout=120.0)
        return _measure_latency(settings, run, workers, commands, rate, seconds, decided_by)
    finally:
        commands.close()
        workers.stop()


def _measure_latency(settings: Settings, run: Run, workers: Workers, commands: TopicReader, rate: float,
                     seconds: float, decided_by: float) -> dict[str, Any]:
    events = int(rate * seconds)
    start_ms = int(time.time() * 1000)
    messages = load.messages(events, load.default_contacts(events), run.args.seed, start_ms=start_ms,
                             step_ms=1000 / rate, jitter_ms=0)
    lines, sent = send_live(settings, messages, rate, workers)
    lag = input_lag(settings)
    expected = replay_commands(settings, lines["bounces"], lines["engagement"])
    deciding = {orjson.loads(c)["command_id"]: orjson.loads(c)["evidence"][-1]["id"] for c in expected}
    measured = {cid for cid, bounce in deciding.items() if sent[bounce] - start_ms <= decided_by * 1000}
    wait_commands(workers, commands, measured,
                  settings.idle_seconds + settings.grace_seconds + settings.lateness_seconds + 120.0)
    arrived = {orjson.loads(value)["command_id"]: ts for value, ts in commands.records}
    waits = sorted((arrived[cid] - sent[deciding[cid]]) / 1000 for cid in measured if cid in arrived)
    return {"rate": rate, "seconds": seconds, "events": events, "lag_at_end": lag, "grace_s": settings.grace_seconds,
            "lateness_s": settings.lateness_seconds, "measured_commands": len(measured),
            "missing": len(measured - arrived.keys()), **_percentiles(waits, settings)}


def input_lag(settings: Settings) -> int:
    """Records of the input topics the app's group has not committed yet."""
    inputs = [settings.topic("bounces"), settings.topic("engagement")]
    offsets = GroupOffsets(settings, settings.app_id, inputs)
    try:
        return sum(end - done for topic in inputs for end, done in zip(offsets.ends(topic), offsets.committed(topic)))
    finally:
        offsets.close()


def _percentiles(waits: list[float], settings: Settings) -> dict[str, float | None]:
    if not waits:
        return {"p50_s": None, "p99_s": None, "max_s": None, "p99_beyond_grace_s": None,
                "p99_beyond_grace_and_lateness_s": None}
    p99 = waits[min(len(waits) - 1, int(len(waits) * 0.99))]
    return {"p50_s": waits[len(waits) // 2], "p99_s": p99, "max_s": waits[-1],
            "p99_beyond_grace_s": p99 - settings.grace_seconds,
            "p99_beyond_grace_and_lateness_s": p99 - settings.grace_seconds - settings.lateness_seconds}


# -- the run -----------------------------------------------------------------------------------------


def produce_backlog(settings: Settings, bounces: list[bytes], engagement: list[bytes]) -> dict[str, Any]:
    started = time.perf_counter()
    load.produce(settings.bootstrap_servers, settings.topic("bounces"), bounces)
    load.produce(settings.bootstrap_servers, settings.topic("engagement"), engagement)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "events_per_s": (len(bounces) + len(engagement)) / seconds}


def bench(args: argparse.Namespace, bootstrap: str, scratch: Path) -> dict[str, Any]:
    base = f"bench-{uuid.uuid4().hex[:8]}"
    phase = new_phase(bootstrap, base)
    try:
        return _phases(args, bootstrap, scratch, base, phase)
    finally:
        if not args.keep_topics and not args.own_broker:
            harness.delete_topics(phase.settings, base)


def _phases(args: argparse.Namespace, bootstrap: str, scratch: Path, base: str, phase: Phase) -> dict[str, Any]:
    source, source_name = harness.worker_source(args.worker_rev, scratch)
    run = Run(args, scratch, source, *load.lines(args.events, args.contacts, args.seed))
    report: dict[str, Any] = {"load": describe(args, run), "app_id": base, "partitions": phase.settings.partitions,
                              "worker_source": source_name}
    report["produce"] = produce_backlog(phase.settings, run.bounces, run.engagement)
    report["raw"] = raw_loop(phase.settings, run.total, args.raw_rounds)
    report["worker"] = run_workers(phase, run, 1)
    report["ratio"] = report["worker"]["events_per_s"] / report["raw"]["events_per_s"]
    if args.two_workers:
        report["two_workers"] = run_workers(new_phase(bootstrap, f"{base}-2w", inputs_of=base), run, 2)
        report["two_workers"]["vs_one"] = report["two_workers"]["events_per_s"] / report["worker"]["events_per_s"]
    if args.recovery:
        report["recovery"] = recovery(bootstrap, base, run, args.recovery)
    if args.latency:
        rate = args.latency_rate or report["worker"]["events_per_s"] / 2
        report["latency"] = latency(bootstrap, base, run, rate)
    return report


def describe(args: argparse.Namespace, run: Run) -> dict[str, Any]:
    formats = [orjson.loads(value)["format"] for value in run.bounces]
    mix = {"engagement": len(run.engagement), "smtp": formats.count("smtp"), "dsn": formats.count("dsn")}
    return {"events": args.events, "contacts": args.contacts, "seed": args.seed, "mix": mix,
            "bootstrap": args.bootstrap, "own_broker": args.own_broker}


# -- the report --------------------------------------------------------------------------------------


def _mib(values: list[float | None]) -> str:
    return ", ".join("?" if value is None else f"{value:.0f}" for value in values) + " MiB"


def worker_text(label: str, worker: dict[str, Any]) -> list[str]:
    ready = "no READY line" if worker["ready_after_s"] is None else f"Ready after {worker['ready_after_s']:.1f} s"
    return [
        f"{label}{worker['events']:,} events in {worker['seconds_from_ready']:.1f} s from Ready = "
        f"{worker['events_per_s']:,.0f} events/s ({worker['seconds_from_start']:.1f} s from process start = "
        f"{worker['events_per_s_from_start']:,.0f} events/s; {ready}, inputs committed after "
        f"{worker['inputs_committed_after_s']:.1f} s)",
        f"          commands: {worker['commands_when_caught_up']:,} when caught up, {worker['commands']:,} after the "
        f"idle watermark ({worker['distinct_commands']:,} distinct); replay decides {worker['replay_commands']:,}: "
        f"{worker['missing']} missing, {worker['extra']} extra; {worker['dead_letters']} dead letters",
        f"          RSS at Ready {_mib(worker['rss_at_ready_mib'])}, peak {_mib(worker['peak_rss_mib'])}; exit codes "
        f"{worker['exit_codes']} after SIGTERM; {len(worker['log_errors'])} error lines in {', '.join(worker['logs'])}",
    ]


def optional_text(report: dict[str, Any]) -> list[str]:
    lines = []
    if "two_workers" in report:
        lines += worker_text("2 workers: ", report["two_workers"])
        lines.append(f"two workers / one: {report['two_workers']['vs_one']:.2f}")
    if "recovery" in report:
        rec = report["recovery"]
        lines.append(f"recovery: {rec['contacts']:,} contacts restored from the changelog, Ready after "
                     f"{rec['ready_after_s']:.1f} s = {rec['contacts_per_s']:,.0f} contacts/s; RSS then "
                     f"{_mib([rec['rss_at_ready_mib']])} (peak {_mib([rec['peak_rss_mib']])}); "
                     f"{len(rec['log_errors'])} error lines in {rec['log']}")
    if "latency" in report:
        lat = report["latency"]
        if lat["p99_s"] is None:
            lines.append(f"latency: no command measured ({lat['missing']} missing)")
        else:
            lines.append(f"latency at {lat['rate']:,.0f} events/s for {lat['seconds']:.0f} s (grace {lat['grace_s']:.0f} s, "
                         f"lateness {lat['lateness_s']:.0f} s), {lat['measured_commands']} commands: p50 {lat['p50_s']:.1f} s, "
                         f"p99 {lat['p99_s']:.1f} s, max {lat['max_s']:.1f} s; p99 beyond the grace "
                         f"{lat['p99_beyond_grace_s']:.1f} s, beyond grace + lateness "
                         f"{lat['p99_beyond_grace_and_lateness_s']:.1f} s; {lat['missing']} missing; "
                         f"{lat['lag_at_end']:,} input records uncommitted when the load ended")
    return lines


def text(report: dict[str, Any]) -> str:
    load_, raw = report["load"], report["raw"]
    where = "local broker started by the bench" if load_["own_broker"] else "given broker"
    verdict = "meets the aim" if report["ratio"] >= AIM else "meets the bar" if report["ratio"] >= BAR else "BELOW THE BAR"
    return "\n".join([
        f"load: {load_['events']:,} events {load_['mix']}, {load_['contacts']:,} contacts, seed {load_['seed']}, "
        f"{report['partitions']} partitions per topic; {where} at {load_['bootstrap']}; app id {report['app_id']}",
        f"worker code: {report['worker_source']}",
        f"backlog produced in {report['produce']['seconds']:.1f} s ({report['produce']['events_per_s']:,.0f} events/s)",
        f"raw loop: {raw['events']:,} events in {raw['seconds']:.2f} s = {raw['events_per_s']:,.0f} events/s (best of "
        f"{', '.join(f'{rate:,.0f}' for rate in raw['rounds_events_per_s'])}); {raw['commands']:,} commands "
        f"(a contact's 3rd bounce in a row, unclassified)",
        *worker_text("worker:   ", report["worker"]),
        f"ratio worker / raw loop: {report['ratio']:.4f} (bar {BAR}, aim {AIM}): {verdict}",
        *optional_text(report),
    ])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=300_000, help="messages in the load (default 300000)")
    parser.add_argument("--contacts", type=int, help="contacts in the load (default events / 10)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the load (default 1)")
    parser.add_argument("--bootstrap", help="use this broker (default KAFKA_BOOTSTRAP_SERVERS, else start one)")
    parser.add_argument("--raw-rounds", type=int, default=2, help="runs of the raw loop, the best counts (default 2)")
    parser.add_argument("--worker-rev", metavar="REV", help="run the worker of this git revision (default: the working tree)")
    parser.add_argument("--keep-topics", action="store_true", help="keep the run's topics on a given broker")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--two-workers", action="store_true", help="also: two workers in one group over the backlog")
    parser.add_argument("--recovery", type=int, nargs="?", const=RECOVERY_CONTACTS, metavar="CONTACTS",
                        help=f"also: table recovery of CONTACTS contacts (default {RECOVERY_CONTACTS:,})")
    parser.add_argument("--latency", action="store_true", help="also: command latency under a live load")
    parser.add_argument("--latency-seconds", type=float, help="how long the live load runs (default grace + lateness + 120)")
    parser.add_argument("--latency-rate", type=float, help="events/s of the live load (default half the worker's)")
    parser.add_argument("--latency-grace", type=float, help="the latency phase's HYGIENE_GRACE_SECONDS (default: the run's)")
    parser.add_argument("--latency-lateness", type=float,
                        help="the latency phase's HYGIENE_LATENESS_SECONDS (default: the run's)")
    args = parser.parse_args(argv)
    args.contacts = args.contacts or load.default_contacts(args.events)
    args.bootstrap = args.bootstrap or os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    return args


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt  # SIGTERM cleans up like Ctrl-C: the workers and the broker are stopped


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-throughput-") as scratch, \
                harness.broker(args.bootstrap, Path(scratch)) as (bootstrap, own):
            args.bootstrap, args.own_broker = bootstrap, own
            report = bench(args, bootstrap, Path(scratch))
    except (BenchError, localkafka.BrokerError, KafkaException) as error:
        print(f"throughput: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("throughput: interrupted; the workers and the broker this run started are stopped", file=sys.stderr)
        return 130
    print(orjson.dumps(report).decode() if args.json else text(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
