"""What bench/throughput.py runs on: the run's broker and topics, worker subprocesses, and reading
offsets and topics from outside a consumer group.

Waits poll a condition until a deadline (POLL_S apart); nothing sleeps a fixed time to synchronise.
"""
from __future__ import annotations

import contextlib
import io
import os
import signal
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path

from confluent_kafka import KafkaError, KafkaException, TopicPartition
from confluent_kafka.admin import NewTopic

from streams import kafkaio, localkafka
from streams.settings import Settings

REPO = Path(__file__).resolve().parents[1]
LOG_DIR = REPO / "var" / "bench"
READY = "[^Worker]: Ready"  # faust logs this once the worker has its partitions and has recovered its table
POLL_S = 0.2  # how often conditions are polled
STOP_S = 30.0  # SIGTERM, then SIGKILL after this long


class BenchError(RuntimeError):
    """The run cannot go on; the message says why."""


# -- the broker and the topics -----------------------------------------------------------------------


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


def run_env(bootstrap: str, app_id: str, inputs_of: str | None = None) -> dict[str, str]:
    """The environment naming a phase's broker, app id and topics (also its workers'); `inputs_of`:
    read the input topics of that app id's phase instead of topics of its own."""
    inputs = inputs_of or app_id
    return {
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "HYGIENE_APP_ID": app_id,
        "HYGIENE_TOPIC_BOUNCES": f"{inputs}.bounces",
        "HYGIENE_TOPIC_ENGAGEMENT": f"{inputs}.engagement",
        "HYGIENE_TOPIC_COMMANDS": f"{app_id}.commands",
        "HYGIENE_TOPIC_DEAD_LETTER": f"{app_id}.dead-letter",
        "HYGIENE_HTTP_PORT": "0",  # two workers of a phase on one machine: no HTTP endpoint to share a port
    }


def create_extra_topics(settings: Settings, configs: dict[str, dict[str, str]]) -> None:
    """Topics beside the job's (name -> config), with the job's partition count."""
    wanted = [NewTopic(name, settings.partitions, settings.replication_factor, config=config)
              for name, config in configs.items()]
    client = kafkaio.admin(settings)  # kept alive until the futures resolve
    for future in client.create_topics(wanted, request_timeout=kafkaio.ADMIN_TIMEOUT_S).values():
        future.result()


def delete_topics(settings: Settings, prefix: str) -> None:
    """Every topic whose name starts with `prefix` and a '.' or '-' (a run's own, faust's included)."""
    client = kafkaio.admin(settings)
    names = [name for name in client.list_topics(timeout=kafkaio.ADMIN_TIMEOUT_S).topics
             if name.startswith((f"{prefix}.", f"{prefix}-"))]
    for future in client.delete_topics(names, request_timeout=kafkaio.ADMIN_TIMEOUT_S).values() if names else ():
        with contextlib.suppress(KafkaException):
            future.result()


# -- reading offsets and topics without joining a group ----------------------------------------------


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
    """Every record of one topic since its first offset, as (value, timestamp ms); read_to_end() adds
    what came since the last call."""

    def __init__(self, settings: Settings, topic: str) -> None:
        self.consumer = kafkaio.consumer(settings, f"{settings.app_id}-bench-reader")  # assigns, never commits
        found = sorted(self.consumer.list_topics(topic, timeout=kafkaio.ADMIN_TIMEOUT_S).topics[topic].partitions)
        self.partitions = [TopicPartition(topic, p) for p in found]
        self.consumer.assign([TopicPartition(topic, p, 0) for p in found])
        self.next = {p: 0 for p in found}
        self.records: list[tuple[bytes, int]] = []

    def read_to_end(self, timeout: float = 60.0) -> list[tuple[bytes, int]]:
        ends = {tp.partition: self.consumer.get_watermark_offsets(tp, timeout=kafkaio.ADMIN_TIMEOUT_S)[1]
                for tp in self.partitions}
        behind = {p: end for p, end in ends.items() if end > self.next[p]}
        deadline = time.monotonic() + timeout
        while behind:
            if time.monotonic() > deadline:
                raise BenchError(f"could not read {self.partitions[0].topic} to its end within {timeout} s")
            for message in self.consumer.consume(1000, 0.5):
                self._take(message, behind)
        return self.records

    def _take(self, message, behind: dict[int, int]) -> None:
        partition = message.partition()
        if message.error() is None:
            self.records.append((message.value(), message.timestamp()[1]))
            self.next[partition] = message.offset() + 1
        elif message.error().code() == KafkaError._PARTITION_EOF:
            self.next[partition] = max(self.next[partition], message.offset())
        if self.next[partition] >= behind.get(partition, 0):
            behind.pop(partition, None)

    def close(self) -> None:
        self.consumer.close()


