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
import time
from collections.abc import Callable
from pathlib import Path

import orjson
from confluent_kafka import Consumer, TopicPartition

from streams import kafkaio
from streams.settings import Settings

REPO = Path(__file__).resolve().parents[2]
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
                raise AssertionError(f"no {what} within {timeout} s on {self.topic}; got {self.docs()}{log}")
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
