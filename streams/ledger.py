"""Which records of a fetched batch the job processes, and which offsets it may commit. Pure: no I/O.

The job commits its own offsets (faust's acks are not used): per partition of one consumer
generation the ledger keeps the next offset to process, starting at the group's committed offset.
A batch (records of one partition in offset order, from one fetch) is taken from that offset on:
- records before it were processed already (a re-fetch after a restart or a seek): skipped;
- if the batch starts after it, the fetch position is ahead of the job: records were fetched that
  it never got (a rebalance around the fetch, see streams.batchconsumer). The job seeks back to the
  expected offset and processes nothing of this partition yet. If the first batch after that seek
  still starts later, the offsets in between hold no record (transaction markers, compaction,
  retention) and the ledger moves over them: the seek was done in the fetching thread before that
  fetch, so its records start where the broker's log does.
Only offsets below the expected one are committed, so a commit never covers a record that was not
processed, and a seek never waits on itself: every gap is resolved by the next fetch.
"""
from __future__ import annotations

from dataclasses import dataclass

Partition = tuple[str, int]  # (topic, partition); faust's TP is such a tuple


@dataclass(slots=True)
class _Track:
    expected: int  # the next offset to process
    committed: int  # the group's committed offset (records below it were processed)
    sought: bool = False  # the consumer was sought to `expected` and no batch of it came since


@dataclass(frozen=True, slots=True)
class Take:
    start: int  # index of the first record of the batch to process (len(batch): none)
    seek: int | None = None  # seek the partition here before the next fetch, processing nothing
    skipped: int = 0  # offsets the ledger moved over (no record there)


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

    def start(self, tp: Partition, committed: int) -> None:
        """Track tp from the group's committed offset (or the partition's first offset when none is)."""
        self._tracks[tp] = _Track(expected=committed, committed=committed)

    def expected(self, tp: Partition) -> int:
        return self._tracks[tp].expected

    def take(self, tp: Partition, offsets: list[int]) -> Take:
        """Which of a batch's records (their offsets, ascending) to process; tp must be known."""
        track = self._tracks[tp]
        start = 0
        while start < len(offsets) and offsets[start] < track.expected:
            start += 1
        if start == len(offsets) or offsets[start] == track.expected:
            return Take(start)
        if not track.sought:
            track.sought = True
            return Take(len(offsets), seek=track.expected)
        skipped = offsets[start] - track.expected
        track.expected = offsets[start]
        return Take(start, skipped=skipped)

    def done(self, tp: Partition, offset: int) -> None:
        """Every record of tp up to `offset` (the last of a taken batch) is processed."""
        track = self._tracks.get(tp)  # None: the generation changed meanwhile, the records come again
        if track is not None and offset >= track.expected:
            track.expected, track.sought = offset + 1, False

    def committable(self) -> dict[Partition, int]:
        """The offsets to commit: partitions processed past their committed offset."""
        return {tp: t.expected for tp, t in self._tracks.items() if t.expected > t.committed}

    def committed(self, offsets: dict[Partition, int]) -> None:
        """Record a successful commit of `offsets` (as returned by committable())."""
        for tp, offset in offsets.items():
            track = self._tracks.get(tp)
            if track is not None and offset > track.committed:
                track.committed = offset
