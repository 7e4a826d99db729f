"""faust-streaming 0.15.3's consumer with a fetch loop that hands the job's topics to it in batches.

faust moves every fetched record through its fetch loop (`Consumer._drain_messages`), the
Conductor, an agent's queue and a Stream, and each of them can drop a record around a rebalance
while the fetch position moves on past it:
- `Consumer.getmany` stops yielding a fetched batch when the flow stops or the generation changes
  (faust-streaming/faust#234, #235), and `_drain_messages` abandons a record whose callback the
  flow suspension interrupted yet records it as read;
- `FlowControlEvent.clear()` empties every agent queue on revocation (faust-streaming/faust#236);
- `Stream` skips a record of another generation or read while the flow is off (#221, #223);
- recovery seeks back only partitions with a committed offset above 0: aiokafka's
  `seek_to_committed` leaves the others where the fetcher was, past what was dropped (#216);
- a partition whose agent queue was full is removed from the fetch set and only added back when
  that queue drains, which a cleared queue may never report (#629: partitions never fetched again).
Besides, each record costs a task (`wait_first`), a Message, a queue hand-off and a Stream step:
about 14,000 records/s on this machine with no work at all.

So for the topics the job reads this loop replaces all of that: each fetch's records go, per
partition, to the job's `handle(records)` coroutine in one call, and the job keeps, per partition,
the next offset it must process (streams.ledger). Nothing is dropped on the way: a batch fetched
around a rebalance is handed over like any other, and the ledger tells the job which of its
records are the next ones; when they are not (the fetch position is ahead of what was processed),
the job asks `seek`, which this loop carries out in the consumer's own thread before its next
fetch, so a seek never races aiokafka's fetcher. Records of other topics (the table's changelog,
read by recovery and standbys) still take faust's own path, unchanged.

A commit the group refuses (a rebalance under way, or a broker restart moving the coordinator) is
only not done: faust's commit crashed the worker for it (see `_commit`).

Rebalances wait for a batch in progress: revocation stops the flow, then waits until `handle`
returns and `settle` (the batch's outputs and commit, which the job finishes while it folds the
next batch) before faust revokes the table's partitions, so no table write or commit of a revoked
partition happens after the group has moved on.
"""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Set
from typing import Any

import faust
from aiokafka.errors import CommitFailedError, IllegalStateError
from aiokafka.structs import OffsetAndMetadata
from faust.transport.drivers import aiokafka as faust_aiokafka
from faust.types import TP

log = logging.getLogger(__name__)

# The version whose internals this module replaces; any other needs this module read again.
FAUST_VERSION = "0.15.3"
if faust.__version__ != FAUST_VERSION:
    raise ImportError(f"streams.batchconsumer is written for faust-streaming {FAUST_VERSION}, not {faust.__version__}")

# records of one fetch, per partition, in offset order (aiokafka ConsumerRecords)
Records = dict[TP, list[Any]]
Handler = Callable[[Records], Awaitable[Mapping[TP, int]]]


