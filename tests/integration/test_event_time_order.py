"""A backlog whose topics are skewed by days decides what replay decides (issue 6).

Bounces of three days and the engagement of the same days are both on the broker before the worker
starts, so the worker reads them at whatever pace faust gives each partition: a decision may only
become final once the engagement partitions have caught up past it.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson

from tests.integration.test_worker import SOFT, STARTUP, bounce, engagement
from tests.integration.workerproc import TopicReader, WorkerProcess, produce, wait_processed

ROOT = Path(__file__).resolve().parents[2]
DAY = 24 * 3600.0


def _replay(bounces: list[bytes], engagements: list[bytes], tmp: Path) -> list[bytes]:
    (tmp / "b.jsonl").write_bytes(b"\n".join(bounces) + b"\n")
    (tmp / "e.jsonl").write_bytes(b"\n".join(engagements) + b"\n")
    done = subprocess.run([sys.executable, "-m", "streams.cli", "replay", "--bounces", str(tmp / "b.jsonl"),
                           "--engagement", str(tmp / "e.jsonl"), "--out", str(tmp / "out.jsonl")],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return (tmp / "out.jsonl").read_bytes().splitlines()


def test_topics_skewed_by_days_in_a_backlog_give_replays_commands(job, worker_env, tmp_path):
    bounces, engagements = [], []
    for n in range(40):
        address = f"c{n}@example.org"
        for day in (0, 2, 4):  # three soft bounces, two days apart, weeks ago
            bounces.append(bounce(f"b{n}-{day}", address, SOFT, -30 * DAY + day * DAY + n))
        if n % 2:  # an open between the second and the third bounce: never unsubscribed
            engagements.append(engagement(f"e{n}", address, -30 * DAY + 2.5 * DAY + n))
    bounces.sort(key=lambda kv: orjson.loads(kv[1])["received_at"])
    produce(job, "bounces", bounces)  # keyed by id, as `produce` keys them
    produce(job, "engagement", engagements)
    replayed = _replay([v for _k, v in bounces], [v for _k, v in engagements], tmp_path)
    assert len(replayed) == 20

    worker = WorkerProcess(worker_env, tmp_path / "worker.log").start()
    commands = TopicReader(job, "commands")
    try:
        worker.wait_ready(STARTUP)
        wanted = {orjson.loads(x)["command_id"] for x in replayed}
        commands.wait_for(lambda docs: wanted <= {d["command_id"] for d in docs}, 120, "commands", worker)
        wait_processed(job, ("bounces", "engagement", "contact-events"), 60, worker)
        commands.settle(3.0)
        live = sorted(value for _key, value, _p, _o in commands.records)
    finally:
        commands.close()
        worker.kill()
    assert live == sorted(replayed), "the live worker decided otherwise than replay"
