"""`bounce-hygiene topics create`: every topic of streams/topics.py and the table changelog, idempotently."""
from __future__ import annotations

import argparse
import sys

from confluent_kafka import KafkaException

from streams import kafkaio
from streams.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("topics", help="create the job's topics (idempotent)", description=__doc__)
    parser.add_argument("action", choices=("create",))
    parser.add_argument("--replication-factor", type=int, default=None,
                        help="replicas per partition of new topics (default: HYGIENE_REPLICATION_FACTOR, else 1)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    replication = args.replication_factor or settings.replication_factor
    try:
        created = set(kafkaio.create_topics(settings, replication))
    except kafkaio.TopicMismatch as error:
        print(f"topics create: {error}", file=sys.stderr)
        return 1
    except KafkaException as error:
        print(f"topics create: {settings.bootstrap_servers}: {error}", file=sys.stderr)
        return 1
    for plan in kafkaio.topic_plan(settings):
        state = "created" if plan.name in created else "exists "
        print(f"{state} {plan.name} ({plan.partitions} partitions)")
    return 0