class BatchConsumer(faust_aiokafka.Consumer):
    """faust's aiokafka consumer; `topics` (set by the job before start) are read in batches by `handler`.

    `handler(records)` processes a batch and returns the partitions to seek before the next fetch
    (partition -> offset), usually none.
    """

    topics: Set[str] = frozenset()
    handler: Handler | None = None
    # Until the outputs and commits of handled batches are done (a handler may finish a batch in the
    # background while the next one is handled).
    settle: Callable[[], Awaitable[None]] | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        self._idle = asyncio.Event()
        self._idle.set()

    async def _drain_messages(self, fetcher: Any) -> None:  # replaces faust's loop (see the module docstring)
        consumer_stopped = self._stopped.is_set
        fetcher_stopped = fetcher._stopped.is_set
        try:
            while not (consumer_stopped() or fetcher_stopped()):
                records, active = await self._wait_next_records(1.0)
                # as faust's getmany: the generation after the fetch (faust-streaming/faust#235)
                generation = self.app.consumer_generation_id
                await self.sleep(0)  # as faust's loop does: a fetch that returns at once still yields
                if not records or self.should_stop or not self.flow_active:
                    continue  # flow stopped: a rebalance began, and its recovery seeks every partition
                batch: Records = {}
                assigned = self.assignment()
                for tp, items in records.items():
                    if tp not in assigned:  # fetched before a rebalance took it away: its new owner reads it
                        continue
                    if tp.topic in self.topics:
                        batch[tp] = items
                    else:
                        await self._faust_path(tp, items, generation, active)
                if batch and self.handler is not None and self.flow_active:
                    await self._handle(batch)
        except self.consumer_stopped_errors:
            if self.transport.app.should_stop:
                return
            raise
        except asyncio.CancelledError:
            if self.transport.app.should_stop:  # as faust's loop: a stop's cancel is no crash (else the
                return  # fetcher, cancelled in a rebalance, takes the worker down with exit code 1)
            raise
        except Exception as exc:  # noqa: BLE001 - the job cannot go on (a send failed for good, ...)
            if self.app.should_stop:  # stopping anyway: the batch's records come again after a restart
                log.warning("a batch was cut short by the stop: %r", exc)
                return
            log.critical("the worker stops: %r", exc)
            await self.app.crash(exc)

    async def _handle(self, batch: Records) -> None:
        self._idle.clear()
        try:
            seeks = await self.handler(batch)
            assigned = self.assignment()
            seeks = {tp: offset for tp, offset in seeks.items() if tp in assigned}
            if seeks:
                await self.seek_wait(seeks)
        finally:
            self._idle.set()

    async def _faust_path(self, tp: TP, items: list[Any], generation: int, active: Set[TP] | None) -> None:
        """Records of faust's own topics (the changelog, read by recovery and standbys): what faust's
        getmany and fetch loop do with each, checks included. A changelog record of a stale fetch
        applied after recovery would overwrite a newer state, and recovery seeks the changelog anew
        at each rebalance, so these records are dropped exactly where faust drops them."""
        for record in items:
            if not self.flow_active or self.app.consumer_generation_id != generation:
                return
            if active is not None and tp not in active and tp not in self._buffered_partitions:
                return  # paused meanwhile (recovery moves changelog partitions in and out)
            offset = record.offset
            read = self._read_offset[tp]
            if read is None or offset >= read:
                await self.wait_first(self.callback(self._to_message(tp, record)), self.suspend_flow.wait())
                self._read_offset[tp] = offset

    async def seek_to_committed(self) -> Mapping[TP, int]:
        """Every partition of the job's topics to its committed offset, also when that is 0 or none.

        aiokafka's seek_to_committed seeks only offsets above 0 and leaves the others where the fetch
        position was, past the records a rebalance dropped; those are sought here too (no committed
        offset: the first offset, as auto_offset_reset "earliest" starts).
        """
        committed = await super().seek_to_committed()
        zero = {tp: 0 for tp, offset in committed.items() if offset == 0 and tp.topic in self.topics}
        none = [tp for tp, offset in committed.items() if offset is None and tp.topic in self.topics]
        if zero:
            await self.seek_wait(zero)
        if none:
            await self._thread.seek_to_beginning(*none)
        return committed

    async def _commit(self, offsets: Mapping[TP, int]) -> bool:
        """Commit `offsets` in the consumer's thread; False if the group did not take them.

        faust's commit (AIOKafkaConsumerThread._commit) crashes the worker on every error but a
        CommitFailedError worded "already rebalanced". aiokafka refuses a commit with
        IllegalStateError ("No partitions assigned", "Partition … is not assigned") while a
        rebalance reassigns partitions, as one does after a broker restart; a commit clean-clone CI
        saw crash the worker that way. A refused commit is only not done: the offsets stay
        uncommitted, and this worker's next batch or the partition's next owner processes those
        records again, which is a no-op for the job. Other errors (authorization, ...) still crash it.
        """
        return await self._thread.call_thread(self._commit_in_thread, offsets)

    async def _commit_in_thread(self, offsets: Mapping[TP, int]) -> bool:
        thread = self._thread
        assigned = thread.assignment()
        commit = {faust_aiokafka.ensure_aiokafka_TP(tp): OffsetAndMetadata(offset, "")
                  for tp, offset in offsets.items() if tp in assigned}
        try:
            await thread._ensure_consumer().commit(commit)  # noqa: SLF001 - the thread's aiokafka consumer
        except (CommitFailedError, IllegalStateError) as exc:
            log.info("commit refused: %r", exc)  # the job logs what it means
            return False
        return True

    def idle(self) -> bool:
        return self._idle.is_set()

    async def wait_idle(self) -> None:
        """Until no batch is being handled or finished."""
        await self._idle.wait()
        if self.settle is not None:
            await self.settle()

    async def on_partitions_revoked(self, revoked: set[TP]) -> None:
        # Stop handing out batches and let the one in progress finish before faust revokes anything.
        self.stop_flow()
        await self.wait_idle()
        await super().on_partitions_revoked(revoked)

    async def wait_empty(self) -> None:
        await self.wait_idle()
        await super().wait_empty()


class BatchApp(faust.App):
    """A faust App whose transport makes consumers of `consumer_class` (a BatchConsumer)."""

    def __init__(self, *args: Any, consumer_class: type[BatchConsumer], **options: Any) -> None:
        self.consumer_class = consumer_class
        super().__init__(*args, **options)

    def _new_transport(self) -> Any:
        transport = super()._new_transport()
        transport.Consumer = self.consumer_class
        return transport
