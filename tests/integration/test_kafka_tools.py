"""The Kafka command-line tools and the local broker (issue 2, section 5) on a real broker."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from confluent_kafka import OFFSET_BEGINNING, TopicPartition
from confluent_kafka.admin import ConfigResource

from streams import kafkaio, localkafka, settings
from streams.topics import changelog_topic

REPO = Path(__file__).resolve().parents[2]


def cli(env: dict[str, str], *args: str, timeout: float = 120.0) -> subprocess.CompletedProcess[str]:
    """Run `bounce-hygiene ARGS` as a user would, with this test's settings."""
    return subprocess.run([sys.executable, "-m", "streams.cli", *args], cwd=REPO, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=timeout)


def partition_counts(kafka_settings) -> dict[str, int]:
    topics = kafkaio.admin(kafka_settings).list_topics(timeout=30).topics
    return {name: len(meta.partitions) for name, meta in topics.items()}


def read_all(kafka_settings, topic: str) -> list[tuple[bytes | None, bytes]]:
    """Every (key, value) of `topic`, read to the end of each partition."""
    consumer = kafkaio.consumer(kafka_settings, f"test-{topic}")
    partitions = kafkaio.admin(kafka_settings).list_topics(topic, timeout=30).topics[topic].partitions
    consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in partitions])
    records, ended = [], set()
    deadline = time.monotonic() + 30
    while len(ended) < len(partitions) and time.monotonic() < deadline:
        message = consumer.poll(0.5)
        if message is None:
            continue
        if message.error() is not None:
            ended.add(message.partition())
            continue
        records.append((message.key(), message.value()))
    consumer.close()
    assert len(ended) == len(partitions), "did not reach the end of every partition"
    return records


def test_topics_create_makes_every_topic_once_with_the_job_partition_count(kafka_env, kafka_settings):
    first = cli(kafka_env, "topics", "create")
    assert first.returncode == 0, first.stderr
    expected = {kafka_settings.topic(role) for role in kafka_settings.topics} | {changelog_topic(kafka_settings.app_id)}
    counts = partition_counts(kafka_settings)
    assert {name: counts.get(name) for name in expected} == dict.fromkeys(expected, kafka_settings.partitions)
    assert first.stdout.count("created") == len(expected)

    again = cli(kafka_env, "topics", "create")
    assert again.returncode == 0, again.stderr
    assert "created" not in again.stdout and again.stdout.count("exists") == len(expected)

    changelog = ConfigResource(ConfigResource.Type.TOPIC, changelog_topic(kafka_settings.app_id))
    admin = kafkaio.admin(kafka_settings)  # kept alive until the result is in
    configs = admin.describe_configs([changelog])[changelog].result(timeout=30)
    assert configs["cleanup.policy"].value == "compact"


def test_topics_create_refuses_topics_with_another_partition_count(kafka_env, kafka_settings):
    assert cli({**kafka_env, "HYGIENE_PARTITIONS": "2"}, "topics", "create").returncode == 0

    mismatch = cli({**kafka_env, "HYGIENE_PARTITIONS": "3"}, "topics", "create")

    assert mismatch.returncode == 1
    assert kafka_settings.topic("commands") in mismatch.stderr and "has 2 partitions" in mismatch.stderr
    assert changelog_topic(kafka_settings.app_id) in partition_counts(kafka_settings)


def test_produce_then_consume_round_trips_every_line(kafka_env, kafka_settings, tmp_path):
    # The commands role is pointed at the bounces topic, so what `produce` sends, `consume` prints.
    env = {**kafka_env, "HYGIENE_TOPIC_COMMANDS": kafka_env["HYGIENE_TOPIC_BOUNCES"]}
    assert cli(env, "topics", "create").returncode == 0
    lines = [b'{"id":"b-1","tenant":"t1"}', b'{"id":"b-2","tenant":"t1","note":"caf\xc3\xa9"}',
             b"not json at all", b'{"tenant":"t1"}', b'{"id":7}']
    source = tmp_path / "bounces.jsonl"
    source.write_bytes(b"\n".join(lines[:3]) + b"\n\n   \n" + b"\r\n".join(lines[3:]) + b"\n")

    produced = cli(env, "produce", "--topic", "bounces", str(source))
    assert produced.returncode == 0, produced.stderr
    assert produced.stdout.strip() == f"produced 5 messages to {kafka_settings.topic('bounces')}"

    consumed = subprocess.run([sys.executable, "-m", "streams.cli", "consume", "--topic", "commands",
                               "--timeout", "2"], cwd=REPO, env={**os.environ, **env}, capture_output=True,
                              timeout=120)
    assert consumed.returncode == 0, consumed.stderr
    assert sorted(consumed.stdout.splitlines()) == sorted(lines)

    keys = {value: key for key, value in read_all(kafka_settings, kafka_settings.topic("bounces"))}
    assert keys == {lines[0]: b"b-1", lines[1]: b"b-2", lines[2]: None, lines[3]: None, lines[4]: b"7"}


