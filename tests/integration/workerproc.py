"""Helpers of the worker tests: `bounce-hygiene worker` as a subprocess, and reading what it writes.

A worker runs as `python -m streams.cli worker` with the test's environment, its output in a log
file that a failing assertion prints. Waits poll a condition until a deadline; nothing sleeps a
fixed time to synchronise.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import orjson
from confluent_kafka import Consumer, KafkaException, TopicPartition

from streams import kafkaio
from streams.settings import Settings

REPO = Path(__file__).resolve().parents[2]
# The worker fixtures' settings (conftest.py): event times near now, decisions due a second after them.
GRACE_SECONDS = 1.0
TICK_SECONDS = 0.2
# faust logs this line once the worker has its partitions and has recovered its table.
READY = "[^Worker]: Ready"


class WorkerProcess:
    """One worker subprocess; `log` holds its stdout and stderr."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env = env
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> WorkerProcess:
        with open(self.log, "ab") as out:
            out.write(f"--- worker started at {time.strftime('%H:%M:%S')}\n".encode())
            out.flush()
            self.process = subprocess.Popen(
                [sys.executable, "-m", "streams.cli", "worker"],
                cwd=REPO, env={**os.environ, **self.env}, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            )
        return self

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def wait_ready(self, timeout: float = 60.0) -> float:
        """Seconds until the worker (started last) logs READY; fails if it exits or the time runs out."""
        assert self.process is not None
        started = time.monotonic()
        marker = self.output().rfind("--- worker started")
        while READY not in self.output()[marker:]:
            assert self.process.poll() is None, f"worker exited with {self.process.returncode}:\n{self.tail()}"
            assert time.monotonic() - started < timeout, f"worker not ready after {timeout} s:\n{self.tail()}"
            time.sleep(0.2)
        return time.monotonic() - started

    def terminate(self, timeout: float = 30.0) -> tuple[int | None, float]:
        """SIGTERM, then wait: (exit code or None if still running after `timeout`, seconds waited)."""
        assert self.process is not None
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            code: int | None = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            code = None
        return code, time.monotonic() - started

    def kill(self) -> None:
        """SIGKILL: the worker gets no chance to commit, flush or close anything."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def tail(self, lines: int = 60) -> str:
        return "\n".join(self.output().splitlines()[-lines:])


class TopicReader:
    """Reads every partition of one topic from the beginning, keeping all it has seen (key, value, partition)."""

    def __init__(self, settings: Settings, role: str) -> None:
        self.topic = settings.topic(role)
        self.consumer: Consumer = kafkaio.consumer(settings, group_id=f"test-reader-{role}-{os.getpid()}")
        metadata = self.consumer.list_topics(self.topic, timeout=30)
        partitions = metadata.topics[self.topic].partitions
        self.consumer.assign([TopicPartition(self.topic, p, 0) for p in partitions])  # 0: the first offset
        self.records: list[tuple[bytes | None, bytes, int, int]] = []

    def poll(self, seconds: float = 0.5) -> None:
        for message in self.consumer.consume(num_messages=500, timeout=seconds):
            if message.error() is None:
                self.records.append((message.key(), message.value(), message.partition(), message.offset()))

    def docs(self) -> list[dict]:
        return [orjson.loads(value) for _key, value, _partition, _offset in self.records]

    def wait_for(self, condition: Callable[[list[dict]], bool], timeout: float, what: str,
                 worker: WorkerProcess | None = None) -> float:
        """Poll until condition(all documents so far) holds; seconds it took. Fails after `timeout`."""
        started = time.monotonic()
        while not condition(self.docs()):
            if time.monotonic() - started > timeout:
                log = f"\nworker log:\n{worker.tail()}" if worker else ""
                brief = [{k: d[k] for k in ("recipient", "command_id", "source", "error") if k in d} for d in self.docs()]
                raise AssertionError(f"no {what} within {timeout} s on {self.topic}; got {brief}{log}")
            self.poll()
        return time.monotonic() - started

    def settle(self, quiet: float) -> None:
        """Keep reading until nothing new arrives for `quiet` seconds (to catch unwanted extra records)."""
        seen = -1
        while seen != len(self.records):
            seen = len(self.records)
            deadline = time.monotonic() + quiet
            while time.monotonic() < deadline and seen == len(self.records):
                self.poll(min(0.5, quiet))

    def close(self) -> None:
        self.consumer.close()


def produce(settings: Settings, role: str, records: list[tuple[bytes, bytes]]) -> list[tuple[int, int]]:
    """Send (key, value) records to the topic of `role`, as an outside producer would; their (partition, offset)."""
    producer = kafkaio.producer(settings)
    placed: dict[int, tuple[int, int]] = {}

    def delivered(index: int):
        def report(error, message) -> None:
            if error is not None:
                raise KafkaException(error)
            placed[index] = (message.partition(), message.offset())
        return report

    for index, (key, value) in enumerate(records):
        producer.produce(settings.topic(role), key=key, value=value, on_delivery=delivered(index))
    assert producer.flush(30) == 0, "the broker did not take every record within 30 s"
    return [placed[index] for index in range(len(records))]


def wait_processed(settings: Settings, roles: tuple[str, ...], timeout: float, worker: WorkerProcess) -> float:
    """Seconds until the job's consumer group has committed every record of the topics of `roles`."""
    consumer: Consumer = kafkaio.consumer(settings, group_id=settings.app_id)  # reads offsets, never joins
    try:
        partitions = [TopicPartition(settings.topic(role), p)
                      for role in roles for p in consumer.list_topics(settings.topic(role), timeout=30)
                      .topics[settings.topic(role)].partitions]
        started = time.monotonic()
        while True:
            committed = consumer.committed(partitions, timeout=30)
            behind = [(tp.topic, tp.partition, tp.offset, high) for tp in committed
                      if tp.offset < (high := consumer.get_watermark_offsets(tp, timeout=30)[1]) and high > 0]
            if not behind:
                return time.monotonic() - started
            assert time.monotonic() - started < timeout, f"not committed after {timeout} s: {behind}\n{worker.tail()}"
            time.sleep(0.2)
    finally:
        consumer.close()


