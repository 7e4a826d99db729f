"""The one definition of every Kafka topic the job reads or writes: names, partitions, configs.

Outside producers write `bounces` and `engagement` with any key and any partitioner; the job
re-keys every event by contact into its internal contact-events topic, so the table and its
source are co-partitioned by construction. Internal topics are named after the app id, as Kafka
Streams names its own: two apps on one cluster never read each other's.
"""
from __future__ import annotations

from dataclasses import dataclass

# Every topic of the job has this many partitions unless HYGIENE_PARTITIONS says otherwise;
# contact-events and the table changelog must agree, so they are created together by `topics create`.
PARTITIONS = 6
# An internal topic only carries events until the table has folded them in.
_INTERNAL_RETENTION_MS = str(7 * 24 * 3600 * 1000)


@dataclass(frozen=True, slots=True)
class TopicSpec:
    role: str  # the name used on the command line: bounces, engagement, commands, ...
    env: str | None  # the setting that renames it; None for an internal topic, named "<app id>-<default>"
    default: str
    config: tuple[tuple[str, str], ...] = ()


TOPICS: tuple[TopicSpec, ...] = (
    TopicSpec("bounces", "HYGIENE_TOPIC_BOUNCES", "email.bounces.raw"),
    TopicSpec("engagement", "HYGIENE_TOPIC_ENGAGEMENT", "email.engagement"),
    TopicSpec("commands", "HYGIENE_TOPIC_COMMANDS", "contact.unsubscribe-commands"),
    TopicSpec("dead-letter", "HYGIENE_TOPIC_DEAD_LETTER", "email.hygiene.dead-letter"),
    TopicSpec(
        "contact-events",
        None,
        "contact-events",
        (("retention.ms", _INTERNAL_RETENTION_MS),),
    ),
)

BY_ROLE = {spec.role: spec for spec in TOPICS}

# The faust table of per-contact state; faust names its changelog "<app id>-<table>-changelog".
CONTACTS_TABLE = "contacts"
CHANGELOG_CONFIG: tuple[tuple[str, str], ...] = (("cleanup.policy", "compact"),)


def changelog_topic(app_id: str) -> str:
    """The compacted changelog of the contacts table; it must have as many partitions as contact-events."""
    return f"{app_id}-{CONTACTS_TABLE}-changelog"
