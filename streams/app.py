"""The faust-streaming shell of the hygiene job (issue 2, section 4): topics, the contacts table, agents.

Every decision is streams.pipeline's; this module only moves bytes between Kafka, the table and it.

- `ingest-<role>` agents read the outside topics (bounces, engagement), call `pipeline.ingest` and
  forward each contact event to contact-events keyed by contact, so a contact's events share one
  partition whatever partitioner the outside producer used. Any exception in ingest dead-letters
  the message. Sends are awaited until the broker has them before the message is acked: that is
  the at-least-once guarantee (faust acks a message as soon as the agent moves on, even after an
  exception, so no exception may leave an agent body).
- One `decide` agent on contact-events (concurrency 1) folds each event into the contacts table.
  A pending decision waits for its grace period; the timer sends a TICK message to a partition of
  contact-events when something there may be due, and the agent flushes the due decisions of that
  partition when the tick comes through (faust lets a table be written only while an event of the
  same partition is being processed, and the changelog record goes to that event's partition).
- The pending index of a partition lives in the table itself under PENDING_KEY (contact key ->
  decided_at), so it is restored from the changelog with the states and no table scan is needed.
- Offsets are the job's, not faust's: faust's acks are off for the topics it reads, every agent takes
  records through one streams.ledger.Ledger (processed in offset order, a gap re-fetched), and the
  timer commits what the ledger says is processed, after flushing the producer so that the table's
  changelog and every forwarded event are on the broker before their source offset is committed.
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
from streams.ledger import Admit, Ledger
from streams.settings import Settings

log = logging.getLogger(__name__)

# The value of the flush message the timer sends to a partition of contact-events. An encoded
# contact event is a JSON object, so it can never equal this.
TICK = b"tick"
# The table key of a partition's pending index. Contact keys are JSON text, which never starts with NUL.
PENDING_KEY = b"\x00pending"
# Consumer group timeouts: a worker killed with SIGKILL is replaced after SESSION_TIMEOUT seconds.
SESSION_TIMEOUT = 10.0
HEARTBEAT_INTERVAL = 3.0
# A send that failed (the producer already retried for its request timeout) is tried again after this.
RETRY_SECONDS = 5.0
# The timer sends another tick to a partition whose tick has not come through after this many ticks.
TICK_RETRY = 10


def now_ms() -> int:
    return int(time.time() * 1000)


def _encode_index(index: dict[bytes, int]) -> bytes:
    # latin-1 maps bytes to str one to one, so any key survives the JSON round trip.
    return orjson.dumps({key.decode("latin-1"): since for key, since in index.items()}, option=orjson.OPT_SORT_KEYS)


def _decode_index(data: bytes | None) -> dict[bytes, int]:
    return {key.encode("latin-1"): since for key, since in orjson.loads(data).items()} if data else {}


class Job:
    """The app, its topics and table, and the state the shell keeps between messages."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        text = settings.policy_file.read_text("utf-8") if settings.policy_file else ""
        self.policies = policyfile.parse(text, str(settings.policy_file or "policy"))
        self.grace_ms = int(settings.grace_seconds * 1000)
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
        # partition -> wall-clock ms at which the next tick is needed (None: nothing pending); a missing
        # partition is unknown and gets a tick. Reset whenever the consumer group rebalances.
        self.next_tick: dict[int, int | None] = {}
        self.generation = -1
        self.ledger = Ledger()
        self.probe = kafkaio.OffsetProbe(settings, settings.app_id)
        self.probe_lock = asyncio.Lock()  # one probe request at a time: the agents share its client

        for role in ("bounces", "engagement"):
            self.app.agent(raw_topic(role, acks=False), name=f"ingest-{role}", concurrency=1)(self._ingest_agent(role))
        # The topics whose offsets the ledger keeps (the agents' sources).
        self.read_topics = frozenset(settings.topic(role) for role in ("bounces", "engagement", "contact-events"))
        self.app.agent(self.contact_events, name="decide", concurrency=1)(self._decide)
        self.app.timer(settings.tick_seconds, name="tick")(self._tick)
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

    async def _dead_letter(self, message: Message, error: BaseException) -> None:
        source = {"topic": message.topic, "partition": message.partition, "offset": message.offset}
        log.warning("dead-lettering %s: %s", source, error)
        value = pipeline.dead_letter(message.value, source=source, error=str(error), at_ms=now_ms())
        await self._deliver(self.dead_letters, [(message.key, value)])

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
            try:
                end = self.app.consumer.highwater(tp)
            except AssertionError:  # aiokafka's: tp was unassigned meanwhile (a rebalance began)
                return
            if self.ledger.stalled(tp, end, time.monotonic()):
                await self._refetch(tp, f"offset {self.ledger.expected(tp)} and later")

    async def _offsets(self) -> None:
        """The offsets timer: re-fetch stalled partitions, then commit what was processed."""
        if not self.app.rebalancing:
            await self._unstall()
            await self._commit()

    async def _commit(self) -> None:
        """Commit the offsets the ledger has seen processed, once their outputs are on the broker."""
        offsets = self.ledger.committable()
        if not offsets or self.app.rebalancing:
            return
        generation = self.ledger.generation
        await self.app.producer.flush()
        # faust's own commit is off for these topics (acks=False); its consumer's commit request is the
        # one that carries the group generation, so it is used directly.
        if await self.app.consumer._commit(offsets) and self.ledger.generation == generation:  # noqa: SLF001
            self.ledger.committed(offsets)

    # -- ingest ------------------------------------------------------------------------------------

    def _ingest_agent(self, role: str) -> Callable[[StreamT], Awaitable[None]]:
        async def ingest(message: Message) -> None:
            try:
                events = pipeline.ingest(role, message.value, self.policies)
                records = [(pipeline.contact_key(e), pipeline.encode_event(e)) for e in events]
            except Exception as exc:  # noqa: BLE001 - any failure of one message dead-letters it
                await self._dead_letter(message, exc)
            else:
                await self._deliver(self.contact_events, records)

        return lambda stream: self._consume(stream, ingest)

    # -- decide ------------------------------------------------------------------------------------

    async def _decide(self, stream: StreamT) -> None:
        await self._consume(stream, self._decide_one)

    async def _decide_one(self, message: Message) -> None:
        if message.value == TICK:
            try:
                await self._flush(message.partition)
            except Exception:  # noqa: BLE001 - the decisions stay pending and the next tick retries
                log.exception("flushing partition %s failed", message.partition)
            return
        try:
            self._fold(message.key, message.value, message.partition)
        except Exception as exc:  # noqa: BLE001 - a bad contact event is dead-lettered, not lost
            await self._dead_letter(message, exc)

    def _fold(self, key: bytes | None, value: bytes | None, partition: int) -> None:
        if not key or value is None:
            raise ValueError("a contact event needs a contact key and a value")
        event = pipeline.decode_event(value)
        before = self.table.get(key)
        state = pipeline.fold(pipeline.decode_state(before), event, self.policies)
        after = pipeline.encode_state(state)
        if after != before:
            self.table[key] = after
        index = self._index()
        since = pipeline.pending_since(state)
        if index.get(key) != since:
            if since is None:
                del index[key]
            else:
                index[key] = since
            self._write_index(index, partition)
        elif partition not in self.next_tick:
            self._learn(index, partition)

    async def _flush(self, partition: int) -> None:
        """Send the due decisions of this partition's contacts (the tick being processed is of `partition`)."""
        now = now_ms()
        index = self._index()
        # The index only narrows the reads; pipeline.due decides.
        keys = [key for key, since in index.items() if since + self.grace_ms <= now]
        batch = []
        for key in keys:
            state = pipeline.decode_state(self.table.get(key))
            commands = pipeline.due(state, now, self.grace_ms)
            for command in commands:
                state = pipeline.begin_send(state, command.command_id)
            self._put(key, state)
            batch.append((key, state, commands))
        commands = [command for _key, _state, due in batch for command in due]
        if commands:
            # The "sending" marks reach the changelog before any command leaves: a restored table never
            # lets a late engagement cancel a decision whose command may already be out.
            await self.app.producer.flush()
            await self._deliver(self.commands, [(c.key, pipeline.encode_command(c)) for c in commands])
            log.info("sent %d unsubscribe commands from partition %s", len(commands), partition)
        for key, state, due in batch:
            for command in due:
                state = pipeline.confirm(state, command.command_id)
            self._put(key, state)
            since = pipeline.pending_since(state)
            if since is None:
                index.pop(key, None)
            else:
                index[key] = since
        self._write_index(index, partition)

    def _put(self, key: bytes, state: Any) -> None:
        value = pipeline.encode_state(state)
        if self.table.get(key) != value:
            self.table[key] = value

    def _index(self) -> dict[bytes, int]:
        return _decode_index(self.table.get(PENDING_KEY))

    def _write_index(self, index: dict[bytes, int], partition: int) -> None:
        value = _encode_index(index)
        if self.table.get(PENDING_KEY) != value:
            self.table[PENDING_KEY] = value
        self._learn(index, partition)

    def _learn(self, index: dict[bytes, int], partition: int) -> None:
        self.next_tick[partition] = min(index.values()) + self.grace_ms if index else None

    # -- tick --------------------------------------------------------------------------------------

    async def _tick(self) -> None:
        """Send a TICK to each partition of contact-events this worker owns that may have a due decision."""
        if self.app.consumer_generation_id != self.generation:
            self.generation = self.app.consumer_generation_id
            self.next_tick.clear()
        if self.app.rebalancing:
            return
        now = now_ms()
        name = self.contact_events.get_topic_name()
        for tp in sorted(self.app.assignor.assigned_actives()):
            if tp.topic != name:
                continue
            due_at = self.next_tick.get(tp.partition, now)
            if due_at is not None and due_at <= now:
                # Until the agent answers (processing the tick sets the real time), tick again later only.
                self.next_tick[tp.partition] = now + int(TICK_RETRY * self.settings.tick_seconds * 1000)
                await self.contact_events.send(value=TICK, partition=tp.partition)


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
