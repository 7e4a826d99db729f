"""`bounce-hygiene replay`: the pipeline over JSONL files, no broker (the embedded default)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from streams.policyfile import Policies, PolicyError, parse
from streams.replay import Line, replay


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("replay", help="decide over JSONL files of raw bounces and engagement, no broker")
    parser.add_argument("--bounces", type=Path, required=True, help="raw bounces, one JSON message per line")
    parser.add_argument("--engagement", type=Path, required=True, help="engagement events, one per line")
    parser.add_argument("--policy", type=Path, help="policy file (TOML); default: HYGIENE_POLICY, else built in")
    parser.add_argument("--out", type=Path, help="write commands here (default: standard output)")
    parser.add_argument("--dead-letter", type=Path, help="write dead letters here (default: standard error)")
    parser.set_defaults(func=run)


def load_policies(path: Path | None) -> Policies:
    """The policies of a policy file, or the built-in default when there is none."""
    return parse(path.read_text("utf-8"), str(path)) if path else parse()


def _lines(role: str, path: Path):
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, 1):
            value = raw.rstrip(b"\r\n")
            if value.strip():
                yield Line(role, str(path), number, value)


def _write(path: Path | None, fallback, records: list[bytes]) -> None:
    data = b"".join(record + b"\n" for record in records)
    if path is None:
        fallback.buffer.write(data)
        fallback.flush()
    else:
        path.write_bytes(data)


def run(args: argparse.Namespace, settings) -> int:
    try:
        policies = load_policies(args.policy or settings.policy_file)
    except (OSError, PolicyError) as exc:
        print(f"replay: policy: {exc}", file=sys.stderr)
        return 2
    try:
        lines = [*_lines("bounces", args.bounces), *_lines("engagement", args.engagement)]
    except OSError as exc:
        print(f"replay: {exc}", file=sys.stderr)
        return 2
    result = replay(lines, policies)
    _write(args.out, sys.stdout, result.commands)
    _write(args.dead_letter, sys.stderr, result.dead_letters)
    print(
        f"replay: {len(lines)} messages, {len(result.commands)} commands, "
        f"{len(result.dead_letters)} dead letters",
        file=sys.stderr,
    )
    return 1 if result.dead_letters else 0
