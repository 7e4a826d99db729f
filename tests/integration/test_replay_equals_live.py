"""Acceptance: a scenario set fed through `replay` and through a live worker gives the same commands.

Each folder of tests/scenarios (and of $HYGIENE_SCENARIOS, for a set written elsewhere) holds
bounces.jsonl, engagement.jsonl and expected.jsonl (one {tenant, recipient, reason, evidence: [ids]}
per expected command). Replay must give exactly the expected commands. The live worker gets the
first half of the events (by event time), is killed with SIGKILL, loses its data dir, restores its
table from the changelog, gets the second half, and must then emit byte for byte the commands
replay emitted: the same decisions, the same command ids, the same evidence.

Ticks are held back (a long HYGIENE_TICK_SECONDS) while events are produced, since the event
times of a scenario are in the past and its grace period already over: decisions are sent by a
last worker, once every event is in, as they would be after the grace period live.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from streams import kafkaio, settings
from streams.timefmt import parse_ms
from tests.integration.workerproc import TopicReader, WorkerProcess, produce, wait_processed

ROOT = Path(__file__).resolve().parents[2]
STARTUP = 90.0


def _scenarios() -> list[Path]:
    roots = [ROOT / "tests" / "scenarios"]
    if os.environ.get("HYGIENE_SCENARIOS"):
        roots.append(Path(os.environ["HYGIENE_SCENARIOS"]))
    return sorted(d for root in roots if root.is_dir() for d in root.iterdir() if (d / "bounces.jsonl").exists())


def _replay(folder: Path, out: Path) -> list[bytes]:
    args = [sys.executable, "-m", "streams.cli", "replay", "--bounces", str(folder / "bounces.jsonl"),
            "--engagement", str(folder / "engagement.jsonl"), "--out", str(out),
            "--dead-letter", str(out.with_suffix(".dead"))]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode in (0, 1), done.stderr
    return out.read_bytes().splitlines()


def _summary(command: dict) -> dict:
    return {"tenant": command["tenant"], "recipient": command["recipient"], "reason": command["reason"],
            "evidence": [e["id"] for e in command["evidence"]]}


def _event_time(line: bytes, field: str) -> int:
    try:
        return parse_ms(orjson.loads(line)[field])
    except Exception:  # noqa: BLE001 - a malformed line goes with the first half, to the dead letters
        return 0


def _halves(folder: Path) -> tuple[dict[str, list[bytes]], dict[str, list[bytes]]]:
    """The events of each input topic split at the median event time of all of them."""
    lines = {"bounces": (folder / "bounces.jsonl").read_bytes().splitlines(),
             "engagement": (folder / "engagement.jsonl").read_bytes().splitlines()}
    fields = {"bounces": "received_at", "engagement": "occurred_at"}
    times = sorted(_event_time(x, fields[role]) for role, rows in lines.items() for x in rows if x.strip())
    middle = times[len(times) // 2] if times else 0
    first = {role: [x for x in rows if x.strip() and _event_time(x, fields[role]) < middle]
             for role, rows in lines.items()}
    second = {role: [x for x in rows if x.strip() and _event_time(x, fields[role]) >= middle]
              for role, rows in lines.items()}
    return first, second


@pytest.fixture
def held_env(kafka_env: dict[str, str]) -> Iterator[dict[str, str]]:
    env = {**kafka_env, "HYGIENE_TICK_SECONDS": "3600", "HYGIENE_GRACE_SECONDS": "1"}
    kafkaio.create_topics(settings.load(env))
    yield env


@pytest.mark.parametrize("folder", _scenarios(), ids=lambda p: p.name)
def test_replay_and_a_killed_live_worker_give_the_same_commands(folder, held_env, tmp_path):
    replayed = _replay(folder, tmp_path / "replay.jsonl")
    expected = [orjson.loads(x) for x in (folder / "expected.jsonl").read_bytes().splitlines() if x.strip()]
    got = sorted((_summary(orjson.loads(x)) for x in replayed), key=lambda d: (d["tenant"], d["recipient"]))
    assert got == sorted(expected, key=lambda d: (d["tenant"], d["recipient"])), "replay"

    job = settings.load(held_env)
    first, second = _halves(folder)
    log = tmp_path / "worker.log"

    def feed(part: dict[str, list[bytes]], worker: WorkerProcess) -> None:
        for role, rows in part.items():
            produce(job, role, [(str(i).encode(), row) for i, row in enumerate(rows)])
        wait_processed(job, ("bounces", "engagement", "contact-events"), 120, worker)

    worker = WorkerProcess(held_env, log).start()
    try:
        worker.wait_ready(STARTUP)
        feed(first, worker)
        worker.kill()
        shutil.rmtree(job.data_dir, ignore_errors=True)  # the local state is lost with the machine
        worker = WorkerProcess(held_env, log).start()
        worker.wait_ready(STARTUP)
        feed(second, worker)
        code, _ = worker.terminate()
        assert code == 0, worker.tail()
        worker = WorkerProcess({**held_env, "HYGIENE_TICK_SECONDS": "0.2"}, log).start()
        worker.wait_ready(STARTUP)
        commands = TopicReader(job, "commands")
        try:
            wanted = {orjson.loads(x)["command_id"] for x in replayed}
            commands.wait_for(lambda docs: wanted <= {d["command_id"] for d in docs}, 120, "commands", worker)
            commands.settle(3.0)
            live = sorted({value for _key, value, _p, _o in commands.records})
        finally:
            commands.close()
    finally:
        worker.kill()
    assert live == sorted(replayed), "the live worker decided otherwise than replay"
