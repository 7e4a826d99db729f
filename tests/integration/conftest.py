"""Fixtures for the tests on a real Kafka broker: `bootstrap` (one broker per session) and `kafka_env`
(topic names, app id and data dir unique to one test, so tests never share topics or groups); over
those, the worker tests' `worker_env` (a one-second grace, topics created), `job` (its Settings),
`worker` (one worker subprocess, killed afterwards) and `commands` (a reader of the commands topic).

The broker is, in order: KAFKA_BOOTSTRAP_SERVERS if set; a testcontainers Kafka container if a Docker
engine answers; else the local jar broker of streams.localkafka in a temporary state dir.
"""
from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams import kafkaio, localkafka, settings
from streams.settings import Settings
from streams.topics import TOPICS
from tests.integration.workerproc import GRACE_SECONDS, TICK_SECONDS, TopicReader, WorkerProcess

_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.integration)


def _docker_answers() -> bool:
    """Whether a Docker engine answers; cheap and silent when there is none."""
    if not os.environ.get("DOCKER_HOST") and not Path("/var/run/docker.sock").exists():
        return False
    try:
        import docker

        return bool(docker.from_env(timeout=3).ping())
    except Exception:  # no client library, no engine, no permission: no Docker
        return False


@pytest.fixture(scope="session")
def bootstrap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """host:port of a running Kafka broker for the whole test session."""
    configured = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if configured:
        yield configured
        return
    if _docker_answers():
        from testcontainers.community.kafka import KafkaContainer

        with KafkaContainer().with_kraft() as container:
            yield container.get_bootstrap_server()
        return
    state_dir = tmp_path_factory.mktemp("kafka")
    broker = localkafka.start(state_dir, port=0)
    try:
        yield broker.bootstrap
    finally:
        localkafka.stop(state_dir)


@pytest.fixture
def kafka_env(bootstrap: str, request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """Environment for settings.load() and CLI subprocesses: this test's own topics, app id and data dir.

    Merge it over os.environ for a subprocess: `env={**os.environ, **kafka_env}`.
    """
    test_name = re.sub(r"[^a-zA-Z0-9]+", "-", request.node.name)[:40].strip("-")
    prefix = f"t-{test_name}-{uuid.uuid4().hex[:8]}"
    env = {spec.env: f"{prefix}.{spec.default}" for spec in TOPICS if spec.env}
    env |= {
        "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "HYGIENE_APP_ID": f"{prefix}-app",
        "HYGIENE_DATA_DIR": str(tmp_path / "worker-data"),
        # event times near now in most tests: a short lateness and idle wait keep them quick
        "HYGIENE_LATENESS_SECONDS": "1",
        "HYGIENE_IDLE_SECONDS": "1",
        # tests run several workers at once: no HTTP endpoint unless a test gives each a port of its own
        "HYGIENE_HTTP_PORT": "0",
    }
    return env


@pytest.fixture
def kafka_settings(kafka_env: dict[str, str]) -> Settings:
    """settings.load(kafka_env): the Settings of this test's topics."""
    return settings.load(kafka_env)


@pytest.fixture
def local_broker_dir(tmp_path: Path) -> Iterator[Path]:
    """A state dir for a broker the test starts itself with streams.localkafka; stopped afterwards."""
    state_dir = tmp_path / "kafka"
    try:
        yield state_dir
    finally:
        with contextlib.suppress(Exception):
            localkafka.stop(state_dir)


@pytest.fixture
def worker_env(kafka_env: dict[str, str]) -> dict[str, str]:
    """kafka_env with the worker tests' grace and tick, its topics created."""
    env = {**kafka_env, "HYGIENE_GRACE_SECONDS": str(GRACE_SECONDS), "HYGIENE_TICK_SECONDS": str(TICK_SECONDS)}
    kafkaio.create_topics(settings.load(env))
    return env


@pytest.fixture
def job(worker_env: dict[str, str]) -> Settings:
    return settings.load(worker_env)


@pytest.fixture
def worker(worker_env: dict[str, str], tmp_path: Path) -> Iterator[WorkerProcess]:
    """A worker subprocess of worker_env, started (not yet ready), its log tmp_path/worker.log; killed afterwards."""
    process = WorkerProcess(worker_env, tmp_path / "worker.log").start()
    yield process
    process.kill()


@pytest.fixture
def commands(job: Settings) -> Iterator[TopicReader]:
    """A reader of the job's commands topic from its first offset."""
    reader = TopicReader(job, "commands")
    yield reader
    reader.close()
