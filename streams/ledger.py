"""Which consumed offsets the job has processed, and so which offsets it may commit (pure: no I/O, no clock).

faust-streaming 0.15 can skip records around a rebalance or recovery: it drops a re-fetched record as
"already read", acks an offset gap, or clears a stream buffer, and its commit then moves past records
no agent processed. A worker killed with SIGKILL and restarted lost records that way. So the job turns
faust's acks off for the topics it reads and keeps this ledger instead: per partition, the next offset
it must process. A record is processed only when its offset is the expected one; an earlier offset is
a redelivery (skipped: it was processed); a later one is a gap. The shell then asks the broker for the
first record at or after the expected offset: if that is the expected one, records went missing on the
way and the consumer seeks back to it; if it is later (transaction markers, retention), the offsets in
between hold no record and the ledger jumps over them. A skipped record with no record after it shows
no gap, so a partition that has not moved for STALL_WAIT seconds while the broker holds records past
its expected offset is stalled: the shell resolves it like a gap. Only offsets below the expected one
are ever committed, so a commit never covers a record that was not processed.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

# After a seek, records fetched before it still arrive; a gap seen within this many seconds of the
# seek is one of those, not a new gap.
SEEK_WAIT = 2.0
# A partition behind the broker's end offset that processed nothing for this many seconds is stalled.
STALL_WAIT = 5.0

Partition = tuple[str, int]  # (topic, partition), faust's TP is such a tuple


class Admit(Enum):
    PROCESS = "process"  # the expected record: process it, then call done()
    SKIP = "skip"  # processed already, or fetched before a seek back to the expected record
    GAP = "gap"  # records are missing before this one: find the first record at expected(), then jump or seek


@dataclass(slots=True)
class _Track:
    expected: int  # the next offset to process
    committed: int  # the offset the group has committed (records below it were processed)
    moved_at: float  # when `expected` last changed (or the partition was started)
    sought_at: float | None = None  # when the consumer was last sought back to `expected`


class Ledger:
    """Per partition of one consumer generation: the next offset to process and what is committable."""

    def __init__(self) -> None:
        self._tracks: dict[Partition, _Track] = {}
        self.generation: object = None

    def renew(self, generation: object) -> None:
        """Forget every partition when the consumer group has a new generation (assignments changed)."""
        if generation != self.generation:
            self.generation = generation
            self._tracks.clear()

    def knows(self, tp: Partition) -> bool:
        return tp in self._tracks

    def start(self, tp: Partition, committed: int, now: float) -> None:
        """Track tp from the group's committed offset (or the partition's first offset when none is)."""
        self._tracks[tp] = _Track(expected=committed, committed=committed, moved_at=now)

    def expected(self, tp: Partition) -> int:
        return self._tracks[tp].expected

    def admit(self, tp: Partition, offset: int, now: float) -> Admit:
        """What to do with the record at `offset` of tp (tp must be known); `now` is a monotonic clock."""
        track = self._tracks[tp]
        if offset < track.expected:
            return Admit.SKIP
        if offset == track.expected:
            return Admit.PROCESS
        if track.sought_at is not None and now - track.sought_at < SEEK_WAIT:
            return Admit.SKIP
        return Admit.GAP

    def stalled(self, tp: Partition, end: int | None, now: float) -> bool:
        """Whether tp waits for records the broker has (`end`: its end offset) and none came for a while."""
        track = self._tracks[tp]
        if end is None or end <= track.expected or now - track.moved_at < STALL_WAIT:
            return False
        return track.sought_at is None or now - track.sought_at >= STALL_WAIT

    def sought(self, tp: Partition, now: float) -> None:
        """The consumer was sought back to expected(tp): the records after the gap come again."""
        self._tracks[tp].sought_at = now

    def jump(self, tp: Partition, offset: int, now: float) -> None:
        """The broker has no record between expected(tp) and `offset`: expect `offset` next."""
        track = self._tracks[tp]
        if offset > track.expected:
            track.expected, track.moved_at, track.sought_at = offset, now, None

    def done(self, tp: Partition, offset: int, now: float) -> None:
        """The record at `offset` (admitted with PROCESS) is processed and its outputs are sent."""
        track = self._tracks.get(tp)  # None: the generation changed meanwhile, the record comes again
        if track is not None and offset == track.expected:
            track.expected, track.moved_at, track.sought_at = offset + 1, now, None

    def committable(self) -> dict[Partition, int]:
        """The offsets to commit: partitions processed past their committed offset."""
        return {tp: t.expected for tp, t in self._tracks.items() if t.expected > t.committed}

    def committed(self, offsets: dict[Partition, int]) -> None:
        """Record a successful commit of `offsets` (as returned by committable())."""
        for tp, offset in offsets.items():
            track = self._tracks.get(tp)
            if track is not None and offset > track.committed:
                track.committed = offset