def test_consume_of_an_empty_topic_stops_after_the_idle_timeout(kafka_env):
    assert cli(kafka_env, "topics", "create").returncode == 0
    started = time.monotonic()

    consumed = cli(kafka_env, "consume", "--topic", "dead-letter", "--timeout", "1")

    assert consumed.returncode == 0, consumed.stderr
    assert consumed.stdout == ""
    assert time.monotonic() - started < 30


def test_consume_of_a_missing_topic_fails_clearly(kafka_env, kafka_settings):
    consumed = cli(kafka_env, "consume", "--topic", "commands", "--timeout", "1")
    assert consumed.returncode == 1
    assert kafka_settings.topic("commands") in consumed.stderr


# Partitions the Java client's DefaultPartitioner picks on 12 partitions:
# Utils.toPositive(Utils.murmur2(key)) % 12, computed with kafka-clients 4.1.1 (the murmur2 values of
# "21", "foobar" and "abc" are those of Kafka's own UtilsTest.testMurmur2).
JAVA_PARTITIONS_OF_12 = {b"21": 0, b"foobar": 6, b"a-little-bit-long-string": 8, b"abc": 3,
                         b"contact-1": 2, b"b-0001": 7, b"e-0042": 10}


def test_producer_places_keys_on_the_partitions_the_java_client_would(kafka_env):
    kafka_settings = settings.load({**kafka_env, "HYGIENE_PARTITIONS": "12"})
    kafkaio.create_topics(kafka_settings)
    producer = kafkaio.producer(kafka_settings)
    placed: dict[bytes, int] = {}

    def delivered(error, message) -> None:
        assert error is None, error
        placed[message.key()] = message.partition()

    for key in JAVA_PARTITIONS_OF_12:
        producer.produce(kafka_settings.topic("bounces"), b"{}", key, on_delivery=delivered)
    assert producer.flush(30) == 0

    assert placed == JAVA_PARTITIONS_OF_12


@pytest.mark.skipif(shutil.which("java") is None, reason="the local broker needs Java")
def test_kafka_start_status_stop_of_a_local_broker(local_broker_dir):
    state = ["--dir", str(local_broker_dir)]

    started = cli({}, "kafka", "start", *state, "--port", "0")
    assert started.returncode == 0, started.stderr
    address = started.stdout.splitlines()[-1]
    running = localkafka.status(local_broker_dir)
    assert running is not None and running.bootstrap == address and localkafka.answers(address)

    status = cli({}, "kafka", "status", *state)
    assert status.returncode == 0 and address in status.stdout

    reused = cli({}, "kafka", "start", *state)
    assert reused.returncode == 0 and reused.stdout.splitlines()[-1] == address
    assert localkafka.status(local_broker_dir).pid == running.pid

    broker_settings = settings.load({"KAFKA_BOOTSTRAP_SERVERS": address, "HYGIENE_PARTITIONS": "1"})
    kafkaio.create_topics(broker_settings)

    stopped = cli({}, "kafka", "stop", *state)
    assert stopped.returncode == 0 and stopped.stdout.strip() == "stopped"
    not_running = cli({}, "kafka", "status", *state)
    assert not_running.returncode == 1 and "not running" in not_running.stdout
    assert cli({}, "kafka", "stop", *state).stdout.strip() == "not running"

    # Started again, it keeps its address and its topics.
    restarted = localkafka.start(local_broker_dir)
    assert restarted.bootstrap == address and restarted.pid != running.pid
    assert kafkaio.create_topics(broker_settings) == []


def test_a_cluster_id_that_starts_with_a_dash_formats_the_storage(tmp_path):
    """One random cluster id in 64 starts with "-"; the storage tool once took it for an option."""
    for sub in ("data", "logs"):
        (tmp_path / sub).mkdir()
    config, _listeners = localkafka._configure(tmp_path, localkafka.free_port(), localkafka.free_port(), None)  # noqa: SLF001
    localkafka._format(localkafka.resolve_jars(), tmp_path, config, cluster_id="-" + "A" * 21)  # noqa: SLF001
    assert "cluster.id=-AAAAAAAAAAAAAAAAAAAAA" in (tmp_path / "data" / "meta.properties").read_text()
