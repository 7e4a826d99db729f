"""The worker and the CLI on a secured broker (issue 8, item 2): SASL (PLAIN, SCRAM-SHA-256/512) over
TLS and in clear, and TLS with client certificates (mTLS), all configured by the KAFKA_* settings.

One local broker for the module with every secured listener (streams.localkafka.SecureListeners),
its CA and certificates made for it (tests/integration/pki.py), one SCRAM/PLAIN user.
"""
from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest

from streams import kafkaio, localkafka, settings
from streams.topics import TOPICS
from tests.integration import pki
from tests.integration.workerproc import GRACE_SECONDS, TICK_SECONDS, TopicReader, WorkerProcess

REPO = Path(__file__).resolve().parents[2]
USER, PASSWORD = "hygiene-job", "s3cret-Pa55-for-tests"
WRONG_PASSWORD = "not-the-Pa55-at-all"
STARTUP = 90.0  # a worker starts, joins its group and recovers its table on a loaded 2-core machine


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[localkafka.LocalBroker, pki.Pki]]:
    root = tmp_path_factory.mktemp("secured")
    certs = pki.make(root / "pki")
    listeners = localkafka.SecureListeners(key_pem=certs.broker, ca_pem=certs.ca, users={USER: PASSWORD})
    broker = localkafka.start(root / "kafka", port=0, secure=listeners)
    try:
        yield broker, certs
    finally:
        localkafka.stop(root / "kafka")


# how a client reaches each listener: KAFKA_* settings
def sasl(protocol: str, mechanism: str, password: str = PASSWORD):
    def env(broker: localkafka.LocalBroker, certs: pki.Pki) -> dict[str, str]:
        found = {"KAFKA_BOOTSTRAP_SERVERS": broker.listeners[protocol], "KAFKA_SECURITY_PROTOCOL": protocol,
                 "KAFKA_SASL_MECHANISM": mechanism, "KAFKA_SASL_USERNAME": USER, "KAFKA_SASL_PASSWORD": password}
        return found | ({"KAFKA_SSL_CA_FILE": str(certs.ca)} if protocol == "SASL_SSL" else {})
    return env


def mtls(broker: localkafka.LocalBroker, certs: pki.Pki) -> dict[str, str]:
    return {"KAFKA_BOOTSTRAP_SERVERS": broker.listeners["SSL"], "KAFKA_SECURITY_PROTOCOL": "SSL",
            "KAFKA_SSL_CA_FILE": str(certs.ca), "KAFKA_SSL_CERT_FILE": str(certs.client_cert),
            "KAFKA_SSL_KEY_FILE": str(certs.client_key)}


