"""The faust-streaming shell of the hygiene job: topics, the contacts table, the batch handler, timers.

Every decision is streams.decider's and streams.pipeline's; this module only moves bytes between
Kafka, the table and them. faust keeps the consumer group, the partition assignment (the table's
changelog co-assigned with contact-events) and the table's recovery from its changelog; the records
of the job's topics come in batches from streams.batchconsumer, not through agents.

One batch (the records of one fetch) is handled in five steps:
1. `bounces` and `engagement` records are ingested (`pipeline.ingest`); each contact event is sent
   to `<app id>-contact-events` keyed by contact, so a contact's events share one partition whatever
   partitioner the outside producer used. Each names its source partition and offset. A message
   that fails ingest is dead-lettered.
2. `contact-events` records go to the streams.decider.Decider of their partition (state in the
   table: contacts; under META_KEY the watermarks and positions; under PENDING_PREFIX + contact the
   pending index); watermark records (key WATERMARK_KEY) move its watermark. The decisions the
   watermark made final are marked "sending".
3. Each contact's state changed in the batch is written once: to the partition's RocksDB and to
   the table's changelog (one record per contact per batch), with the partition's META_KEY and
   changed pending entries (a removed one is a tombstone).
4. One delivery wait for everything sent (forwards, dead letters, changelog); then the due commands
   are sent and waited for, and their contacts marked "sent".
5. The batch's offsets are committed (streams.ledger: only offsets whose records were processed).
A send that fails for good stops the worker; its successor re-reads from the last commit, and
replaying a batch is idempotent (the decider skips an event it folded by its source position).

The `watermarks` timer publishes, to every partition of contact-events, the watermark of each
input partition this worker owns: the newest event time it has forwarded minus the allowed
lateness, or the wall clock minus the lateness once the partition has been caught up and idle for
HYGIENE_IDLE_SECONDS. Written after the events it covers (one producer, in order), so each
partition's log carries its own event-time progress and the decide side never reads a clock.
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

import faust
import orjson
from confluent_kafka import KafkaException
from faust.types import TP
from rocksdict import WriteBatch

from streams import endpoint, kafkaauth, kafkaio, logs, pipeline, policyfile, topics
from streams.batchconsumer import BatchApp, BatchConsumer, Records
from streams.decider import Decider
from streams.events import BounceEvent, Command, ContactEvent
from streams.ledger import Ledger
from streams.metrics import Metrics, Snapshot
from streams.policy import ContactState, class_of
from streams.settings import Settings
from streams.timefmt import format_ms

log = logging.getLogger(__name__)

# The key of a watermark record in contact-events, the table key of a partition's decider metadata,
# and the prefix of its pending-index entries (value: decided_at, decimal). Contact keys are JSON
# text, which never starts with NUL.
WATERMARK_KEY = b"\x00watermark"
META_KEY = b"\x00meta"
PENDING_PREFIX = b"\x00pending\x00"
# Consumer group timeouts: a worker killed with SIGKILL is replaced after SESSION_TIMEOUT seconds.
SESSION_TIMEOUT = 10.0
HEARTBEAT_INTERVAL = 3.0
# How long the committed offsets are asked for while the broker does not answer, and how often.
PROBE_SECONDS = 300.0
PROBE_RETRY_SECONDS = 2.0
# The most records one fetch hands to a batch.
MAX_BATCH = 5000
# The most decoded contact states a partition keeps between batches (then it starts again empty).
CACHE_STATES = 20_000


def now_ms() -> int:
    return int(time.time() * 1000)


class WorkerError(RuntimeError):
    """The worker cannot start; the text says why and what to do."""


class SendFailed(RuntimeError):
    """The producer gave up on a record (it retried for its whole delivery timeout)."""


class Written:
    """A partition's contact states over its RocksDB: each decoded once and kept for later batches
    (up to CACHE_STATES), each changed one encoded once per batch (`drain`) and put in RocksDB only
    once the changelog has it (`put`): the local store never holds what the changelog lost."""

    def __init__(self, db: Any) -> None:
        self.db = db
        self.dirty: dict[bytes, ContactState] = {}
        self.cache: dict[bytes, ContactState | None] = {}
        self.written_meta: bytes | None = db.get(META_KEY)

    def get(self, key: bytes) -> ContactState | None:
        state = self.dirty.get(key)
        if state is not None:
            return state
        try:
            return self.cache[key]
        except KeyError:
            state = self.cache[key] = pipeline.decode_state(self.db.get(key))
            return state

    def __setitem__(self, key: bytes, state: ContactState) -> None:
        self.dirty[key] = state

    def meta(self) -> bytes | None:
        """The partition's metadata as last written (RocksDB may not have it yet)."""
        return self.written_meta

    def pending(self) -> dict[bytes, int]:
        """The partition's pending index, from its entries (keys sort bytewise: they are contiguous)."""
        index: dict[bytes, int] = {}
        for key, value in self.db.items(from_key=PENDING_PREFIX):
            if not key.startswith(PENDING_PREFIX):
                break
            index[key[len(PENDING_PREFIX):]] = int(value)
        return index

    def drain(self, pending: dict[bytes, int | None]) -> list[tuple[bytes, bytes | None]]:
        """The changed states, encoded, and the changed `pending` entries (None: deleted), for RocksDB
        and the changelog; the states stay cached."""
        dirty, self.dirty = self.dirty, {}
        if len(self.cache) + len(dirty) > CACHE_STATES:
            self.cache.clear()
        self.cache.update(dirty)
        changes: list[tuple[bytes, bytes | None]] = [(key, pipeline.encode_state(state)) for key, state in dirty.items()]
        changes.extend((PENDING_PREFIX + key, None if at is None else b"%d" % at) for key, at in pending.items())
        return changes

    def put(self, changes: list[tuple[bytes, bytes | None]]) -> None:
        batch = WriteBatch(raw_mode=True)  # one RocksDB write per partition and batch, as faust's recovery does
        for key, value in changes:
            if value is None:
                batch.delete(key)
            else:
                batch.put(key, value)
        self.db.write(batch)


