"""The faust-streaming shell of the hygiene job: topics, the contacts table, agents, timers.

Every decision is streams.decider's and streams.pipeline's; this module only moves bytes between
Kafka, the table and them.

- `ingest-<role>` agents read the outside topics (bounces, engagement), call `pipeline.ingest` and
  forward each contact event to `<app id>-contact-events` keyed by contact, so a contact's events
  share one partition whatever partitioner the outside producer used. Each record names its source
  partition and offset. Any exception in ingest dead-letters the message. Sends are not awaited one
  by one: the offsets timer flushes the producer before it commits, so a committed offset never
  covers an output the broker does not have; a send that fails for good stops the worker, whose
  successor re-reads from the last commit.
- The `watermarks` timer publishes, to every partition of contact-events, the watermark of each
  input partition this worker owns: the newest event time it has forwarded minus the allowed
  lateness, or the wall clock minus the lateness once the partition has been caught up and idle for
  HYGIENE_IDLE_SECONDS. Written after the events it covers, so each partition's log carries its own
  event-time progress and the decide side never reads a clock.
- One `decide` agent on contact-events (concurrency 1) hands each record to the streams.decider.Decider
  of its partition, whose state (contacts, and under META_KEY the watermarks, positions and pending
  index) lives in the table and so is restored from the changelog. When a watermark record moves the
  watermark, the decisions it makes final are sent (faust lets a table be written only while an event
  of the same partition is processed, and the changelog record goes to that event's partition).
- Offsets are the job's, not faust's: faust's acks are off for the topics it reads, every agent takes
  records through one streams.ledger.Ledger (processed in offset order, a gap re-fetched), and the
  timer commits what the ledger says is processed, after flushing the producer so that the table's
  changelog and every forwarded event are on the broker before their source offset is committed. A
  contact-events offset is committed only up to the partition's last META_KEY write.
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import faust
import orjson
from faust.types import TP, EventT, Message, StreamT

from streams import kafkaio, pipeline, policyfile, topics
from streams.decider import Decider
from streams.ledger import Admit, Ledger
from streams.timefmt import format_ms
from streams.settings import Settings

log = logging.getLogger(__name__)

# The key of a watermark record in contact-events, and the table key of a partition's decider
# metadata. Contact keys are JSON text, which never starts with NUL.
WATERMARK_KEY = b"\x00watermark"
META_KEY = b"\x00meta"
# The decider's metadata is written at least every this many contact events of a partition, and
# whenever the partition is caught up.
META_EVERY = 500
# Consumer group timeouts: a worker killed with SIGKILL is replaced after SESSION_TIMEOUT seconds.
SESSION_TIMEOUT = 10.0
HEARTBEAT_INTERVAL = 3.0
# A send that failed (the producer already retried for its request timeout) is tried again after this.
RETRY_SECONDS = 5.0


def now_ms() -> int:
    return int(time.time() * 1000)


class Job:
    """The app, its topics and table, and the state the shell keeps between messages."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        text = settings.policy_file.read_text("utf-8") if settings.policy_file else ""
        self.policies = policyfile.parse(text, str(settings.policy_file or "policy"))
        self.grace_ms = int(settings.grace_seconds * 1000)
        self.lateness_ms = int(settings.lateness_seconds * 1000)
        # Every input partition is a source of the watermark: a decision waits for the slowest one.
        self.sources = frozenset(f"{topic}/{partition}" for topic, count in kafkaio.partition_counts(
            settings, [settings.topic("bounces"), settings.topic("engagement")]).items() for partition in range(count))
        self.app = faust.App(
            settings.app_id,
            broker=[f"kafka://{server}" for server in settings.bootstrap_servers.split(",")],
            env={},  # faust reads its settings from the environment too: only Settings configures the job
            autodiscover=False,
            datadir=str(settings.data_dir),
            store="rocksdb://",
            processing_guarantee="at_least_once",
            web_enabled=False,
            broker_session_timeout=SESSION_TIMEOUT,
            broker_heartbeat_interval=HEARTBEAT_INTERVAL,
            consumer_auto_offset_reset="earliest",
        )

        def raw_topic(role: str, **options: Any) -> faust.TopicT:
            return self.app.topic(settings.topic(role), key_serializer="raw", value_serializer="raw", **options)

        # The topics the agents read: acks off, so faust never commits their offsets; the ledger does.
        self.contact_events = raw_topic(
            "contact-events",
            acks=False,
            partitions=settings.partitions,
            # internal: faust creates it like `topics create` does if it is missing, never with other partitions
            internal=True,
            config=dict(topics.BY_ROLE["contact-events"].config),
        )
        self.commands = raw_topic("commands")
        self.dead_letters = raw_topic("dead-letter")
        self.table = self.app.Table(
            topics.CONTACTS_TABLE,
            key_type=bytes,  # bytes keys and values: the raw codec, no faust model
            value_type=bytes,
            partitions=settings.partitions,
        )
        changelog = self.table.changelog_topic.get_topic_name()
        if changelog != topics.changelog_topic(settings.app_id):
            raise RuntimeError(f"faust named the changelog {changelog!r}, `topics create` made another")
        # Per partition of contact-events of this generation: its decider, contact events folded since
        # its metadata was written, and the offset up to which that metadata covers it.
        self.deciders: dict[int, Decider] = {}
        self.unsaved: dict[int, int] = {}
        self.saved: dict[TP, int] = {}
        self.generation = -1
        # Per input partition: the newest event time forwarded, and since when it has been caught up.
        self.newest: dict[TP, int] = {}
        self.idle_since: dict[TP, float] = {}
        self.send_failure: BaseException | None = None
        self.ledger = Ledger()
        self.probe = kafkaio.OffsetProbe(settings, settings.app_id)
        self.probe_lock = asyncio.Lock()  # one probe request at a time: the agents share its client

        for role in ("bounces", "engagement"):
            self.app.agent(raw_topic(role, acks=False), name=f"ingest-{role}", concurrency=1)(self._ingest_agent(role))
        # The topics whose offsets the ledger keeps (the agents' sources).
        self.read_topics = frozenset(settings.topic(role) for role in ("bounces", "engagement", "contact-events"))
        self.app.agent(self.contact_events, name="decide", concurrency=1)(self._decide)
        self.app.timer(settings.tick_seconds, name="watermarks")(self._publish_watermarks)
        self.app.timer(settings.commit_seconds, name="offsets")(self._offsets)

    # -- sending -----------------------------------------------------------------------------------

    async def _deliver(self, topic: faust.TopicT, records: Iterable[tuple[bytes | None, bytes]]) -> None:
        """Send records and wait until the broker has every one; retry failed ones (the message stays unacked)."""
        pending = list(records)
        while pending:
            futures = [await topic.send(key=key, value=value, force=True) for key, value in pending]
            results = await asyncio.gather(*futures, return_exceptions=True)
            failed = [record for record, result in zip(pending, results) if isinstance(result, BaseException)]
            for result in results:
                if isinstance(result, BaseException):
                    log.error("send to %s failed, retrying in %ss: %r", topic.get_topic_name(), RETRY_SECONDS, result)
            if failed:
                await asyncio.sleep(RETRY_SECONDS)
            pending = failed

    async def _send(self, topic: faust.TopicT, key: bytes | None, value: bytes, partition: int | None = None) -> None:
        """Hand a record to the producer; the offsets timer flushes it before the next commit."""
        future = await topic.send(key=key, value=value, partition=partition, force=True)
        future.add_done_callback(self._sent)

    def _sent(self, future: asyncio.Future) -> None:
        if future.cancelled() or future.exception() is None or self.send_failure is not None:
            return
        # The producer retried for its whole delivery timeout: stop, and let a restart re-read from the
        # last commit (which never covers this record) instead of committing past a lost output.
        self.send_failure = future.exception()
        log.critical("a send failed for good, the worker stops: %r", self.send_failure)
        asyncio.ensure_future(self.app.crash(self.send_failure))

    async def _dead_letter(self, message: Message, error: BaseException) -> None:
        source = {"topic": message.topic, "partition": message.partition, "offset": message.offset}
        log.warning("dead-lettering %s: %s", source, error)
        value = pipeline.dead_letter(message.value, source=source, error=str(error), at_ms=now_ms())
        await self._send(self.dead_letters, message.key, value)

    # -- offsets -----------------------------------------------------------------------------------

    async def _consume(self, stream: StreamT, handle: Callable[[Message], Awaitable[None]]) -> None:
        """Hand each record of the stream to `handle` once, in offset order (handle never raises)."""
        event: EventT
        async for event in stream.events():
            message = event.message
            if await self._admit(message):
                await handle(message)
                self.ledger.done(message.tp, message.offset, time.monotonic())

    async def _probe(self, call: Callable[..., Any], *args: Any) -> Any:
        async with self.probe_lock:
            return await asyncio.to_thread(call, *args)

    async def _track(self, tp: TP) -> None:
        """Make sure the ledger tracks tp in the consumer's current generation."""
        self.ledger.renew(self.app.consumer_generation_id)
        if not self.ledger.knows(tp):
            start = await self._probe(self.probe.start_offset, tp.topic, tp.partition)
            if not self.ledger.knows(tp):  # another task may have started it meanwhile
                log.info("reading %s partition %d from offset %d", tp.topic, tp.partition, start)
                self.ledger.start(tp, start, time.monotonic())

    async def _admit(self, message: Message) -> bool:
        """Whether to process this record now; seeks back when records before it were not delivered."""
        tp = message.tp
        await self._track(tp)
        while (verdict := self.ledger.admit(tp, message.offset, time.monotonic())) is Admit.GAP:
            if await self._refetch(tp, f"offsets {self.ledger.expected(tp)}..{message.offset - 1}"):
                return False
        return verdict is Admit.PROCESS

    async def _refetch(self, tp: TP, missing: str) -> bool:
        """Seek tp back to the ledger's expected offset if a record is there (True), else jump the hole."""
        expected = self.ledger.expected(tp)
        first = await self._probe(self.probe.first_record, tp.topic, tp.partition, expected)
        if first is None or first == expected:
            log.warning("%s of %s were not delivered: fetching them again", missing, tp)
            await self.app.consumer.seek(tp, expected)
            self.ledger.sought(tp, time.monotonic())
            return True
        log.info("offsets %d..%d of %s hold no record (transaction markers or retention)", expected, first - 1, tp)
        self.ledger.jump(tp, first, time.monotonic())
        return False

    async def _unstall(self) -> None:
        """Re-fetch source partitions whose next records the broker has but faust never delivered."""
        for tp in sorted(self.app.consumer.assignment()):
            if tp.topic not in self.read_topics:
                continue
            await self._track(tp)
            if self.ledger.stalled(tp, self._highwater(tp), time.monotonic()):
                await self._refetch(tp, f"offset {self.ledger.expected(tp)} and later")

    def _highwater(self, tp: TP) -> int | None:
        """The end offset of tp as the consumer last heard it; None if unknown or no longer assigned."""
        try:
            return self.app.consumer.highwater(tp)
        except AssertionError:  # aiokafka's: tp was unassigned meanwhile (a rebalance began)
            return None

    async def _offsets(self) -> None:
        """The offsets timer: re-fetch stalled partitions, then commit what was processed."""
        if not self.app.rebalancing:
            await self._unstall()
            await self._commit()

    async def _commit(self) -> None:
        """Commit the offsets the ledger has seen processed, once their outputs are on the broker."""
        offsets = self.ledger.committable()
        for tp in [tp for tp in offsets if tp.topic == self.contact_events.get_topic_name()]:
            if tp not in self.saved:  # nothing of this partition is covered by its saved metadata yet
                del offsets[tp]
            else:
                offsets[tp] = min(offsets[tp], self.saved[tp])
        if not offsets or self.app.rebalancing or self.send_failure is not None:
            return
        generation = self.ledger.generation
        await self.app.producer.flush()
        if self.send_failure is not None:
            return
        # faust's own commit is off for these topics (acks=False); its consumer's commit request is the
        # one that carries the group generation, so it is used directly.
        if await self.app.consumer._commit(offsets) and self.ledger.generation == generation:  # noqa: SLF001
            self.ledger.committed(offsets)

    # -- ingest ------------------------------------------------------------------------------------

    def _ingest_agent(self, role: str) -> Callable[[StreamT], Awaitable[None]]:
        async def ingest(message: Message) -> None:
            source = f"{message.topic}/{message.partition}"
            try:
                events = pipeline.ingest(role, message.value, self.policies)
                records = [(pipeline.contact_key(e), pipeline.encode_forward(e, source, message.offset, i))
                           for i, e in enumerate(events)]
            except Exception as exc:  # noqa: BLE001 - any failure of one message dead-letters it
                await self._dead_letter(message, exc)
                return
            for key, value in records:
                await self._send(self.contact_events, key, value)
            if events:
                at = max(e.at for e in events)
                if at > self.newest.get(message.tp, at - 1):
                    self.newest[message.tp] = at

        return lambda stream: self._consume(stream, ingest)

    # -- decide ------------------------------------------------------------------------------------

    async def _decide(self, stream: StreamT) -> None:
        await self._consume(stream, self._decide_one)

    def _decider(self, partition: int) -> Decider:
        """The decider of a partition of contact-events (the record being processed is of `partition`)."""
        if self.app.consumer_generation_id != self.generation:
            self.generation = self.app.consumer_generation_id
            self.deciders.clear()
            self.unsaved.clear()
            self.saved.clear()
        decider = self.deciders.get(partition)
        if decider is None:
            decider = Decider(self.policies, self.grace_ms, self.sources, self.table, self.table.get(META_KEY))
            self.deciders[partition] = decider
        return decider

    async def _decide_one(self, message: Message) -> None:
        try:
            decider = self._decider(message.partition)
            if message.key == WATERMARK_KEY:
                if decider.advance(orjson.loads(message.value)["wm"]):
                    await self._send_due(decider, message.partition)
                self._save(decider, message)
                return
            if not message.key or message.value is None:
                raise ValueError("a contact event needs a contact key and a value")
            event, source, position = pipeline.decode_forward(message.value)
            decider.fold(message.key, event, source, position)
        except Exception as exc:  # noqa: BLE001 - a bad contact event is dead-lettered, not lost
            await self._dead_letter(message, exc)
            return
        self.unsaved[message.partition] = self.unsaved.get(message.partition, 0) + 1
        if self.unsaved[message.partition] >= META_EVERY or self._caught_up(message):
            self._save(decider, message)

    def _caught_up(self, message: Message) -> bool:
        """Whether `message` is the last record of its partition the consumer knows of."""
        end = self._highwater(message.tp)
        return end is not None and message.offset + 1 >= end

    def _save(self, decider: Decider, message: Message) -> None:
        value = decider.meta()
        if self.table.get(META_KEY) != value:
            self.table[META_KEY] = value
        self.unsaved[message.partition] = 0
        self.saved[message.tp] = message.offset + 1

    async def _send_due(self, decider: Decider, partition: int) -> None:
        """Send the decisions the watermark made final; each is marked "sending" in the table first."""
        commands = decider.due()
        if not commands:
            return
        # The "sending" marks reach the changelog before any command leaves: a restored table never
        # lets a late engagement cancel a decision whose command may already be out.
        await self.app.producer.flush()
        await self._deliver(self.commands, [(c.key, pipeline.encode_command(c)) for c in commands])
        for command in commands:
            decider.sent(command)
        log.info("sent %d unsubscribe commands from partition %s (watermark %s)", len(commands), partition,
                 format_ms(decider.watermark))

    # -- watermarks --------------------------------------------------------------------------------

    def _source_watermarks(self) -> dict[str, int]:
        """The watermark of each input partition this worker reads (see the module docstring)."""
        now = time.monotonic()
        wall = now_ms() - self.lateness_ms
        marks: dict[str, int] = {}
        for tp in self.app.consumer.assignment():
            if tp.topic not in self.read_topics or tp.topic == self.contact_events.get_topic_name():
                continue
            if not self.ledger.knows(tp):
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
        if self.app.rebalancing:
            return
        marks = self._source_watermarks()
        if not marks:
            return
        value = orjson.dumps({"wm": marks})
        for partition in range(self.settings.partitions):
            await self._send(self.contact_events, WATERMARK_KEY, value, partition=partition)


def build(settings: Settings) -> faust.App:
    """The faust app of the job, configured by `settings` alone."""
    return Job(settings).app


def run(settings: Settings) -> int:
    """Run a worker until SIGTERM or SIGINT; the exit code (0 after a clean stop)."""
    worker = faust.Worker(build(settings), loglevel="info")
    try:
        worker.execute_from_commandline()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
