"""The command line as a user meets it: --version, help texts, one error style, bad settings, no broker."""
from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from streams import cli
from streams.commands import consume, produce
from streams.topics import TOPICS

ROOT = Path(__file__).resolve().parents[2]
KAFKA_COMMANDS = ("worker", "topics", "produce", "consume")


def bounce_hygiene(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "streams.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


def parsers() -> dict[str, argparse.ArgumentParser]:
    """The parser of bounce-hygiene ("") and of each command, by name."""
    parser = cli.build_parser()
    return {"": parser, **parser._subparsers._group_actions[0].choices}


def helps() -> dict[str, str]:
    return {name: parser.format_help() for name, parser in parsers().items()}


def test_version():
    result = bounce_hygiene("--version")
    assert result.returncode == 0 and re.fullmatch(r"bounce-hygiene \d+\.\d+\.\d+\S*\n", result.stdout)


@pytest.mark.parametrize("name", ["", *(name for name, _ in cli.COMMANDS)])
def test_help_is_written_for_users_with_defaults_shown(name):
    text = helps()[name]
    for internal in ("streams/", "streams.", ".py", "module under", "commands/"):
        assert internal not in text, f"{name or 'bounce-hygiene'} --help mentions {internal!r}"
    assert "(default: None)" not in text
    command = parsers()[name]
    for action in command._actions:
        if action.option_strings and action.default not in (None, False, "", "==SUPPRESS==") and action.help:
            assert "default" in command._get_formatter()._get_help_string(action), action.option_strings


@pytest.mark.parametrize("name", KAFKA_COMMANDS)
def test_every_kafka_command_takes_bootstrap_servers(name):
    assert "--bootstrap-servers" in helps()[name]


def test_produce_and_consume_reach_every_topic_role():
    for name in ("produce", "consume"):
        text = " ".join(helps()[name].split())
        for spec in TOPICS:
            assert spec.role in text, (name, spec.role)


def test_a_usage_error_is_one_line_in_the_common_style():
    result = bounce_hygiene("consume", "--topic", "nope")
    assert result.returncode == 2
    assert result.stderr.startswith("bounce-hygiene consume: argument --topic: invalid choice: 'nope'")
    assert len(result.stderr.splitlines()) == 1 and "--help" in result.stderr


def test_bad_settings_are_named_one_line_each_without_a_traceback():
    result = bounce_hygiene("replay", "--bounces", "x", "--engagement", "y",
                            env={"HYGIENE_GRACE_SECONDS": "abc", "HYGIENE_PARTITIONS": "many"})
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "bounce-hygiene replay: HYGIENE_GRACE_SECONDS='abc': not a number of seconds 0 or more (default 300)",
        "bounce-hygiene replay: HYGIENE_PARTITIONS='many': not a whole number of 1 or more (default 6)",
    ]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens there once the socket is closed


@pytest.mark.parametrize("args", [["consume", "--topic", "commands", "--timeout", "0"], ["topics", "create"]])
def test_an_unreachable_broker_is_one_line_naming_the_setting(args):
    address = f"127.0.0.1:{_closed_port()}"
    result = bounce_hygiene(*args, "--bootstrap-servers", address, env={"KAFKA_BOOTSTRAP_SERVERS": "ignored:1"})
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"bounce-hygiene {args[0]}: no Kafka broker answered at {address}")
    assert "KAFKA_BOOTSTRAP_SERVERS" in line and "--bootstrap-servers" in line


def test_a_missing_replay_input_is_one_line():
    result = bounce_hygiene("replay", "--bounces", "missing.jsonl", "--engagement", "missing-too.jsonl")
    assert (result.returncode, result.stderr) == (2, "bounce-hygiene replay: missing.jsonl: No such file or directory\n")


COMMAND = {
    "command_id": "0" * 32, "tenant": "acme", "recipient": "ann@example.org", "contact_id": "c-7",
    "reason": "consecutive_bounces", "decided_at": "2026-11-28T10:00:00.000Z", "last_activity_at": None,
    "policy": {"name": "default", "version": "1", "hard_bounce_limit": 1, "consecutive_bounce_limit": 2},
    "evidence": [
        {"id": "b1", "at": "2026-11-27T10:00:00.000Z", "format": "smtp", "status": "4.2.2", "reply_code": "452",
         "reason": "mailboxfull", "class": "soft", "rule_id": "r:full", "diagnostic": "452 mailbox full"},
        {"id": "b2", "at": "2026-11-28T10:00:00.000Z", "format": "dsn", "status": "4.2.2", "reason": "mailboxfull",
         "class": "soft", "rule_id": "r:full", "diagnostic": "Mailbox\n  is full"},
    ],
}


def test_a_pretty_command_says_when_who_why_and_the_deciding_bounce():
    line = consume.pretty_command(COMMAND)
    assert "\n" not in line
    assert line.startswith("2026-11-28T10:00:00.000Z  acme  ann@example.org (c-7)  consecutive_bounces after 2 bounces")
    assert line.endswith('deciding: 2026-11-28T10:00:00.000Z dsn 4.2.2 mailboxfull/soft [r:full] "Mailbox is full"')


def test_a_pretty_dead_letter_says_when_where_and_why():
    line = consume.pretty_dead_letter({"dead_lettered_at": "2026-11-28T10:00:00.000Z", "error": "not JSON: x",
                                       "source": {"topic": "email.bounces.raw", "partition": 3, "offset": 9}})
    assert line == "2026-11-28T10:00:00.000Z  email.bounces.raw/3/9  not JSON: x"


@pytest.mark.parametrize(("role", "line", "key"), [
    ("bounces", b'{"id": "r1", "tenant": "acme"}', b"r1"),
    ("engagement", b'{"id": 7}', b"7"),
    ("commands", b'{"tenant": "acme", "recipient": "ann@example.org"}', b'["acme","ann@example.org"]'),
    ("contact-events", b'{"src": "b/1", "pos": [1, 0], "event": {"tenant": "acme", "recipient": "ann@example.org"}}',
     b'["acme","ann@example.org"]'),
    ("dead-letter", b'{"id": "r1", "value": "x"}', None),
    ("bounces", b"{not json", None),
])
def test_produce_keys_each_role_as_the_job_does(role, line, key):
    assert produce.key_of(line, role) == key
