"""Throughput of the live job against a hand-written confluent-kafka loop: one run, one broker, one load.

    .venv/bin/python bench/throughput.py [--events 300000] [--contacts N] [--seed S]
                                         [--bootstrap HOST:PORT] [--worker-rev REV] [--keep-topics] [--json]

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
   The run aborts if the worker exits or commits nothing new for 120 s. --worker-rev runs the worker
   of a git revision (its streams/ and schemas/ exported to a temporary directory) instead of the
   working tree's.

It reports events/s of both, the ratio worker / raw loop (issue 6's bar: 0.1, its aim: 0.25), the
commands each produced, the worker's dead letters and peak resident memory (VmHWM). The worker's
commands are counted twice: when it has caught up, and once its idle watermark has let the last
decisions go; the second count is compared with the command ids `replay` computes from the same load.
The raw loop counts every bounce (it does not classify), so its command count is larger by design.

Timing is wall-clock on a shared machine: compare the two sides of one run, not runs with each other.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import signal
import subprocess
import sys
import tarfile
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from confluent_kafka import KafkaError, KafkaException, TopicPartition
from confluent_kafka.admin import NewTopic

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import load  # noqa: E402
from streams import kafkaio, localkafka, policyfile  # noqa: E402
from streams import settings as settings_module  # noqa: E402
from streams.replay import Line, replay  # noqa: E402
from streams.settings import Settings  # noqa: E402

READY = "[^Worker]: Ready"  # faust logs this once the worker has its partitions and its table
POLL_S = 0.2  # how often conditions are polled
STALL_S = 120.0  # a side that makes no progress this long aborts the run
STOP_S = 30.0  # SIGTERM, then SIGKILL after this long
RAW_BOUNCE_LIMIT = 3
BAR, AIM = 0.1, 0.25
LOG_DIR = REPO / "var" / "bench"


class BenchError(RuntimeError):
    """The run cannot go on; the message says why."""


# -- the run's broker and topics ----------------------------------------------------------------------


@contextlib.contextmanager
def broker(bootstrap: str | None, scratch: Path) -> Iterator[tuple[str, bool]]:
    """(bootstrap address, whether this run started the broker); a broker started here is stopped on exit."""
    if bootstrap:
        if not localkafka.answers(bootstrap, timeout=10.0):
            raise BenchError(f"no Kafka broker answers at {bootstrap}")
        yield bootstrap, False
        return
    state_dir = scratch / "kafka"
    try:
        yield localkafka.start(state_dir, port=0).bootstrap, True
    finally:
        localkafka.stop(state_dir)


def run_env(bootstrap: str, app_id: str) -> dict[str, str]:
    """The environment naming the run's broker, app id and topics (also the worker's)."""
    return {
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "HYGIENE_APP_ID": app_id,
        "HYGIENE_TOPIC_BOUNCES": f"{app_id}.bounces",
        "HYGIENE_TOPIC_ENGAGEMENT": f"{app_id}.engagement",
        "HYGIENE_TOPIC_COMMANDS": f"{app_id}.commands",
        "HYGIENE_TOPIC_DEAD_LETTER": f"{app_id}.dead-letter",
    }


def raw_topics(settings: Settings) -> dict[str, str]:
    return {"changelog": f"{settings.app_id}.raw-changelog", "commands": f"{settings.app_id}.raw-commands"}


def create_topics(settings: Settings) -> None:
    """The job's topics (streams.kafkaio) and the raw loop's two."""
    kafkaio.create_topics(settings, settings.replication_factor)
    config = {"changelog": {"cleanup.policy": "compact"}, "commands": {}}
    wanted = [NewTopic(name, settings.partitions, settings.replication_factor, config=config[role])
              for role, name in raw_topics(settings).items()]
    client = kafkaio.admin(settings)  # kept alive until the futures resolve
    for future in client.create_topics(wanted, request_timeout=kafkaio.ADMIN_TIMEOUT_S).values():
        future.result()


def delete_topics(settings: Settings) -> None:
    """Every topic named after the run's app id (its inputs, outputs, the raw loop's and faust's own)."""
    client = kafkaio.admin(settings)
    names = [name for name in client.list_topics(timeout=kafkaio.ADMIN_TIMEOUT_S).topics
             if name.startswith(f"{settings.app_id}.") or name.startswith(f"{settings.app_id}-")]
    for future in client.delete_topics(names, request_timeout=kafkaio.ADMIN_TIMEOUT_S).values() if names else ():
        with contextlib.suppress(KafkaException):
            future.result()


