"""Parse and classify bounce files (e-mails, SMTP replies, provider JSON): one JSON line per file, in order.

Each line is {"file", "bounces": [row, ...]} or, for a file that cannot be read or parsed,
{"file", "error"}; the command goes on to the next file and exits 1 when any file failed.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import orjson

from streams.model import Classified, Format, ParseError, Policy
from streams.settings import Settings

DETECT = "detect"


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("classify", help="parse and classify bounce files, one JSON line per file",
                            description=__doc__)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--format", default=DETECT, choices=[DETECT, *(f.value for f in Format)],
                        help="how to read every FILE (default: detect provider JSON by its shape, else e-mail)")
    parser.add_argument("--recipient", default="", help="the failed address, for --format smtp")
    parser.add_argument("--policy", type=Path, help="policy file (default: HYGIENE_POLICY, else the packaged one)")
    parser.set_defaults(func=run)


def row(item: Classified) -> dict[str, Any]:
    """One classified recipient as a JSON object."""
    bounce = item.bounce
    return {
        "recipient": bounce.recipient,
        "status": bounce.status,
        "reply_code": bounce.reply_code,
        "reason": str(item.verdict.reason),
        "class": str(item.bounce_class),
        "rule_id": item.verdict.rule_id,
        "diagnostic": bounce.diagnostic,
        "action": bounce.action,
        "remote_host": bounce.remote_host,
        "message_id": bounce.message_id,
        "feedback_type": bounce.feedback_type,
        "contact_hints": [list(pair) for pair in bounce.contact_hints],
    }


def classify_file(path: Path, fmt: str, recipient: str, policy: Policy) -> dict[str, Any]:
    """The output object of one file; errors are values."""
    from streams.analyze import analyze
    from streams.bounces.detect import detect, payload_as

    try:
        data = path.read_bytes()
    except OSError as exc:
        return {"file": str(path), "error": f"cannot read: {exc.strerror or exc}"}
    try:
        if fmt == DETECT:
            chosen, payload = detect(data)
        else:
            chosen = Format(fmt)
            payload = payload_as(chosen, data)
        rows = analyze(chosen, payload, policy, recipient)
    except ParseError as exc:
        return {"file": str(path), "error": f"not decoded: {exc}"}
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others; the error is shown
        return {"file": str(path), "error": f"internal error: {type(exc).__name__}: {exc}"}
    return {"file": str(path), "format": str(chosen), "bounces": [row(r) for r in rows]}


def dumps(obj: dict[str, Any]) -> bytes:
    """orjson, with text from undecodable 8-bit mail (surrogate escapes) made printable."""
    try:
        return orjson.dumps(obj)
    except TypeError:
        return orjson.dumps(_clean(obj))


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def run(args: argparse.Namespace, settings: Settings) -> int:
    from streams.commands.evaluate import load_policy

    policy = load_policy("classify", args.policy or settings.policy_file)
    if policy is None:
        return 2
    failed = False
    out = sys.stdout.buffer
    for path in args.files:
        result = classify_file(path, args.format, args.recipient, policy)
        failed |= "error" in result
        out.write(dumps(result) + b"\n")
        out.flush()
    return 1 if failed else 0
