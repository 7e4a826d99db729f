"""Send a JSONL file to a topic, one message per line.

Keys are what the job's own producers use: the `id` field for raw bounces and engagement (any key
would do: the job re-keys by contact), ["tenant","recipient"] for unsubscribe commands and contact
events, none for dead letters. Lines that are not JSON objects are sent all the same (no key), as any
other producer might: the job dead-letters them. A file written by `consume` goes back unchanged.
"""
from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import BinaryIO

import orjson

from streams import kafkaio
from streams.commands import fail, kafka_options
from streams.events import contact_key
from streams.settings import Settings
from streams.topics import TOPICS

FLUSH_TIMEOUT_S = 60.0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("produce", help="send a JSONL file to a topic, one message per line",
                            description=__doc__)
    parser.add_argument("--topic", required=True, choices=[spec.role for spec in TOPICS],
                        help="the topic, by its role (the names are set by HYGIENE_TOPIC_*)")
    parser.add_argument("file", type=argparse.FileType("rb"), metavar="FILE", help="JSONL file, or - for standard input")
    kafka_options(parser)
    parser.set_defaults(func=run)


def key_of(value: bytes, role: str = "bounces") -> bytes | None:
    """The message key of a line for the topic of `role`; None when the line has none."""
    try:
        message = orjson.loads(value)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(message, dict):
        return None
    if role in ("commands", "contact-events"):
        doc = message.get("event", message)  # a contact event is {"src", "pos", "event": {...}}
        if not isinstance(doc, dict):
            return None
        tenant, recipient = doc.get("tenant"), doc.get("recipient")
        return contact_key(tenant, recipient) if isinstance(tenant, str) and isinstance(recipient, str) else None
    if role == "dead-letter" or message.get("id") is None:
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
                    producer.produce(topic, value, key_of(value, args.topic), on_delivery=delivered)
                    break
                except BufferError:  # local queue full: serve delivery reports, then retry
                    producer.poll(0.5)
            producer.poll(0)
            sent += 1
    unsent = producer.flush(FLUSH_TIMEOUT_S)
    if failures or unsent:
        return fail("produce", f"{len(failures) + unsent} of {sent} messages not delivered to {topic}: "
                               f"{failures[0] if failures else 'the broker did not confirm them within 60 s'}")
    print(f"produced {sent} messages to {topic}")
    return 0
