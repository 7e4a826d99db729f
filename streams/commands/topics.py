"""Create every topic the job reads and writes, and the changelog of its table, with HYGIENE_PARTITIONS
partitions each. Idempotent: existing topics are kept; one with another partition count is an error
(the job's internal topics must be co-partitioned).
"""
from __future__ import annotations

import argparse

from confluent_kafka import KafkaException

from streams import kafkaio
from streams.commands import fail, kafka_options
from streams.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("topics", help="create the job's topics (idempotent)", description=__doc__)
    parser.add_argument("action", choices=("create",), help="create: make the topics that are missing")
    parser.add_argument("--replication-factor", type=int, default=None,
                        help="replicas per partition of new topics (default: HYGIENE_REPLICATION_FACTOR, else 1)")
    kafka_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    replication = args.replication_factor or settings.replication_factor
    try:
        created = set(kafkaio.create_topics(settings, replication))
    except kafkaio.TopicMismatch as error:
        return fail("topics", str(error))
    except KafkaException as error:
        return fail("topics", f"{settings.bootstrap_servers}: {error.args[0].str()}")
    for plan in kafkaio.topic_plan(settings):
        state = "created" if plan.name in created else "exists "
        print(f"{state} {plan.name} ({plan.partitions} partitions)")
    return 0
