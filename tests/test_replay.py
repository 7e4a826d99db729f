"""Replay over files: the live decisions, deterministic, and nothing lost on bad lines."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.policyfile import parse
from streams.replay import Line, replay

ROOT = Path(__file__).resolve().parent.parent
POLICIES = parse()


def bounce_line(id, minute, payload="452 4.2.2 Mailbox full", recipient="ann@example.org", **extra):
    doc = {"id": id, "tenant": "acme", "received_at": f"2026-11-28T10:{minute:02d}:00Z", "format": "smtp",
           "payload": payload, "recipient": recipient} | extra
    return Line("bounces", "b.jsonl", 1, orjson.dumps(doc))


def open_line(id, minute, recipient="ann@example.org"):
    doc = {"id": id, "tenant": "acme", "recipient": recipient, "type": "open",
           "occurred_at": f"2026-11-28T10:{minute:02d}:00Z"}
    return Line("engagement", "e.jsonl", 1, orjson.dumps(doc))


def commands(lines):
    return [orjson.loads(c) for c in replay(lines, POLICIES).commands]


def test_replay_decides_in_event_time_order_whatever_the_file_order():
    lines = [bounce_line("b3", 30), open_line("e1", 15), bounce_line("b1", 10), bounce_line("b2", 20),
             bounce_line("b4", 40)]
    [command] = commands(lines)
    assert [e["id"] for e in command["evidence"]] == ["b2", "b3", "b4"]
    assert command["last_activity_at"] == "2026-11-28T10:15:00.000Z"


def test_a_contact_is_unsubscribed_once_even_after_more_bounces():
    lines = [bounce_line(f"b{i}", i, "550 5.1.1 user unknown") for i in range(5)]
    [command] = commands(lines)
    assert command["reason"] == "hard_bounce"


@settings(max_examples=50, deadline=None)
@given(st.permutations(list(range(8))))
def test_output_is_byte_identical_for_the_same_input_in_any_order(order):
    lines = [bounce_line(f"b{i}", i * 3, recipient=f"r{i % 3}@example.org") for i in range(6)]
    lines += [open_line("e1", 7, "r1@example.org"), open_line("e2", 20, "r2@example.org")]
    base = replay(lines, POLICIES).commands
    assert replay([lines[i] for i in order], POLICIES).commands == base


def test_the_command_line_writes_commands_and_dead_letters_and_exits_non_zero_on_bad_lines(tmp_path):
    bounces = tmp_path / "bounces.jsonl"
    bounces.write_bytes(bounce_line("b1", 1, "550 5.1.1 user unknown").value + b"\n{oops\n")
    engagement = tmp_path / "engagement.jsonl"
    engagement.write_bytes(b"")
    out, dead = tmp_path / "out.jsonl", tmp_path / "dead.jsonl"
    args = [sys.executable, "-m", "streams.cli", "replay", "--bounces", str(bounces), "--engagement",
            str(engagement), "--out", str(out), "--dead-letter", str(dead)]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1
    assert "1 commands, 1 dead letters" in done.stderr
    assert [orjson.loads(x)["reason"] for x in out.read_bytes().splitlines()] == ["hard_bounce"]
    [letter] = [orjson.loads(x) for x in dead.read_bytes().splitlines()]
    assert letter["value"] == "{oops"
    assert letter["source"] == {"file": str(bounces), "line": 2}
    first = out.read_bytes()
    subprocess.run(args, cwd=ROOT, capture_output=True)
    assert out.read_bytes() == first


def test_the_bundled_sample_replays_to_the_expected_commands(tmp_path):
    out = tmp_path / "out.jsonl"
    done = subprocess.run([sys.executable, "-m", "streams.cli", "replay", "--bounces",
                           "deploy/sample/bounces.jsonl", "--engagement", "deploy/sample/engagement.jsonl",
                           "--out", str(out), "--dead-letter", str(tmp_path / "dead.jsonl")],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1  # the sample holds one malformed line on purpose
    got = sorted((c["recipient"], c["reason"]) for c in map(orjson.loads, out.read_bytes().splitlines()))
    assert got == [("full.box@example.org", "consecutive_bounces"), ("gone@example.net", "hard_bounce"),
                   ("nobody@example.org", "hard_bounce")]


def test_the_command_streams_the_same_commands_as_replay_when_its_input_is_sorted_on_disk(tmp_path, monkeypatch,
                                                                                          capsysbinary):
    from streams import cli, eventsort

    lines = [bounce_line(f"b{i}", i, recipient=f"r{i % 4}@example.org") for i in range(40)]
    lines += [open_line(f"e{i}", i * 3 + 1, f"r{i % 4}@example.org") for i in range(8)]
    bounces, engagement = tmp_path / "b.jsonl", tmp_path / "e.jsonl"
    bounces.write_bytes(b"".join(line.value + b"\n" for line in reversed(lines) if line.role == "bounces"))
    engagement.write_bytes(b"".join(line.value + b"\n" for line in lines if line.role == "engagement"))
    monkeypatch.setattr(eventsort, "RUN_EVENTS", 5)  # 48 events: ten runs on disk
    assert cli.main(["replay", "--bounces", str(bounces), "--engagement", str(engagement), "--progress", "never"]) == 0
    out = capsysbinary.readouterr()
    expected = replay(lines, POLICIES).commands
    assert expected and out.out == b"".join(command + b"\n" for command in expected)
    assert out.err == b"replay: 48 messages, %d commands, 0 dead letters\n" % len(expected)


def test_the_command_draws_a_progress_bar_then_the_summary(tmp_path, capsysbinary):
    from streams import cli

    bounces, engagement = tmp_path / "b.jsonl", tmp_path / "e.jsonl"
    bounces.write_bytes(bounce_line("b1", 1, "550 5.1.1 user unknown").value + b"\n")
    engagement.write_bytes(b"")
    assert cli.main(["replay", "--bounces", str(bounces), "--engagement", str(engagement), "--progress", "always"]) == 0
    err = capsysbinary.readouterr().err
    assert err.startswith(b"\rreplay [") and b"100%" in err
    assert err.endswith(b"\r\x1b[Kreplay: 1 messages, 1 commands, 0 dead letters\n")
