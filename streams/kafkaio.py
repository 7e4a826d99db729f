"""confluent-kafka configuration and topic set-up for the command-line tools (librdkafka CONFIGURATION.md).

The topics and their configs come from streams/topics.py; this module only talks to the broker.
Every client gets the security settings of streams.kafkaauth (never logged: they hold the secrets).
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic

from streams.kafkaauth import librdkafka_config
from streams.settings import Settings
from streams.topics import CHANGELOG_CONFIG, TOPICS, changelog_topic

# How long an admin request may take before the command gives up.
ADMIN_TIMEOUT_S = 30.0


class TopicMismatch(RuntimeError):
    """A topic exists with a partition count other than the one the job needs (co-partitioning)."""


@dataclass(frozen=True, slots=True)
class TopicPlan:
    name: str
    partitions: int
    config: dict[str, str]


class _OncePerMinute(logging.Filter):
    """Lets one librdkafka line of each kind (facility, broker, what) through a minute: a broker that
    is down makes librdkafka repeat its connection error several times a second."""

    def __init__(self) -> None:
        super().__init__()
        self.last: dict[tuple[str, str], float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        fac, _name, text = record.args if isinstance(record.args, tuple) and len(record.args) == 3 else ("", "", "")
        kind = (str(fac), str(text)[:48])
        now = time.monotonic()
        if now - self.last.get(kind, -60.0) < 60.0:
            return False
        self.last[kind] = now
        return True


_LIBRDKAFKA = logging.getLogger("streams.kafkaio.librdkafka")
_LIBRDKAFKA.addFilter(_OncePerMinute())


def _quiet_logger() -> logging.Logger:
    # librdkafka prints connection errors to stderr by default; route them through logging instead,
    # where they are visible at WARNING like any other library's, each kind once a minute.
    return _LIBRDKAFKA


def client_config(settings: Settings) -> dict[str, object]:
    """What every client has: the brokers and how to authenticate to them."""
    return {"bootstrap.servers": settings.bootstrap_servers, **librdkafka_config(settings.kafka_security)}


def producer_config(settings: Settings) -> dict[str, object]:
    return {
        **client_config(settings),
        # librdkafka's default (consistent_random, CRC32) places keys on other partitions than the
        # Java client, aiokafka and faust do; murmur2_random is the Java DefaultPartitioner.
        "partitioner": "murmur2_random",
        "enable.idempotence": True,  # acks=all, no duplicates from internal retries
        "linger.ms": 5,
    }


def worker_producer_config(settings: Settings) -> dict[str, object]:
    """The worker's producer: batches of a fetch are sent at once and waited for once."""
    return {
        **producer_config(settings),
        "linger.ms": 10,
        "batch.num.messages": 10000,
        "queue.buffering.max.messages": 500000,
        "queue.buffering.max.kbytes": 1048576,
    }


def consumer_config(settings: Settings, group_id: str) -> dict[str, object]:
    return {
        **client_config(settings),
        "group.id": group_id,
        "auto.offset.reset": "earliest",
        "enable.auto.commit": False,
        "enable.partition.eof": True,
    }


def producer(settings: Settings) -> Producer:
    return Producer(producer_config(settings), logger=_quiet_logger())


def worker_producer(settings: Settings) -> Producer:
    return Producer(worker_producer_config(settings), logger=_quiet_logger())


def consumer(settings: Settings, group_id: str) -> Consumer:
    return Consumer(consumer_config(settings, group_id), logger=_quiet_logger())


def admin(settings: Settings) -> AdminClient:
    return AdminClient(client_config(settings), logger=_quiet_logger())


def topic_plan(settings: Settings) -> list[TopicPlan]:
    """Every topic the job needs, with settings.partitions partitions: the TOPICS and the table changelog.

    Roles renamed onto one topic give one plan with their configs merged (librdkafka crashes on a
    CreateTopics request that names a topic twice).
    """
    plans: dict[str, TopicPlan] = {}
    wanted = [(settings.topic(spec.role), spec.config) for spec in TOPICS]
    wanted.append((changelog_topic(settings.app_id), CHANGELOG_CONFIG))
    for name, config in wanted:
        merged = {**dict(config), **(plans[name].config if name in plans else {})}
        plans[name] = TopicPlan(name, settings.partitions, merged)
    return list(plans.values())


def partition_counts(settings: Settings, names: list[str]) -> dict[str, int]:
    """The partition count of each named topic; raises TopicMismatch naming the ones that do not exist."""
    existing = admin(settings).list_topics(timeout=ADMIN_TIMEOUT_S).topics
    missing = [name for name in names if name not in existing]
    if missing:
        raise TopicMismatch(f"topic(s) {', '.join(missing)} do not exist: run `bounce-hygiene topics create`")
    return {name: len(existing[name].partitions) for name in names}


def _check_partitions(client: AdminClient, plans: list[TopicPlan]) -> set[str]:
    """The names of `plans` that exist; raises TopicMismatch if any has the wrong partition count."""
    existing = client.list_topics(timeout=ADMIN_TIMEOUT_S).topics
    wrong = [f"{plan.name} has {len(existing[plan.name].partitions)} partitions, the job needs {plan.partitions}"
             for plan in plans if plan.name in existing and len(existing[plan.name].partitions) != plan.partitions]
    if wrong:
        raise TopicMismatch("; ".join(wrong) + " (set HYGIENE_PARTITIONS to match, or delete and recreate them)")
    return {plan.name for plan in plans if plan.name in existing}