class SteadyProducer:
    """A background thread sending `record(n)` for n = 0, 1, 2, ... to the topic of `role`, one every
    `interval` seconds, until stop(); `sent` counts the records the broker has acknowledged."""

    def __init__(self, settings: Settings, role: str, record: Callable[[int], tuple[bytes, bytes]],
                 interval: float) -> None:
        self.topic = settings.topic(role)
        self.record = record
        self.interval = interval
        self.producer = kafkaio.producer(settings)
        self.sent = 0
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"steady-{role}", daemon=True)

    def start(self) -> SteadyProducer:
        self._thread.start()
        return self

    def _run(self) -> None:
        n = 0
        while not self._stop.is_set():
            key, value = self.record(n)
            self.producer.produce(self.topic, key=key, value=value, on_delivery=self._delivered)
            self.producer.flush(30)
            n += 1
            self._stop.wait(self.interval)  # the pace of the stream, not a synchronisation

    def _delivered(self, error, _message) -> None:
        if error is None:
            self.sent += 1
        else:
            self.errors.append(str(error))

    def wait_sent(self, count: int, timeout: float) -> None:
        """Wait until the broker has acknowledged `count` records in all; fails after `timeout`."""
        deadline = time.monotonic() + timeout
        while self.sent < count:
            assert not self.errors, f"produce failed: {self.errors[:3]}"
            assert time.monotonic() < deadline, f"only {self.sent} of {count} records sent after {timeout} s"
            time.sleep(0.05)

    def stop(self) -> int:
        """Stop sending; the number of records sent (all acknowledged: record(0) .. record(sent - 1))."""
        self._stop.set()
        if self._thread.ident is not None:
            self._thread.join(60)
        assert not self._thread.is_alive(), "the producer thread did not stop"
        assert not self.errors, f"produce failed: {self.errors[:3]}"
        return self.sent


class GroupOffsets:
    """The job's consumer group's committed offsets against the end offsets of the topics of `roles`,
    read with a consumer that never joins the group."""

    def __init__(self, settings: Settings, roles: tuple[str, ...]) -> None:
        self.consumer: Consumer = kafkaio.consumer(settings, group_id=settings.app_id)
        self.partitions = [TopicPartition(settings.topic(role), p) for role in roles
                           for p in sorted(self.consumer.list_topics(settings.topic(role), timeout=30)
                                           .topics[settings.topic(role)].partitions)]

    def progress(self) -> tuple[int, int]:
        """(records committed, records in all) over every partition; raises KafkaException while no
        broker answers."""
        committed = self.consumer.committed(self.partitions, timeout=10)
        ends = [self.consumer.get_watermark_offsets(tp, timeout=10)[1] for tp in self.partitions]
        return sum(max(tp.offset, 0) for tp in committed), sum(ends)

    def close(self) -> None:
        self.consumer.close()


def wait_until(condition: Callable[[], bool], timeout: float, what: str, tails: Callable[[], str],
               alive: Callable[[], None] = lambda: None) -> float:
    """Poll condition() until it holds; seconds it took. A KafkaException from it (no broker answers
    yet) counts as not yet; `alive()` may fail the wait early (a worker exited). Fails after `timeout`
    with `tails()` (the worker logs)."""
    started = time.monotonic()
    problem = ""
    while True:
        try:
            if condition():
                return time.monotonic() - started
            problem = ""
        except KafkaException as exc:
            problem = f" (last: {exc})"
        alive()
        assert time.monotonic() - started < timeout, f"no {what} within {timeout} s{problem}\n{tails()}"
        time.sleep(0.25)  # poll interval


def log_problems(output: str) -> list[str]:
    """The lines of a worker log that must never be there: a traceback, a CRITICAL record."""
    return [line for line in output.splitlines() if "Traceback" in line or "CRITICAL" in line]


def seek_backs(output: str) -> list[str]:
    """The worker's "fetched from offset A, the next to process is B: seeking back" warnings."""
    return [line for line in output.splitlines() if "seeking back" in line]
