"""The stream job (issue 2, section 4) as users run it: `bounce-hygiene worker` on a real broker.

Each test runs the worker as a subprocess on its own topics, app id and data dir (the `kafka_env`,
`worker_env`, `job`, `worker` and `commands` fixtures of conftest.py), produces raw messages as an outside producer would (keyed by message id, not by contact),
and reads what the job writes. Waits are conditions with deadlines; the only timed window is the
short quiet period that shows no extra command follows the expected ones.
"""
from __future__ import annotations

import base64
import shutil
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import orjson

from streams import contracts
from streams.timefmt import parse_ms
from tests.integration.workerproc import (GRACE_SECONDS, TICK_SECONDS, SteadyProducer, TopicReader, WorkerProcess,
                                          produce, wait_processed)

# Long enough for a worker to start, join its group and recover its table on a loaded 2-core machine.
STARTUP = 90.0
# After the expected commands: a pending duplicate would be sent within the grace and a few ticks.
QUIET = GRACE_SECONDS + 10 * TICK_SECONDS

# SMTP replies in the shape MTAs log them (Postfix wording); the classifier gives userunknown (hard),
# mailboxfull (soft) and blocked (block, which neither counts nor resets).
HARD = "550 5.1.1 <{address}>: Recipient address rejected: no mailbox by that name here"
SOFT = "452 4.2.2 <{address}>: Mailbox full, quota exceeded"
BLOCK = "554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org"

T0 = datetime.now(UTC).replace(microsecond=0)  # event times near now, so the grace period is the one waited


