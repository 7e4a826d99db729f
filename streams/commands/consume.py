"""`bounce-hygiene consume --topic commands|dead-letter`: print a topic as JSONL from the beginning.

Reads every partition from its first offset with a fresh group id and commits nothing, so it never
disturbs the job's own consumer group; stops once no message came for --timeout seconds.
"""
from __future__ import annotations

import argparse
import sys
import time
import uuid

from confluent_kafka import OFFSET_BEGINNING, KafkaError, KafkaException, TopicPartition

from streams import kafkaio
from streams.settings import Settings

METADATA_TIMEOUT_S = 30.0


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("consume", help="print an output topic as JSONL from the beginning",
                            description=__doc__)
    parser.add_argument("--topic", required=True, choices=("commands", "dead-letter"), help="topic role")
    parser.add_argument("--timeout", type=float, default=5.0,
                        help="stop after this many seconds without a message (0: never stop)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    topic = settings.topic(args.topic)
    consumer = kafkaio.consumer(settings, f"bounce-hygiene-consume-{uuid.uuid4().hex}")
    try:
        metadata = consumer.list_topics(topic, timeout=METADATA_TIMEOUT_S).topics[topic]
        if metadata.error is not None:
            print(f"consume: {topic}: {metadata.error.str()}", file=sys.stderr)
            return 1
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
            out.write((message.value() or b"") + b"\n")
            out.flush()  # one line as soon as it comes, for `make run`
            last = time.monotonic()
    except KafkaException as error:
        print(f"consume: {topic}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()
    return 0