# -- worker subprocesses -----------------------------------------------------------------------------


def worker_source(rev: str | None, scratch: Path) -> tuple[Path, str]:
    """The directory workers run from, and what it is: the working tree, or the streams/ and schemas/
    of git revision `rev` exported to `scratch` (to measure a commit while the tree is being edited)."""
    if rev is None:
        return REPO, "working tree"
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--verify", f"{rev}^{{commit}}"],
                            capture_output=True, text=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", commit.stdout.strip(),
                              "streams", "schemas"], capture_output=True)
    if commit.returncode or archive.returncode:
        raise BenchError(f"cannot export {rev!r}: {commit.stderr}{archive.stderr.decode(errors='replace')}")
    target = scratch / "worker-source"
    if not target.exists():
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(target, filter="data")
    return target, f"{rev} ({commit.stdout.strip()[:12]})"


class Worker:
    """One `python -m streams.cli worker` subprocess, its output in a log file."""

    def __init__(self, env: dict[str, str], data_dir: Path, log: Path, source: Path = REPO) -> None:
        self.env = {**os.environ, **env, "HYGIENE_DATA_DIR": str(data_dir)}
        self.log = log
        self.source = source  # the directory holding the streams package it runs
        self.process: subprocess.Popen[bytes] | None = None
        self.started = self.ready_at = 0.0
        self.rss_at_ready: float | None = None

    def start(self) -> Worker:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen([sys.executable, "-m", "streams.cli", "worker"], cwd=self.source,
                                            env=self.env, stdin=subprocess.DEVNULL, stdout=out,
                                            stderr=subprocess.STDOUT)
        self.started = time.monotonic()
        return self

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def poll_ready(self) -> bool:
        """Whether the worker has logged READY; notes when (the time stamp of faust's line, else when
        first seen) and the worker's VmRSS when first seen."""
        if self.ready_at:
            return True
        output = self.output()
        at = output.find(READY)
        if at >= 0:
            self.ready_at = time.monotonic() - max(0.0, time.time() - _logged_at(output, at))
            self.rss_at_ready = self.memory_mib("VmRSS")
        return bool(self.ready_at)

    def check_alive(self) -> None:
        assert self.process is not None
        if self.process.poll() is not None:
            raise BenchError(f"a worker exited with {self.process.returncode}; end of {self.log}:\n{self.tail()}")

    def memory_mib(self, field: str = "VmHWM") -> float | None:
        """A memory figure of /proc/<pid>/status in MiB: VmHWM (peak resident) or VmRSS (resident now)."""
        assert self.process is not None
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith(f"{field}:"):
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


def _logged_at(output: str, at: int) -> float:
    """The epoch time of the log line holding position `at` (faust's "[YYYY-mm-dd HH:MM:SS,mmm]" prefix,
    local time); now when the line has none."""
    line = output[output.rfind("\n", 0, at) + 1:at]
    with contextlib.suppress(ValueError):
        stamp, millis = line[1:24].split(",")
        return time.mktime(time.strptime(stamp, "%Y-%m-%d %H:%M:%S")) + int(millis) / 1000
    return time.time()


class Workers(list[Worker]):
    """The workers of one phase, one consumer group, each with its own data dir and log."""

    @classmethod
    def of(cls, count: int, env: dict[str, str], scratch: Path, source: Path) -> Workers:
        app_id = env["HYGIENE_APP_ID"]
        return cls(Worker(env, scratch / f"{app_id}-data-{n}", LOG_DIR / f"{app_id}-worker-{n}.log", source)
                   for n in range(1, count + 1))

    def start(self) -> Workers:
        for worker in self:
            worker.start()
        return self

    def check(self) -> None:
        for worker in self:
            worker.check_alive()
            worker.poll_ready()

    @property
    def started(self) -> float:
        return min(worker.started for worker in self)

    @property
    def ready_at(self) -> float | None:
        """When the first of them logged READY (None: none did)."""
        return min((worker.ready_at for worker in self if worker.ready_at), default=None)

    def wait_ready(self, timeout: float) -> float:
        """Seconds from the first start until every worker has logged READY."""
        deadline = time.monotonic() + timeout
        while not all(worker.poll_ready() for worker in self):
            self.check()
            if time.monotonic() > deadline:
                raise BenchError(f"no READY from every worker within {timeout:.0f} s:\n{self.tails()}")
            time.sleep(POLL_S)  # poll interval, not synchronisation
        return max(worker.ready_at for worker in self) - self.started

    def stop(self) -> list[int | None]:
        return [worker.stop() for worker in self]

    def tails(self) -> str:
        return "\n".join(f"end of {worker.log}:\n{worker.tail()}" for worker in self)