def create_topics(settings: Settings, replication_factor: int = 1) -> list[str]:
    """Create the topics of topic_plan(settings) that do not exist; return the names created.

    Idempotent. Raises TopicMismatch when an existing topic has another partition count: the table's
    changelog and its source must be co-partitioned, and partitions cannot be removed.
    """
    client = admin(settings)
    plans = topic_plan(settings)
    existing = _check_partitions(client, plans)
    missing = [NewTopic(plan.name, plan.partitions, replication_factor, config=plan.config)
               for plan in plans if plan.name not in existing]
    if not missing:
        return []
    created, raced = [], []
    for name, future in client.create_topics(missing, request_timeout=ADMIN_TIMEOUT_S).items():
        try:
            future.result()
            created.append(name)
        except KafkaException as error:
            if error.args[0].code() != KafkaError.TOPIC_ALREADY_EXISTS:
                raise
            raced.append(name)  # another process created it in between
    if raced:
        _check_partitions(client, [plan for plan in plans if plan.name in raced])
    return sorted(created)


class OffsetProbe:
    """Reads a consumer group's committed offsets, outside faust (blocking: the worker runs it in a thread).

    The worker's offset ledger (streams/ledger.py) starts each partition where the group committed.
    """

    def __init__(self, settings: Settings, group_id: str) -> None:
        # Never subscribes nor commits: the group's members are the workers; this only reads.
        self._consumer = Consumer({**consumer_config(settings, group_id), "enable.partition.eof": False},
                                  logger=_quiet_logger())

    def close(self) -> None:
        self._consumer.close()

    def start_offsets(self, tps: list[tuple[str, int]]) -> dict[tuple[str, int], int]:
        """Per partition: the group's committed offset, or its first offset when nothing is committed."""
        committed = self._consumer.committed([TopicPartition(topic, partition) for topic, partition in tps],
                                             timeout=ADMIN_TIMEOUT_S)
        starts = {}
        for tp, found in zip(tps, committed):
            if found.error:
                raise KafkaException(found.error)
            if found.offset >= 0:
                starts[tp] = found.offset
            else:
                starts[tp], _high = self._consumer.get_watermark_offsets(TopicPartition(*tp), timeout=ADMIN_TIMEOUT_S)
        return starts


# -- reaching the brokers: every Kafka command's first step (cli.py)

# Within this many seconds a command says the brokers do not answer (one line, not librdkafka's retries):
# with the interpreter's start-up, within 10 s of the command's launch.
PROBE_TIMEOUT_S = 8.0
# librdkafka errors that retrying will not mend: the credentials or the TLS set-up are wrong.
_REFUSALS = frozenset({KafkaError._AUTHENTICATION, KafkaError._SSL})


class Unreachable(RuntimeError):
    """No broker answered; the text says where it looked and what to check."""


class Refused(Unreachable):
    """A broker answered but refused the credentials or the TLS handshake; the text says which setting to check."""


def _refusal(error: KafkaError) -> bool:
    # a client certificate the broker rejects comes as a transport error carrying the TLS alert
    return error.code() in _REFUSALS or (error.code() == KafkaError._TRANSPORT and "SSL" in error.str())


_SILENT = logging.getLogger("streams.kafkaio.probe")
_SILENT.propagate = False  # the probe's librdkafka lines: its one error line says it all
_SILENT.addHandler(logging.NullHandler())


def probe(settings: Settings, timeout: float = PROBE_TIMEOUT_S) -> None:
    """Returns once a broker of settings.bootstrap_servers answers a metadata request. Raises Refused
    at the first authentication or TLS failure, Unreachable when none answers within `timeout`."""
    errors: list[KafkaError] = []
    client = AdminClient({**client_config(settings), "error_cb": errors.append}, logger=_SILENT)
    deadline = time.monotonic() + timeout
    while True:
        try:
            client.list_topics(timeout=min(1.0, max(0.1, deadline - time.monotonic())))
            return
        except KafkaException as exc:
            last = exc.args[0]
        client.poll(0)  # serves error_cb: the transport's own reason, when there is one
        refusal = next((error for error in errors if _refusal(error)), None)
        if refusal is not None:
            raise Refused(_refusal_advice(settings, refusal)) from None
        if time.monotonic() >= deadline:
            cause = (errors[-1] if errors else last).str()
            raise Unreachable(f"no Kafka broker answered at {settings.bootstrap_servers} within {timeout:g} s "
                              f"({cause}): check KAFKA_BOOTSTRAP_SERVERS or --bootstrap-servers, that the broker "
                              f"is up, and that it speaks KAFKA_SECURITY_PROTOCOL "
                              f"({settings.kafka_security.protocol})") from None


def _refusal_advice(settings: Settings, error: KafkaError) -> str:
    security = settings.kafka_security
    if error.code() == KafkaError._AUTHENTICATION and security.sasl:
        check = (f"check KAFKA_SASL_USERNAME ({security.sasl_username}), KAFKA_SASL_PASSWORD and "
                 f"KAFKA_SASL_MECHANISM ({security.sasl_mechanism})")
    elif security.tls:
        check = "check KAFKA_SSL_CA_FILE, and KAFKA_SSL_CERT_FILE/KAFKA_SSL_KEY_FILE if the brokers require a client certificate"
    else:
        check = f"check KAFKA_SECURITY_PROTOCOL ({security.protocol}): the brokers may require SSL or SASL"
    # librdkafka's text names the broker and the reason, never the secret
    return f"the Kafka broker refused the connection: {error.str()}; {check}"