class Producer:
    """The job's confluent-kafka producer: sends without waiting, one delivery wait per batch."""

    def __init__(self, settings: Settings) -> None:
        self._producer = kafkaio.worker_producer(settings)
        self._errors: list[str] = []
        # per (topic, partition): the highest offset a delivered record got (the changelog's)
        self.delivered: dict[tuple[str, int], int] = {}
        self._tracked: frozenset[str] = frozenset()

    def track(self, topics_: Iterable[str]) -> None:
        """Remember the delivered offsets of these topics (the changelog: its persisted offsets)."""
        self._tracked = frozenset(topics_)

    def _report(self, error: Any, message: Any) -> None:  # runs in the flushing thread, for every record
        if error is not None:
            self._errors.append(f"{message.topic()}: {error}")

    def _report_offset(self, error: Any, message: Any) -> None:  # for the records of a tracked topic
        if error is not None:
            self._errors.append(f"{message.topic()}: {error}")
        else:
            key = (message.topic(), message.partition())
            if message.offset() > self.delivered.get(key, -1):
                self.delivered[key] = message.offset()

    def send(self, topic: str, value: bytes | None, key: bytes | None, partition: int | None = None) -> None:
        report = self._report_offset if topic in self._tracked else self._report
        options = {} if partition is None else {"partition": partition}
        while True:
            try:
                self._producer.produce(topic, value, key, on_delivery=report, **options)
                return
            except BufferError:  # the local queue is full: serve delivery reports, then retry
                self._producer.poll(0.1)

    async def flush(self) -> None:
        """Until the broker has every record sent so far; raises SendFailed if it refused one."""
        while await asyncio.to_thread(self._producer.flush, 1.0):
            pass
        if self._errors:
            raise SendFailed(f"{len(self._errors)} records not delivered, first: {self._errors[0]}")

    def close(self) -> None:
        self._producer.flush(10.0)


