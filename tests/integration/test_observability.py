"""A running worker as an operator sees it: /healthz, /readyz, /metrics on HYGIENE_HTTP_PORT, and JSON log
lines with no e-mail address in them (the dead-letter topic keeps the original)."""
from __future__ import annotations

import socket
import urllib.error
import urllib.request
from pathlib import Path

import orjson
from prometheus_client.parser import text_string_to_metric_families

from streams.logs import mask
from tests.integration.test_worker import HARD, STARTUP, bounce
from tests.integration.workerproc import TopicReader, WorkerProcess, produce, wait_processed, wait_until


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> tuple[int, str]:
    """(status, body) of GET http://127.0.0.1:port/path; (0, why) while nothing answers."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except OSError as error:
        return 0, str(error)


def samples(port: int) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    status, body = get(port, "/metrics")
    assert status == 200, body
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(body) for sample in family.samples}


def test_a_worker_answers_its_probes_and_counts_what_it_did(job, worker_env: dict[str, str], tmp_path: Path):
    port = free_port()
    env = {**worker_env, "HYGIENE_HTTP_PORT": str(port), "HYGIENE_LOG_FORMAT": "json"}
    worker = WorkerProcess(env, tmp_path / "worker.log").start()
    reader = TopicReader(job, "commands")
    dead = TopicReader(job, "dead-letter")

    def alive() -> None:
        assert worker.process.poll() is None, f"the worker exited:\n{worker.tail()}"

    try:
        wait_until(lambda: get(port, "/healthz")[0] == 200, STARTUP, "/healthz 200", worker.tail, alive)
        wait_until(lambda: get(port, "/readyz")[0] == 200, STARTUP, "/readyz 200", worker.tail, alive)
        assert get(port, "/readyz") == (200, "ready\n")

        address = "ann.example@example.org"
        produce(job, "bounces", [bounce("b1", address, HARD, 0), (b"b2", orjson.dumps([address]))])
        reader.wait_for(lambda docs: len(docs) == 1, 60, "the hard bounce's command", worker)
        dead.wait_for(lambda docs: len(docs) == 1, 60, "the array's dead letter", worker)
        wait_processed(job, ("bounces",), 60, worker)

        bounces_topic = job.topic("bounces")

        def counted() -> bool:
            found = samples(port)
            return (found.get(("hygiene_commands_total", (("reason", "hard_bounce"),))) == 1
                    and found.get(("hygiene_input_records_total", (("topic", bounces_topic),))) == 2)

        wait_until(counted, 30, "the command and both records counted", worker.tail)
        found = samples(port)
        assert found[("hygiene_events_total", (("class", "hard"), ("format", "smtp"), ("reason", "userunknown"),
                                               ("topic", bounces_topic)))] == 1
        assert found[("hygiene_dead_letters_total", (("cause", "contract"), ("topic", bounces_topic)))] == 1
        assert found[("hygiene_ready", ())] == 1
        assert found[("hygiene_rebalances_total", ())] >= 1
        assert found[("hygiene_batch_seconds_count", ())] >= 1
        assert found[("hygiene_decision_delay_seconds_count", ())] == 1
        lags = {dict(labels)["partition"]: value for (name, labels), value in found.items()
                if name == "hygiene_consumer_lag" and dict(labels)["topic"] == bounces_topic}
        assert len(lags) == job.partitions and set(lags.values()) == {0}
        assert ("hygiene_pending_decisions", ()) in found and ("hygiene_recovery_remaining", (("kind", "active"),)) in found

        assert address in dead.docs()[0]["value"], "the dead-letter topic keeps the original"
        log = worker.output().split("--- worker started", 1)[1].splitlines()[1:]
        lines = [orjson.loads(line) for line in log]  # every line is one JSON object
        assert not [line for line in log if "ann.example" in line], "an address in the log"
        dead_lettering = [line["message"] for line in lines if "dead-lettering" in line["message"]]
        assert len(dead_lettering) == 1 and mask(address) in dead_lettering[0]
    finally:
        reader.close()
        dead.close()
        worker.kill()