# -- reading offsets and topics without joining a group ------------------------------------------------


class GroupOffsets:
    """A group's committed offsets and topics' end offsets, per partition; never joins the group."""

    def __init__(self, settings: Settings, group: str, topics: list[str]) -> None:
        self.consumer = kafkaio.consumer(settings, group)
        found = self.consumer.list_topics(timeout=kafkaio.ADMIN_TIMEOUT_S).topics
        self.partitions = {topic: [TopicPartition(topic, p) for p in sorted(found[topic].partitions)]
                           for topic in topics}

    def committed(self, topic: str) -> list[int]:
        return [max(tp.offset, 0) for tp in self.consumer.committed(self.partitions[topic],
                                                                    timeout=kafkaio.ADMIN_TIMEOUT_S)]

    def ends(self, topic: str) -> list[int]:
        return [self.consumer.get_watermark_offsets(tp, timeout=kafkaio.ADMIN_TIMEOUT_S)[1]
                for tp in self.partitions[topic]]

    def close(self) -> None:
        self.consumer.close()


class TopicReader:
    """Every record value of one topic since its first offset; read_to_end() adds what came since the last call."""

    def __init__(self, settings: Settings, topic: str) -> None:
        self.consumer = kafkaio.consumer(settings, f"{settings.app_id}-bench-reader")  # assigns, never commits
        found = self.consumer.list_topics(topic, timeout=kafkaio.ADMIN_TIMEOUT_S).topics[topic].partitions
        self.partitions = [TopicPartition(topic, p) for p in sorted(found)]
        self.consumer.assign([TopicPartition(topic, p, 0) for p in sorted(found)])
        self.next = {p: 0 for p in found}
        self.values: list[bytes] = []

    def read_to_end(self, timeout: float = 60.0) -> list[bytes]:
        ends = {tp.partition: self.consumer.get_watermark_offsets(tp, timeout=kafkaio.ADMIN_TIMEOUT_S)[1]
                for tp in self.partitions}
        behind = {p: end for p, end in ends.items() if end > self.next[p]}
        deadline = time.monotonic() + timeout
        while behind:
            if time.monotonic() > deadline:
                raise BenchError(f"could not read {self.partitions[0].topic} to its end within {timeout} s")
            for message in self.consumer.consume(1000, 0.5):
                self._take(message, behind)
        return self.values

    def _take(self, message, behind: dict[int, int]) -> None:
        partition = message.partition()
        if message.error() is None:
            self.values.append(message.value())
            self.next[partition] = message.offset() + 1
        elif message.error().code() == KafkaError._PARTITION_EOF:
            self.next[partition] = max(self.next[partition], message.offset())
        if self.next[partition] >= behind.get(partition, 0):
            behind.pop(partition, None)

    def close(self) -> None:
        self.consumer.close()


# -- 1. the raw loop ---------------------------------------------------------------------------------


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
        if now - committed >= loop.settings.commit_seconds:  # as often as the worker commits
            producer.flush(kafkaio.ADMIN_TIMEOUT_S)  # outputs on the broker before their offsets are committed
            consumer.commit(asynchronous=True)
            committed = now
    assert first is not None
    return first


# -- 2. the worker -----------------------------------------------------------------------------------