class Job:
    """The app, its topics and table, and the state the shell keeps between batches."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        try:
            text = settings.policy_file.read_text("utf-8") if settings.policy_file else ""
            self.policies = policyfile.parse(text, str(settings.policy_file or "policy"))
        except (OSError, policyfile.PolicyError) as exc:
            raise WorkerError(f"HYGIENE_POLICY={settings.policy_file}: {exc}") from None
        self.grace_ms = int(settings.grace_seconds * 1000)
        self.lateness_ms = int(settings.lateness_seconds * 1000)
        self.inputs = {settings.topic(role): role for role in ("bounces", "engagement")}
        self.events_topic = settings.topic("contact-events")
        # Every input partition is a source of the watermark: a decision waits for the slowest one.
        self.sources = frozenset(f"{topic}/{partition}" for topic, count in
                                 kafkaio.partition_counts(settings, list(self.inputs)).items()
                                 for partition in range(count))
        consumer_class = type("JobConsumer", (BatchConsumer,), {
            "topics": frozenset((*self.inputs, self.events_topic)),
            "handler": staticmethod(self.handle),
            "settle": staticmethod(self.settle),
        })
        self.app = BatchApp(
            settings.app_id,
            consumer_class=consumer_class,
            broker=[f"kafka://{server}" for server in settings.bootstrap_servers.split(",")],
            broker_credentials=kafkaauth.faust_credentials(settings.kafka_security),
            env={},  # faust reads its settings from the environment too: only Settings configures the job
            autodiscover=False,
            datadir=str(settings.data_dir),
            store="rocksdb://",
            processing_guarantee="at_least_once",
            web_enabled=False,
            broker_session_timeout=SESSION_TIMEOUT,
            broker_heartbeat_interval=HEARTBEAT_INTERVAL,
            broker_max_poll_records=MAX_BATCH,
            consumer_max_fetch_size=4 * 1024 * 1024,  # per partition: a backlog comes in few, large fetches
            consumer_auto_offset_reset="earliest",
        )
        for name in self.inputs:
            self.app.topics.add(self._topic(name))
        # internal: faust creates it like `topics create` does if it is missing, never with other partitions
        self.app.topics.add(self._topic(self.events_topic, partitions=settings.partitions, internal=True,
                                        config=dict(topics.BY_ROLE["contact-events"].config)))
        self.table = self.app.Table(
            topics.CONTACTS_TABLE,
            key_type=bytes,  # bytes keys and values: the raw codec, written by this module directly
            value_type=bytes,
            partitions=settings.partitions,
        )
        self.changelog = self.table.changelog_topic.get_topic_name()
        if self.changelog != topics.changelog_topic(settings.app_id):
            raise RuntimeError(f"faust named the changelog {self.changelog!r}, `topics create` made another")
        self.producer = Producer(settings)
        self.producer.track([self.changelog])
        self.ledger = Ledger()
        self.probe = kafkaio.OffsetProbe(settings, settings.app_id)
        # Per partition of contact-events of this generation: its decider and its table writes.
        self.deciders: dict[int, tuple[Decider, Written]] = {}
        # Per input partition: the newest event time forwarded, and since when it has been caught up.
        self.newest: dict[TP, int] = {}
        self.idle_since: dict[TP, float] = {}
        self._finishing: asyncio.Future | None = None  # the last batch's _finish
        # Contact events that arrived behind the watermark (see streams.decider), since start and as
        # last logged; and those skipped as redelivered.
        self.late = self.late_logged = self.redelivered = 0
        self.metrics = Metrics()
        self.metrics.watch(self.snapshot)
        self.app.timer(settings.tick_seconds, name="watermarks")(self._publish_watermarks)

    def _topic(self, name: str, **options: Any) -> faust.TopicT:
        return self.app.topic(name, key_serializer="raw", value_serializer="raw", acks=False, **options)

    # -- one batch ---------------------------------------------------------------------------------

    async def handle(self, records: Records) -> dict[TP, int]:
        """Process one fetch's records (see the module docstring); the partitions to seek back."""
        started = time.monotonic()
        generation = self.app.consumer_generation_id
        self._renew(generation)
        await self._track(list(records))
        seeks: dict[TP, int] = {}
        touched: set[int] = set()
        ingested = False
        for tp, items in records.items():
            take = self.ledger.take(tp, [record.offset for record in items])
            if take.seek is not None:
                log.warning("%s: fetched from offset %d, the next to process is %d: seeking back",
                            tp, items[0].offset, take.seek)
                seeks[tp] = take.seek
                continue
            if take.skipped:
                log.info("%s: %d offsets before %d hold no record (transaction markers, compaction or retention)",
                         tp, take.skipped, items[take.start].offset)
            items = items[take.start:]
            if not items:
                continue
            if tp.topic == self.events_topic:
                self._decide(tp.partition, items)
                touched.add(tp.partition)
            else:
                self._ingest(tp, items)
                ingested = True
            self.ledger.done(tp, items[-1].offset)
        if ingested:  # in a backlog, event time moves by a batch: let the deciders summarise as it goes
            self._send_watermarks()
        # The previous batch's commands are confirmed before this one asks for the due ones (a
        # decision being sent stays due until then).
        await self.settle()
        commands = [command for decider, _ in self.deciders.values() for command in decider.due()]
        put = self._write(touched)
        self._finishing = asyncio.ensure_future(self._finish(generation, put, commands, self.ledger.committable(),
                                                             started))
        self._finishing.add_done_callback(self._finished)
        return seeks

    async def _finish(self, generation: int, put: Callable[[], None], commands: list[Command],
                      offsets: dict[TP, int], started: float) -> None:
        """A batch's wait for its outputs, its commands, its commit; runs while the next batch is folded."""
        await self.producer.flush()
        put()
        if commands:
            await self._send_commands(commands)
        await self._commit(generation, offsets)
        self.metrics.batch_seconds.observe(time.monotonic() - started)

    def _finished(self, task: asyncio.Future) -> None:
        if not task.cancelled() and task.exception() is not None and not self.app.should_stop:
            log.critical("the worker stops: %r", task.exception())
            asyncio.ensure_future(self.app.crash(task.exception()))

    async def settle(self) -> None:
        """Until the last batch's outputs are on the broker and its offsets committed."""
        if self._finishing is not None:
            await asyncio.shield(self._finishing)

    def _renew(self, generation: int) -> None:
        """A new consumer generation: partitions and their state are read anew (only between batches)."""
        if generation != self.ledger.generation:
            self.ledger.renew(generation)
            self.deciders.clear()

    async def _track(self, tps: list[TP]) -> None:
        """Start the ledger (at the group's committed offsets) for partitions new in this generation."""
        new = [tp for tp in tps if not self.ledger.knows(tp)]
        if new:
            starts = await self._start_offsets(new)
            for tp in new:
                if not self.ledger.knows(tp):  # another task may have started it meanwhile
                    log.info("reading %s partition %d from offset %d", tp.topic, tp.partition, starts[tp])
                    self.ledger.start(tp, starts[tp])

    async def _start_offsets(self, tps: list[TP]) -> dict[TP, int]:
        """The group's committed offsets of tps, asked again while the broker cannot answer (a broker
        restart, a coordinator moving) for up to PROBE_SECONDS."""
        deadline = time.monotonic() + PROBE_SECONDS
        while True:
            try:
                return await asyncio.to_thread(self.probe.start_offsets, tps)
            except KafkaException as exc:
                if time.monotonic() > deadline:
                    raise
                log.warning("the group's committed offsets could not be read (%s): asking again in %s s",
                            exc.args[0], PROBE_RETRY_SECONDS)
                # a new client: after a broker restart the old one may keep stale metadata ("Unknown partition")
                self.probe.close()
                self.probe = kafkaio.OffsetProbe(self.settings, self.settings.app_id)
                await asyncio.sleep(PROBE_RETRY_SECONDS)

    def _ingest(self, tp: TP, items: list[Any]) -> None:
        role = self.inputs[tp.topic]
        source = f"{tp.topic}/{tp.partition}"
        newest = self.newest.get(tp)
        tally: dict[tuple[str, str, str], int] = {}  # (format, class, reason) -> events, counted once a batch
        ignored: list[tuple[str, str, str]] = []  # (format, class, reason) of the rows not forwarded
        for record in items:
            counted = len(ignored)
            try:
                events = pipeline.ingest(role, record.value, self.policies, ignored)
                forwards = [(pipeline.contact_key(event), pipeline.encode_forward(event, source, record.offset, index))
                            for index, event in enumerate(events)]
            except Exception as exc:  # noqa: BLE001 - any failure of one message dead-letters it
                del ignored[counted:]
                self._dead_letter(tp, record, exc)
                continue
            for key, value in forwards:
                self.producer.send(self.events_topic, value, key)
            for event in events:
                if newest is None or event.at > newest:
                    newest = event.at
                kind = self._kind(event)
                tally[kind] = tally.get(kind, 0) + 1
        if newest is not None:
            self.newest[tp] = newest
        for kind in ignored:
            tally[kind] = tally.get(kind, 0) + 1
        self.metrics.records.labels(tp.topic).inc(len(items))
        for (fmt, bounce_class, reason), count in tally.items():
            self.metrics.events.labels(tp.topic, fmt, bounce_class, reason).inc(count)

    def _kind(self, event: ContactEvent) -> tuple[str, str, str]:
        """The labels of an event in hygiene_events_total: format, class, reason."""
        if isinstance(event, BounceEvent):
            return event.format, str(class_of(event, self.policies.for_tenant(event.tenant))), str(event.reason)
        return "engagement", "engagement", ""

    def _decide(self, partition: int, items: list[Any]) -> None:
        decider = self._decider(partition)
        late, redelivered = decider.late, decider.redelivered
        for record in items:
            try:
                if record.key == WATERMARK_KEY:
                    decider.advance(orjson.loads(record.value)["wm"])
                    continue
                if not record.key or record.value is None:
                    raise ValueError("a contact event needs a contact key and a value")
                event, source, position = pipeline.decode_forward(record.value)
                decider.fold(record.key, event, source, position)
            except Exception as exc:  # noqa: BLE001 - a bad contact event is dead-lettered, not lost
                self._dead_letter(TP(self.events_topic, partition), record, exc)
        self.late += decider.late - late
        self.redelivered += decider.redelivered - redelivered

    def _decider(self, partition: int) -> Decider:
        """The decider of a partition of contact-events in this generation (state read from the table)."""
        entry = self.deciders.get(partition)
        if entry is None:
            written = Written(self.table.data._db_for_partition(partition))  # noqa: SLF001 - see Written
            decider = Decider(self.policies, self.grace_ms, self.sources, written, written.meta(), written.pending())
            entry = self.deciders[partition] = (decider, written)
        return entry[0]

    def _write(self, touched: set[int]) -> Callable[[], None]:
        """Send each partition's changed contacts, and the metadata of those `touched`, to the changelog;
        the returned call, made once the producer is flushed, puts them in RocksDB."""
        puts: list[tuple[Written, list[tuple[bytes, bytes | None]]]] = []
        for partition, (decider, written) in self.deciders.items():
            changes = written.drain(decider.take_pending_changes())
            if changes or partition in touched:
                meta = decider.meta()
                if meta != written.written_meta:
                    changes.append((META_KEY, meta))
                    written.written_meta = meta
            for key, value in changes:
                self.producer.send(self.changelog, value, key, partition=partition)
            if changes:
                puts.append((written, changes))

        def put() -> None:
            for written, changes in puts:
                written.put(changes)
            # The changelog offset recovery starts from: what the broker has, per partition.
            for (_topic, partition), offset in self.producer.delivered.items():
                if partition in self.deciders:
                    self.table.data.set_persisted_offset(TP(self.changelog, partition), offset)

        return put

    async def _send_commands(self, commands: list[Command]) -> None:
        """Send the decisions the watermark made final (their "sending" marks are on the broker already)."""
        for command in commands:
            self.producer.send(self.settings.topic("commands"), pipeline.encode_command(command), command.key)
        await self.producer.flush()
        for decider, _ in self.deciders.values():
            for command in commands:
                if command.key in decider.pending:
                    decider.sent(command)
        put = self._write(set())
        await self.producer.flush()
        put()
        log.info("sent %d unsubscribe commands", len(commands))
        now = now_ms()
        for command in commands:
            self.metrics.commands.labels(str(command.reason)).inc()
            self.metrics.decision_delay.observe(max(now - command.decided_at, 0) / 1000)

    def _dead_letter(self, tp: TP, record: Any, error: BaseException) -> None:
        source = {"topic": tp.topic, "partition": tp.partition, "offset": record.offset}
        cause = error.cause if isinstance(error, pipeline.Invalid) else type(error).__name__
        # The dead-letter record keeps the original and the whole error; the log (addresses masked by
        # streams.logs) says where and why in short.
        log.warning("dead-lettering %s/%d offset %d (%s): %.300s", tp.topic, tp.partition, record.offset, cause, error)
        value = pipeline.dead_letter(record.value, source=source, error=str(error), at_ms=now_ms())
        self.producer.send(self.settings.topic("dead-letter"), value, record.key)
        self.metrics.dead_letters.labels(tp.topic, cause).inc()

    async def _commit(self, generation: int, offsets: dict[TP, int]) -> None:
        """Commit processed offsets (their outputs are on the broker), in this generation only."""
        if not offsets or self.app.consumer_generation_id != generation:
            return
        # faust's commit is not used for these topics; its consumer's commit request is the one that
        # carries the group generation, so it is called directly.
        if not await self.app.consumer._commit(offsets):  # noqa: SLF001
            log.warning("the group refused a commit of %d partitions (a rebalance began): the next batch"
                        " commits them", len(offsets))
        elif self.ledger.generation == generation:
            self.ledger.committed(offsets)

    # -- what the HTTP endpoint reports ------------------------------------------------------------

    def not_ready(self) -> str | None:
        """None once the worker has its partitions and its table recovered; else what it waits for."""
        recovery = self.app.tables.recovery
        if not recovery.completed.is_set():
            return "waiting for partitions and the table's recovery"
        if self.app.rebalancing or recovery.in_recovery:
            return "rebalancing"
        return None

    def snapshot(self) -> Snapshot:
        """The job's state for /metrics (runs on the event loop, between batches' steps)."""
        consumer = self.app._consumer  # noqa: SLF001 - None until the worker starts; the property would make one
        lag: dict[tuple[str, int], int] = {}
        if consumer is not None:
            for tp in consumer.assignment():
                if tp.topic in consumer.topics and self.ledger.knows(tp):
                    end = self._highwater(tp)
                    if end is not None and end >= 0:
                        lag[(tp.topic, tp.partition)] = max(end - self.ledger.expected(tp), 0)
        recovery = self.app.tables.recovery
        return Snapshot(
            ready=self.not_ready() is None,
            rebalances=self.app.rebalancing_count,
            late=self.late,
            redelivered=self.redelivered,
            pending=sum(len(decider.pending) for decider, _ in self.deciders.values()),
            lag=lag,
            recovery={"active": recovery.active_remaining_total(), "standby": recovery.standby_remaining_total()},
        )

    # -- watermarks --------------------------------------------------------------------------------

    def _highwater(self, tp: TP) -> int | None:
        """The end offset of tp as the consumer last heard it; None if unknown or no longer assigned."""
        try:
            return self.app.consumer.highwater(tp)
        except AssertionError:  # aiokafka's: tp was unassigned meanwhile (a rebalance began)
            return None

    def _source_watermarks(self) -> dict[str, int]:
        """The watermark of each input partition this worker reads (see the module docstring)."""
        now = time.monotonic()
        wall = now_ms() - self.lateness_ms
        marks: dict[str, int] = {}
        for tp in self.app.consumer.assignment():
            if tp.topic not in self.inputs or not self.ledger.knows(tp):
                continue
            mark = self.newest[tp] - self.lateness_ms if tp in self.newest else None
            end = self._highwater(tp)
            if end is not None and end >= 0 and self.ledger.expected(tp) >= end:
                since = self.idle_since.setdefault(tp, now)
                if now - since >= self.settings.idle_seconds:
                    mark = wall if mark is None else max(mark, wall)
            else:
                self.idle_since.pop(tp, None)
            if mark is not None:
                marks[f"{tp.topic}/{tp.partition}"] = mark
        return marks

    async def _publish_watermarks(self) -> None:
        if self.late != self.late_logged:
            log.warning("%d contact events arrived behind the watermark since start (later than the allowed"
                        " lateness, HYGIENE_LATENESS_SECONDS): folded while their contact was undecided",
                        self.late)
            self.late_logged = self.late
        consumer = self.app.consumer
        if self.app.rebalancing or not consumer.idle():
            return  # a batch in progress: the next tick publishes
        self._renew(self.app.consumer_generation_id)
        await self._track(sorted(tp for tp in consumer.assignment() if tp.topic in self.inputs))
        self._send_watermarks()

    def _send_watermarks(self) -> None:
        marks = self._source_watermarks()
        if not marks:
            return
        value = orjson.dumps({"wm": marks})
        for partition in range(self.settings.partitions):
            self.producer.send(self.events_topic, value, WATERMARK_KEY, partition=partition)
        log.debug("watermarks %s", {source: format_ms(at) for source, at in marks.items()})


def build(settings: Settings) -> Job:
    """The job (its faust app is `.app`), configured by `settings` alone."""
    return Job(settings)


def _listen(port: int) -> Any:
    try:
        return endpoint.bind(port)
    except OSError as exc:
        raise WorkerError(f"HYGIENE_HTTP_PORT={port}: cannot listen ({exc.strerror}): choose a free port, or 0 for"
                          " no HTTP endpoint") from None


def run(settings: Settings) -> int:
    """Run a worker until SIGTERM or SIGINT; the exit code (0 after a clean stop)."""
    sock = _listen(settings.http_port) if settings.http_port else None  # before anything starts
    job = build(settings)
    services = [endpoint.Endpoint(sock, job.metrics, job.not_ready)] if sock is not None else []
    worker = faust.Worker(job.app, *services, loglevel=settings.log_level,
                          quiet=settings.log_format == "json",  # no banner among the JSON lines
                          logging_config=logs.dict_config(settings.log_format, settings.log_level))
    try:
        worker.execute_from_commandline()
    except SystemExit as exc:
        return int(exc.code or 0)
    finally:
        job.producer.close()
    return 0
