"""Print a topic from its beginning, one message a line: JSONL, or with --pretty one readable line per
unsubscribe command or dead letter.

Every partition is read from its first offset by a reader of its own that commits nothing, so the
job's consumer group is never disturbed. Stops once no message came for --timeout seconds (0: keeps
following the topic until Ctrl-C). Exports of the input topics: `consume --topic bounces > file.jsonl`,
which `produce --topic bounces file.jsonl` sends again.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from typing import Any

import orjson
from confluent_kafka import OFFSET_BEGINNING, KafkaError, KafkaException, TopicPartition

from streams import kafkaio
from streams.commands import fail, kafka_options
from streams.settings import Settings
from streams.topics import TOPICS

METADATA_TIMEOUT_S = 30.0
PRETTY_ROLES = ("commands", "dead-letter")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("consume", help="print a topic from its beginning as JSONL (or --pretty)",
                            description=__doc__)
    parser.add_argument("--topic", required=True, choices=[spec.role for spec in TOPICS],
                        help="the topic, by its role (the names are set by HYGIENE_TOPIC_*)")
    parser.add_argument("--timeout", type=float, default=5.0,
                        help="stop after this many seconds without a message; 0: never stop")
    parser.add_argument("--pretty", action="store_true",
                        help="one readable line per message (commands and dead-letter only): when, who, why,"
                             " the deciding evidence")
    kafka_options(parser)
    parser.set_defaults(func=run)


def _text(value: Any, limit: int) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def pretty_command(doc: dict[str, Any]) -> str:
    """An unsubscribe command as one line: when, who, why, and the bounce that decided it."""
    evidence = doc.get("evidence") or [{}]
    last = evidence[-1]
    counted = f"{len(evidence)} bounce{'s' if len(evidence) != 1 else ''}"
    contact = f" ({doc['contact_id']})" if doc.get("contact_id") else ""
    code = " ".join(part for part in (last.get("reply_code"), last.get("status")) if part)
    return (f"{doc.get('decided_at')}  {doc.get('tenant')}  {doc.get('recipient')}{contact}  {doc.get('reason')}"
            f" after {counted}; deciding: {last.get('at')} {last.get('format')} {code} {last.get('reason')}/"
            f"{last.get('class')} [{last.get('rule_id')}] \"{_text(last.get('diagnostic'), 120)}\"")


def pretty_dead_letter(doc: dict[str, Any]) -> str:
    """A dead letter as one line: when, where from, why (the original is in the topic)."""
    source = doc.get("source") or {}
    where = "/".join(str(source[part]) for part in ("topic", "partition", "offset", "file", "line") if part in source)
    return f"{doc.get('dead_lettered_at', '-')}  {where}  {_text(doc.get('error'), 300)}"


def _line(role: str, value: bytes | None, pretty: bool) -> bytes:
    if not pretty:
        return (value or b"") + b"\n"
    try:
        doc = orjson.loads(value or b"")
    except orjson.JSONDecodeError:
        return (value or b"") + b"\n"
    if not isinstance(doc, dict):
        return (value or b"") + b"\n"
    text = pretty_command(doc) if role == "commands" else pretty_dead_letter(doc)
    return text.encode("utf-8", "replace") + b"\n"


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.pretty and args.topic not in PRETTY_ROLES:
        return fail("consume", f"--pretty reads {' and '.join(PRETTY_ROLES)} only; leave it out for {args.topic}", 2)
    topic = settings.topic(args.topic)
    consumer = kafkaio.consumer(settings, f"bounce-hygiene-consume-{uuid.uuid4().hex}")
    try:
        metadata = consumer.list_topics(topic, timeout=METADATA_TIMEOUT_S).topics[topic]
        if metadata.error is not None:
            if metadata.error.code() == KafkaError.UNKNOWN_TOPIC_OR_PART:
                return fail("consume", f"topic {topic} does not exist: run `bounce-hygiene topics create`")
            return fail("consume", f"{topic}: {metadata.error.str()}")
        consumer.assign([TopicPartition(topic, p, OFFSET_BEGINNING) for p in sorted(metadata.partitions)])
        out = sys.stdout.buffer
        last = time.monotonic()
        while not args.timeout or time.monotonic() - last < args.timeout:
            message = consumer.poll(0.2)
            if message is None:
                continue
            if message.error() is not None:
                if message.error().code() == KafkaError._PARTITION_EOF:
                    continue
                raise KafkaException(message.error())
            out.write(_line(args.topic, message.value(), args.pretty))
            out.flush()  # one line as soon as it comes, for `make run`
            last = time.monotonic()
    except KafkaException as error:
        return fail("consume", f"{topic}: {error.args[0].str()}")
    except KeyboardInterrupt:
        pass
    except BrokenPipeError:  # the reader went away (`| head`): no more output, no error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    finally:
        consumer.close()
    return 0