class Worker:
    """One `python -m streams.cli worker` subprocess, its output in a log file."""

    def __init__(self, env: dict[str, str], data_dir: Path, log: Path, source: Path = REPO) -> None:
        self.env = {**os.environ, **env, "HYGIENE_DATA_DIR": str(data_dir)}
        self.log = log
        self.source = source  # the directory holding the streams package it runs
        self.process: subprocess.Popen[bytes] | None = None
        self.started = self.ready_at = 0.0

    def start(self) -> Worker:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen([sys.executable, "-m", "streams.cli", "worker"], cwd=self.source, env=self.env,
                                            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        self.started = time.monotonic()
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def poll_ready(self) -> None:
        """Note the time the worker's READY line is first seen."""
        if not self.ready_at and READY in self.output():
            self.ready_at = time.monotonic()

    def check_alive(self) -> None:
        assert self.process is not None
        if self.process.poll() is not None:
            raise BenchError(f"the worker exited with {self.process.returncode}; end of {self.log}:\n{self.tail()}")

    def peak_rss_mib(self) -> float | None:
        """VmHWM of the process (its peak resident memory), in MiB."""
        assert self.process is not None
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return None

    def stop(self) -> int | None:
        """SIGTERM, then SIGKILL after STOP_S; the exit code (negative: the signal that ended it)."""
        if self.process is None or self.process.poll() is not None:
            return None if self.process is None else self.process.returncode
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(STOP_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.output().splitlines()[-lines:])

    def errors(self) -> list[str]:
        """The log's ERROR, CRITICAL and Traceback lines."""
        return [line for line in self.output().splitlines()
                if any(mark in line for mark in ("ERROR", "CRITICAL", "Traceback"))]


@dataclass(slots=True)
class Progress:
    """When the worker got where: monotonic times, 0.0 until reached."""

    first_commit: float = 0.0
    inputs_done: float = 0.0
    done: float = 0.0
    total: int = -1  # the sum of every committed offset last seen
    moved: float = 0.0  # when that sum last changed


def wait_caught_up(worker: Worker, settings: Settings, offsets: GroupOffsets) -> Progress:
    """Poll until the group has committed both input topics to their ends, then contact-events to the
    end it had at that moment; aborts if the worker exits or commits nothing new for STALL_S."""
    inputs = [settings.topic("bounces"), settings.topic("engagement")]
    events = settings.topic("contact-events")
    input_ends = {topic: offsets.ends(topic) for topic in inputs}  # a backlog: fixed
    events_target: list[int] | None = None
    progress = Progress(moved=time.monotonic())
    while not progress.done:
        worker.check_alive()
        worker.poll_ready()
        committed = {topic: offsets.committed(topic) for topic in [*inputs, events]}
        now = time.monotonic()
        _note_progress(progress, committed, inputs, now, worker)
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
                   worker: Worker) -> None:
    total = sum(sum(offsets) for offsets in committed.values())
    if total != progress.total:
        progress.total, progress.moved = total, now
    elif now - progress.moved > STALL_S:
        raise BenchError(f"the worker committed nothing new for {STALL_S:.0f} s (committed: {committed}); "
                         f"end of {worker.log}:\n{worker.tail()}")
    if not progress.first_commit and any(sum(committed[topic]) for topic in inputs):
        progress.first_commit = now


def expected_commands(settings: Settings, bounces: list[bytes], engagement: list[bytes]) -> set[str]:
    """The command ids `replay` computes from the load, under the worker's policy."""
    text = settings.policy_file.read_text("utf-8") if settings.policy_file else ""
    policies = policyfile.parse(text, str(settings.policy_file or "policy"))
    lines = [Line("bounces", "load", n, value) for n, value in enumerate(bounces, 1)]
    lines += [Line("engagement", "load", n, value) for n, value in enumerate(engagement, 1)]
    return {orjson.loads(command)["command_id"] for command in replay(lines, policies).commands}


def command_ids(commands: TopicReader) -> list[str]:
    return [orjson.loads(value)["command_id"] for value in commands.read_to_end()]


def wait_commands(worker: Worker, settings: Settings, commands: TopicReader, expected: set[str]) -> list[str]:
    """The worker's command ids once they include every expected one, or at the deadline: the idle
    watermark moves after HYGIENE_IDLE_SECONDS, plus a minute."""
    deadline = time.monotonic() + settings.idle_seconds + 60.0
    while True:
        worker.check_alive()
        found = command_ids(commands)
        if expected <= set(found) or time.monotonic() > deadline:
            return found
        time.sleep(POLL_S)  # poll interval, not synchronisation


def dead_letters(settings: Settings, offsets: GroupOffsets) -> int:
    return sum(offsets.ends(settings.topic("dead-letter")))


