"""`bounce-hygiene produce --topic bounces|engagement FILE`: send a JSONL file, one message per line."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import BinaryIO

import orjson

from streams import kafkaio
from streams.settings import Settings

FLUSH_TIMEOUT_S = 60.0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("produce", help="send a JSONL file to an input topic, keyed by each message's id",
                            description=__doc__)
    parser.add_argument("--topic", required=True, choices=("bounces", "engagement"), help="topic role")
    parser.add_argument("file", type=argparse.FileType("rb"), help="JSONL file, or - for standard input")
    parser.set_defaults(func=run)


def key_of(value: bytes) -> bytes | None:
    """The message key: the `id` field of a JSON object, None when the line has none.

    Lines that are not JSON objects are sent all the same (key null) so that the job's
    dead-letter path sees them, as it would from any other producer.
    """
    try:
        message = orjson.loads(value)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(message, dict) or message.get("id") is None:
        return None
    ident = message["id"]
    return ident.encode() if isinstance(ident, str) else orjson.dumps(ident)


def lines(handle: BinaryIO) -> Iterator[bytes]:
    """The non-empty lines of a JSONL file, without their line endings."""
    for raw in handle:
        value = raw.rstrip(b"\r\n")
        if value.strip():
            yield value


def run(args: argparse.Namespace, settings: Settings) -> int:
    topic = settings.topic(args.topic)
    producer = kafkaio.producer(settings)
    failures: list[str] = []

    def delivered(error, _message) -> None:
        if error is not None:
            failures.append(str(error))

    sent = 0
    with args.file as handle:
        for value in lines(handle):
            while True:
                try:
                    producer.produce(topic, value, key_of(value), on_delivery=delivered)
                    break
                except BufferError:  # local queue full: serve delivery reports, then retry
                    producer.poll(0.5)
            producer.poll(0)
            sent += 1
    unsent = producer.flush(FLUSH_TIMEOUT_S)
    if failures or unsent:
        print(f"produce: {len(failures) + unsent} of {sent} messages not delivered to {topic}: "
              f"{failures[0] if failures else 'flush timed out'}", file=sys.stderr)
        return 1
    print(f"produced {sent} messages to {topic}")
    return 0