def own_topics(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """Topic names, app id and data dir of this test alone (as conftest's kafka_env)."""
    prefix = f"s-{uuid.uuid4().hex[:10]}"
    return {**{spec.env: f"{prefix}.{spec.default}" for spec in TOPICS if spec.env},
            "HYGIENE_APP_ID": f"{prefix}-app", "HYGIENE_DATA_DIR": str(tmp_path / "worker-data"),
            "HYGIENE_LATENESS_SECONDS": "1", "HYGIENE_IDLE_SECONDS": "1",
            "HYGIENE_GRACE_SECONDS": str(GRACE_SECONDS), "HYGIENE_TICK_SECONDS": str(TICK_SECONDS),
            "HYGIENE_HTTP_PORT": "0"}


def cli(env: dict[str, str], *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KAFKA_", "HYGIENE_"))}
    return subprocess.run([sys.executable, "-m", "streams.cli", *args], cwd=REPO, env={**clean, **env},
                          input=stdin.decode() if stdin else None, capture_output=True, text=True, timeout=120)


def hard_bounce(id_: str, address: str) -> bytes:
    received = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return orjson.dumps({"id": id_, "tenant": "acme", "received_at": received, "format": "smtp",
                         "recipient": address, "message_id": f"<{id_}@mail.example>",
                         "payload": f"550 5.1.1 <{address}>: no mailbox by that name here"})


MODES = {
    "SASL_SSL/SCRAM-SHA-512": sasl("SASL_SSL", "SCRAM-SHA-512"),
    "SASL_SSL/SCRAM-SHA-256": sasl("SASL_SSL", "SCRAM-SHA-256"),
    "SASL_SSL/PLAIN": sasl("SASL_SSL", "PLAIN"),
    "SASL_PLAINTEXT/SCRAM-SHA-256": sasl("SASL_PLAINTEXT", "SCRAM-SHA-256"),
    "SSL with a client certificate": mtls,
}


@pytest.mark.parametrize("mode", list(MODES))
def test_the_cli_creates_topics_and_produces_over(mode, secured, request, tmp_path):
    env = own_topics(request, tmp_path) | MODES[mode](*secured)
    created = cli(env, "topics", "create")
    assert created.returncode == 0, created.stderr
    lines = [hard_bounce(f"b{i}", f"user{i}@example.org") for i in range(3)]

    produced = cli(env, "produce", "--topic", "bounces", "-", stdin=b"\n".join(lines) + b"\n")

    assert produced.returncode == 0, produced.stderr
    reader = TopicReader(settings.load(env), "bounces")  # a confluent-kafka consumer with the same settings
    try:
        reader.wait_for(lambda docs: len(docs) == len(lines), 60, "the produced bounces")
        assert sorted(d["id"] for d in reader.docs()) == ["b0", "b1", "b2"]
    finally:
        reader.close()
    assert PASSWORD not in created.stdout + created.stderr + produced.stdout + produced.stderr


@pytest.mark.parametrize("mode", ["SASL_SSL/SCRAM-SHA-512", "SASL_SSL/PLAIN", "SASL_PLAINTEXT/SCRAM-SHA-256",
                                  "SSL with a client certificate"])
def test_a_bounce_becomes_a_command_through_the_worker_over(mode, secured, request, tmp_path):
    env = own_topics(request, tmp_path) | MODES[mode](*secured)
    assert cli(env, "topics", "create").returncode == 0
    worker = WorkerProcess(env, tmp_path / "worker.log").start()
    try:
        assert cli(env, "produce", "--topic", "bounces", "-",
                   stdin=hard_bounce("h1", "gone@example.org") + b"\n").returncode == 0
        worker.wait_ready(STARTUP)
        reader = TopicReader(settings.load(env), "commands")
        try:
            reader.wait_for(lambda docs: len(docs) >= 1, 60, "the command", worker)
        finally:
            reader.close()

        consumed = cli(env, "consume", "--topic", "commands", "--timeout", "2")

        assert consumed.returncode == 0, consumed.stderr
        (command,) = [orjson.loads(line) for line in consumed.stdout.splitlines()]
        assert (command["recipient"], command["reason"]) == ("gone@example.org", "hard_bounce")
    finally:
        worker.kill()
    assert PASSWORD not in worker.output(), "the worker logged the SASL password"


@pytest.mark.parametrize("command", [("topics", "create"), ("worker",), ("consume", "--topic", "commands")])
def test_a_wrong_password_is_one_clear_error(command, secured, request, tmp_path):
    env = own_topics(request, tmp_path) | sasl("SASL_SSL", "SCRAM-SHA-256", WRONG_PASSWORD)(*secured)

    refused = cli(env, *command)

    assert refused.returncode == 1
    (line,) = refused.stderr.splitlines()
    assert line.startswith(f"bounce-hygiene {command[0]}: the Kafka broker refused the connection")
    assert "Authentication failed" in line and "KAFKA_SASL_PASSWORD" in line
    assert WRONG_PASSWORD not in refused.stdout + refused.stderr
    assert refused.stdout == ""


def test_a_client_without_its_certificate_is_refused_clearly(secured, request, tmp_path):
    env = own_topics(request, tmp_path) | mtls(*secured)
    del env["KAFKA_SSL_CERT_FILE"], env["KAFKA_SSL_KEY_FILE"]

    refused = cli(env, "topics", "create")

    assert refused.returncode == 1
    (line,) = refused.stderr.splitlines()
    assert "refused the connection" in line and "KAFKA_SSL_CERT_FILE" in line


def test_a_broker_certificate_from_another_ca_is_refused_clearly(secured, request, tmp_path):
    other = pki.make(tmp_path / "other-pki")
    env = own_topics(request, tmp_path) | sasl("SASL_SSL", "SCRAM-SHA-256")(*secured) | {"KAFKA_SSL_CA_FILE": str(other.ca)}

    refused = cli(env, "topics", "create")

    assert refused.returncode == 1
    (line,) = refused.stderr.splitlines()
    assert "certificate verify failed" in line and "KAFKA_SSL_CA_FILE" in line


def test_bad_security_settings_are_named_before_any_connection(request, tmp_path):
    env = own_topics(request, tmp_path) | {"KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1", "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
                                           "KAFKA_SASL_MECHANISM": "GSSAPI", "KAFKA_SASL_USERNAME": USER}

    refused = cli(env, "topics", "create")

    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        "bounce-hygiene topics: KAFKA_SASL_MECHANISM='GSSAPI': SASL_SSL needs one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512",
        "bounce-hygiene topics: KAFKA_SASL_PASSWORD is not set: SASL_SSL needs it",
    ]