def worker_source(rev: str | None, scratch: Path) -> tuple[Path, str]:
    """The directory the worker runs from, and what it is: the working tree, or the streams/ and
    schemas/ of git revision `rev` exported to `scratch` (to measure a commit while the tree is edited)."""
    if rev is None:
        return REPO, "working tree"
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--verify", f"{rev}^{{commit}}"],
                            capture_output=True, text=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", commit.stdout.strip(),
                              "streams", "schemas"], capture_output=True)
    if commit.returncode or archive.returncode:
        raise BenchError(f"cannot export {rev!r}: {commit.stderr}{archive.stderr.decode(errors='replace')}")
    target = scratch / "worker-source"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target, f"{rev} ({commit.stdout.strip()[:12]})"


def run_worker(settings: Settings, env: dict[str, str], scratch: Path, load_lines: tuple[list[bytes], list[bytes]],
               total: int, source: Path) -> dict[str, Any]:
    log = LOG_DIR / f"throughput-{settings.app_id}-worker.log"
    worker = Worker(env, scratch / "worker-data", log, source)
    topics = [settings.topic(role) for role in ("bounces", "engagement", "contact-events", "dead-letter")]
    offsets = GroupOffsets(settings, settings.app_id, topics)
    commands = TopicReader(settings, settings.topic("commands"))
    try:
        progress = wait_caught_up(worker.start(), settings, offsets)
        at_catch_up = len(command_ids(commands))
        expected = expected_commands(settings, *load_lines)
        found = wait_commands(worker, settings, commands, expected)
        figures = _worker_figures(worker, progress, total)
        peak = worker.peak_rss_mib()
        letters = dead_letters(settings, offsets)
    finally:
        offsets.close()
        commands.close()
        code = worker.stop()
    return {**figures, "commands_when_caught_up": at_catch_up, "commands": len(found),
            "distinct_commands": len(set(found)), "replay_commands": len(expected),
            "missing": len(expected - set(found)), "extra": len(set(found) - expected), "dead_letters": letters,
            "peak_rss_mib": peak, "exit_code": code, "log": str(log), "log_errors": worker.errors()[:10]}


def _worker_figures(worker: Worker, progress: Progress, total: int) -> dict[str, Any]:
    worker.poll_ready()
    ready = worker.ready_at or worker.started  # READY not seen: count from the start
    from_ready, from_start = progress.done - ready, progress.done - worker.started
    return {"events": total, "ready_after_s": ready - worker.started,
            "first_commit_after_s": progress.first_commit - worker.started if progress.first_commit else None,
            "inputs_committed_after_s": progress.inputs_done - worker.started,
            "seconds_from_ready": from_ready, "events_per_s": total / from_ready,
            "seconds_from_start": from_start, "events_per_s_from_start": total / from_start}


# -- the run -----------------------------------------------------------------------------------------


def produce_backlog(settings: Settings, bounces: list[bytes], engagement: list[bytes]) -> dict[str, Any]:
    started = time.perf_counter()
    load.produce(settings.bootstrap_servers, settings.topic("bounces"), bounces)
    load.produce(settings.bootstrap_servers, settings.topic("engagement"), engagement)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "events_per_s": (len(bounces) + len(engagement)) / seconds}


def bench(args: argparse.Namespace, bootstrap: str, scratch: Path) -> dict[str, Any]:
    env = run_env(bootstrap, f"bench-{uuid.uuid4().hex[:8]}")
    settings = settings_module.load({**os.environ, **env})
    bounces, engagement = load.lines(args.events, args.contacts, args.seed)
    total = len(bounces) + len(engagement)
    create_topics(settings)
    try:
        report: dict[str, Any] = {"load": describe(args, bounces, engagement), "app_id": settings.app_id,
                                  "partitions": settings.partitions}
        report["produce"] = produce_backlog(settings, bounces, engagement)
        report["raw"] = raw_loop(settings, total, args.raw_rounds)
        source, report["worker_source"] = worker_source(args.worker_rev, scratch)
        report["worker"] = run_worker(settings, env, scratch, (bounces, engagement), total, source)
    finally:
        if not args.keep_topics and not args.own_broker:
            delete_topics(settings)
    report["ratio"] = report["worker"]["events_per_s"] / report["raw"]["events_per_s"]
    return report