def at(seconds: float) -> str:
    return (T0 + timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z")


def bounce(id: str, address: str, reply: str, seconds: float, tenant: str = "acme") -> tuple[bytes, bytes]:
    doc = {"id": id, "tenant": tenant, "received_at": at(seconds), "format": "smtp", "recipient": address,
           "payload": reply.format(address=address), "message_id": f"<msg-{id}@mail.example>"}
    return id.encode(), orjson.dumps(doc)


def engagement(id: str, address: str, seconds: float, tenant: str = "acme") -> tuple[bytes, bytes]:
    doc = {"id": id, "tenant": tenant, "recipient": address, "type": "click", "occurred_at": at(seconds)}
    return id.encode(), orjson.dumps(doc)


def by_recipient(docs: list[dict]) -> dict[str, list[dict]]:
    found = defaultdict(list)
    for doc in docs:
        found[doc["recipient"]].append(doc)
    return found


def test_bounces_and_engagement_become_one_unsubscribe_command_per_contact(job, worker, commands):
    produce(job, "bounces", [
        bounce("h1", "Dead@Example.org", HARD, 1),  # one hard bounce: unsubscribed at once
        bounce("s1", "full@example.org", SOFT, 1),
        bounce("s2", "full@example.org", SOFT, 2),
        bounce("s3", "full@example.org", SOFT, 3),  # three soft bounces in a row
        bounce("r1", "active@example.org", SOFT, 1),
        bounce("r2", "active@example.org", SOFT, 2),
        bounce("r4", "active@example.org", SOFT, 4),  # an engagement at 3 s reset the count: only 1 since
        bounce("k1", "blocked@example.org", BLOCK, 1),
        bounce("k2", "blocked@example.org", BLOCK, 2),
        bounce("k3", "blocked@example.org", BLOCK, 3),  # blocks say nothing about the recipient
        bounce("h1", "dead@example.org", HARD, 1),  # a redelivered copy of h1
    ])
    produce(job, "engagement", [engagement("e3", "active@example.org", 3)])

    expected = {"dead@example.org", "full@example.org"}
    worker.wait_ready(STARTUP)
    took = commands.wait_for(lambda docs: expected <= {d["recipient"] for d in docs}, 60, "commands", worker)
    wait_processed(job, ("bounces", "engagement", "contact-events"), 60, worker)
    commands.settle(QUIET)

    found = by_recipient(commands.docs())
    assert set(found) == expected, f"commands for {sorted(found)} after {took:.1f} s"
    for recipient, docs in found.items():
        assert len(docs) == 1, f"{recipient} was unsubscribed {len(docs)} times: {docs}"
    dead, full = found["dead@example.org"][0], found["full@example.org"][0]
    assert (dead["reason"], dead["tenant"], [e["id"] for e in dead["evidence"]]) == ("hard_bounce", "acme", ["h1"])
    assert dead["evidence"][0]["status"] == "5.1.1" and dead["evidence"][0]["class"] == "hard"
    assert full["reason"] == "consecutive_bounces"
    assert [(e["id"], e["reason"], e["class"]) for e in full["evidence"]] == [
        ("s1", "mailboxfull", "soft"), ("s2", "mailboxfull", "soft"), ("s3", "mailboxfull", "soft")]
    assert parse_ms(full["decided_at"]) == parse_ms(at(3)), "decided at the event time of the deciding bounce"
    for doc in commands.docs():
        assert contracts.problems("commands", doc) == []
    # Keyed by contact: every command of one contact lands in one partition, whatever the producer keyed by.
    assert all(key == orjson.dumps(["acme", doc["recipient"]]) for key, doc in
               zip((k for k, _v, _p, _o in commands.records), commands.docs()))


def test_bad_messages_are_dead_lettered_and_the_job_goes_on(job, worker, commands):
    # One key for all: one partition, so the good message queues behind the bad ones.
    bad = [
        (b"k", b'{"id": "x1", "tenant": "acme", '),  # malformed JSON (cut off)
        (b"k", orjson.dumps({"id": "x2", "received_at": at(1), "format": "smtp", "payload": "550 5.1.1 no"})),  # no tenant
        (b"k", orjson.dumps({"id": "x3", "tenant": "acme", "received_at": at(1), "format": "fax",
                             "recipient": "a@example.org", "payload": "550 5.1.1 no"})),  # unknown format
        (b"k", b"\xff\xfe not even UTF-8"),
    ]
    placed = produce(job, "bounces", [*bad, (b"k", bounce("g1", "next@example.org", HARD, 1)[1])])
    bad_engagement = (b"e1", orjson.dumps({"id": "e1", "tenant": "acme", "recipient": "next@example.org",
                                           "type": "open", "occurred_at": "yesterday"}))
    placed_engagement = produce(job, "engagement", [bad_engagement])

    dead_letters = TopicReader(job, "dead-letter")
    try:
        worker.wait_ready(STARTUP)
        commands.wait_for(lambda docs: any(d["recipient"] == "next@example.org" for d in docs), 60,
                          "command for the good message after the bad ones", worker)
        dead_letters.wait_for(lambda docs: len(docs) >= len(bad) + 1, 60, "dead letters", worker)
        wait_processed(job, ("bounces", "engagement"), 60, worker)
        dead_letters.settle(0.5)
        records = {(d["source"]["topic"], d["source"]["partition"], d["source"]["offset"]): d
                   for d in dead_letters.docs()}
    finally:
        dead_letters.close()

    sources = [(job.topic("bounces"), *where) for where in placed[:len(bad)]]
    sources.append((job.topic("engagement"), *placed_engagement[0]))
    assert sorted(records) == sorted(sources), "exactly the bad messages are dead-lettered, once each"
    for source, (_key, value) in zip(sources, [*bad, bad_engagement]):
        record = records[source]
        assert base64.b64decode(record["value_base64"]) == value, "the original bytes, exactly"
        assert record["error"], "the dead letter says what was wrong"
        assert record["dead_lettered_at"]
        assert contracts.problems("dead-letter", record) == []
    assert "JSON" in records[sources[0]]["error"]
    assert "tenant" in records[sources[1]]["error"]
    assert "format" in records[sources[2]]["error"] or "fax" in records[sources[2]]["error"]


def test_sigterm_stops_the_worker_cleanly_within_seconds(job, worker, commands):
    worker.wait_ready(STARTUP)
    produce(job, "bounces", [bounce("t1", "gone@example.org", HARD, 1)])
    commands.wait_for(lambda docs: len(docs) == 1, 60, "a command from the running worker", worker)

    code, seconds = worker.terminate(timeout=30)
    print(f"SIGTERM to exit {code}: {seconds:.1f} s")

    assert code == 0, f"exit code {code} after SIGTERM:\n{worker.tail()}"
    assert seconds < 10, f"took {seconds:.1f} s to stop"
    assert "Traceback" not in worker.output()


def test_kill_9_and_lost_data_dir_forget_no_contact_and_decide_none_twice(worker_env, job, tmp_path, commands):
    # Phase 1, with a grace period longer than the test: decisions are recorded but stay pending.
    env = {**worker_env, "HYGIENE_GRACE_SECONDS": "600"}
    first = WorkerProcess(env, tmp_path / "worker.log").start()
    try:
        twice = [f"two-{n}@example.org" for n in range(8)]  # two soft bounces before the kill, one after
        decided = [f"three-{n}@example.org" for n in range(8)]  # decided before the kill, sent after it
        produce(job, "bounces", [bounce(f"{a}-{i}", a, SOFT, i) for a in twice for i in (1, 2)]
                + [bounce(f"{a}-{i}", a, SOFT, i) for a in decided for i in (1, 2, 3)])
        first.wait_ready(STARTUP)
        # Every event is folded and committed, so the restart cannot rebuild the table by reprocessing:
        # only the changelog has it.
        wait_processed(job, ("bounces", "contact-events"), 60, first)
        first.kill()
    finally:
        first.kill()
    commands.poll()
    assert commands.docs() == [], "nothing was due before the kill"
    shutil.rmtree(job.data_dir)

    second = WorkerProcess(worker_env, tmp_path / "worker.log").start()
    try:
        produce(job, "bounces", [bounce(f"{a}-4", a, SOFT, 4) for a in twice])
        started = time.monotonic()
        recovery = second.wait_ready(STARTUP)
        expected = set(twice) | set(decided)
        commands.wait_for(lambda docs: expected <= {d["recipient"] for d in docs}, 60, "commands", second)
        wait_processed(job, ("bounces", "contact-events"), 60, second)
        commands.settle(QUIET)
        print(f"restart to ready (table restored from the changelog): {recovery:.1f} s; "
              f"to all commands: {time.monotonic() - started:.1f} s")
    finally:
        second.kill()

    found = by_recipient(commands.docs())
    assert set(found) == expected
    for recipient, docs in found.items():
        assert len({d["command_id"] for d in docs}) == 1, f"{recipient} decided twice: {docs}"
    for recipient in twice:
        assert [e["id"] for e in found[recipient][0]["evidence"]] == [f"{recipient}-{i}" for i in (1, 2, 4)]
    for recipient in decided:
        assert [e["id"] for e in found[recipient][0]["evidence"]] == [f"{recipient}-{i}" for i in (1, 2, 3)]


def test_kill_9_while_bounces_flow_loses_none_and_decides_none_twice(worker_env, job, tmp_path, commands):
    # A steady stream of hard bounces, one contact each, runs through the kill, the downtime and the
    # restart (whose table comes from the changelog alone), so records arrive while the new worker
    # recovers, seeks and resumes: every contact must still be unsubscribed, with one decision each.
    def hard(n: int) -> tuple[bytes, bytes]:
        return bounce(f"m{n}", f"c{n}@example.org", HARD, 1)

    first = WorkerProcess(worker_env, tmp_path / "worker.log").start()
    second = WorkerProcess(worker_env, tmp_path / "worker.log")
    stream = SteadyProducer(job, "bounces", hard, interval=0.02)
    try:
        first.wait_ready(STARTUP)
        stream.start()
        commands.wait_for(lambda docs: len(docs) >= 20, 60, "commands before the kill", first)
        first.kill()  # mid-stream: some bounces read, some folded, some decided, some sent
        shutil.rmtree(job.data_dir)
        second.start().wait_ready(STARTUP)
        stream.wait_sent(stream.sent + 100, 60)  # the stream goes on after the restart
        sent = stream.stop()
        expected = {f"c{n}@example.org" for n in range(sent)}
        commands.wait_for(lambda docs: expected <= {d["recipient"] for d in docs}, 90, "commands", second)
        wait_processed(job, ("bounces", "contact-events"), 60, second)
        commands.settle(QUIET)
    finally:
        stream.stop()
        first.kill()
        second.kill()

    found = by_recipient(commands.docs())
    assert set(found) == expected, f"{len(expected - set(found))} of {sent} contacts never unsubscribed"
    for recipient, docs in found.items():
        assert len({d["command_id"] for d in docs}) == 1, f"{recipient} decided twice: {docs}"
    print(f"{sent} bounces streamed through a kill -9; {len(commands.docs()) - sent} duplicate commands")