def describe(args: argparse.Namespace, bounces: list[bytes], engagement: list[bytes]) -> dict[str, Any]:
    formats = [orjson.loads(value)["format"] for value in bounces]
    mix = {"engagement": len(engagement), "smtp": formats.count("smtp"), "dsn": formats.count("dsn")}
    return {"events": args.events, "contacts": args.contacts, "seed": args.seed, "mix": mix,
            "bootstrap": args.bootstrap, "own_broker": args.own_broker}


def text(report: dict[str, Any]) -> str:
    load_, raw, worker = report["load"], report["raw"], report["worker"]
    where = "local broker started by the bench" if load_["own_broker"] else "given broker"
    verdict = "meets the aim" if report["ratio"] >= AIM else "meets the bar" if report["ratio"] >= BAR else "BELOW THE BAR"
    return "\n".join([
        f"load: {load_['events']:,} events {load_['mix']}, {load_['contacts']:,} contacts, seed {load_['seed']}, "
        f"{report['partitions']} partitions per topic; {where} at {load_['bootstrap']}; app id {report['app_id']}",
        f"worker: {report['worker_source']}",
        f"backlog produced in {report['produce']['seconds']:.1f} s ({report['produce']['events_per_s']:,.0f} events/s)",
        f"raw loop: {raw['events']:,} events in {raw['seconds']:.2f} s = {raw['events_per_s']:,.0f} events/s (best of "
        f"{', '.join(f'{rate:,.0f}' for rate in raw['rounds_events_per_s'])}); {raw['commands']:,} commands "
        f"(a contact's 3rd bounce in a row, unclassified)",
        f"worker:   {worker['events']:,} events in {worker['seconds_from_ready']:.1f} s from Ready = "
        f"{worker['events_per_s']:,.0f} events/s ({worker['seconds_from_start']:.1f} s from process start = "
        f"{worker['events_per_s_from_start']:,.0f} events/s; Ready after {worker['ready_after_s']:.1f} s, "
        f"inputs committed after {worker['inputs_committed_after_s']:.1f} s)",
        f"          commands: {worker['commands_when_caught_up']:,} when caught up, {worker['commands']:,} "
        f"after the idle watermark ({worker['distinct_commands']:,} distinct); replay decides "
        f"{worker['replay_commands']:,}: {worker['missing']} missing, {worker['extra']} extra; "
        f"{worker['dead_letters']} dead letters",
        f"          peak RSS {worker['peak_rss_mib']:.0f} MiB; exit code {worker['exit_code']} after SIGTERM; "
        f"{len(worker['log_errors'])} error lines in {worker['log']}",
        f"ratio worker / raw loop: {report['ratio']:.4f} (bar {BAR}, aim {AIM}): {verdict}",
    ])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=300_000, help="messages in the load (default 300000)")
    parser.add_argument("--contacts", type=int, help="contacts in the load (default events / 10)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the load (default 1)")
    parser.add_argument("--bootstrap", help="use this broker (default KAFKA_BOOTSTRAP_SERVERS, else start one)")
    parser.add_argument("--raw-rounds", type=int, default=2, help="runs of the raw loop, the best counts (default 2)")
    parser.add_argument("--worker-rev", metavar="REV",
                        help="run the worker of this git revision (default: the working tree)")
    parser.add_argument("--keep-topics", action="store_true", help="keep the run's topics on a given broker")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    args.contacts = args.contacts or load.default_contacts(args.events)
    args.bootstrap = args.bootstrap or os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    return args


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt  # SIGTERM cleans up like Ctrl-C: the worker and the broker are stopped


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-throughput-") as scratch, \
                broker(args.bootstrap, Path(scratch)) as (bootstrap, own):
            args.bootstrap, args.own_broker = bootstrap, own
            report = bench(args, bootstrap, Path(scratch))
    except (BenchError, localkafka.BrokerError, KafkaException) as error:
        print(f"throughput: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("throughput: interrupted; the worker and the broker this run started are stopped", file=sys.stderr)
        return 130
    print(orjson.dumps(report).decode() if args.json else text(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
