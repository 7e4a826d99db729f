"""The offset ledger: every record is processed once, in order, whatever the fetch position does; a
commit never covers a record that was not processed; a seek is followed by progress, never a loop."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from streams.ledger import Ledger, Take

TP = ("email.bounces.raw", 3)


def started(offset: int = 10) -> Ledger:
    ledger = Ledger()
    ledger.renew(1)
    ledger.start(TP, offset)
    return ledger


def test_a_batch_at_the_expected_offset_is_processed_and_committable():
    ledger = started()
    assert ledger.take(TP, [10, 11, 12]) == Take(0)
    ledger.done(TP, 12)
    assert ledger.committable() == {TP: 13}
    ledger.committed({TP: 13})
    assert ledger.committable() == {}


def test_records_processed_already_are_skipped():
    ledger = started()
    ledger.take(TP, [10, 11])
    ledger.done(TP, 11)
    assert ledger.take(TP, [9, 10, 11, 12]) == Take(3)  # a re-fetch after a seek: only 12 is new


def test_a_batch_after_the_expected_offset_asks_for_a_seek_and_processes_nothing():
    ledger = started()
    assert ledger.take(TP, [14, 15]) == Take(2, seek=10)
    assert ledger.committable() == {}


def test_after_the_seek_a_later_first_record_means_the_offsets_between_hold_none():
    ledger = started()
    ledger.take(TP, [14, 15])
    assert ledger.take(TP, [12, 13]) == Take(0, skipped=2)  # transaction markers at 10 and 11
    ledger.done(TP, 13)
    assert ledger.committable() == {TP: 14}


def test_the_seek_brings_the_missing_records_back():
    ledger = started()
    ledger.take(TP, [14, 15])
    assert ledger.take(TP, [10, 11]) == Take(0)


def test_a_new_generation_forgets_every_partition():
    ledger = started()
    ledger.take(TP, [10])
    ledger.renew(2)
    ledger.done(TP, 10)
    assert not ledger.knows(TP)
    assert ledger.committable() == {}


# A partition's log: which offsets hold a record (others are transaction markers or compacted away).
logs = st.lists(st.booleans(), min_size=1, max_size=60).map(lambda holds: [i for i, h in enumerate(holds) if h])


@given(logs, st.lists(st.tuples(st.integers(0, 3), st.integers(1, 8), st.integers(0, 70)), max_size=60))
def test_whatever_the_fetch_position_does_every_record_is_processed_once_in_order(log, steps):
    """A model of streams.batchconsumer's loop. Each step fetches up to `size` records from the fetch
    position. Kind 0 is a rebalance: fetched records are dropped (the position jumps to `jump`), one
    more fetch from there may still come back (fetched before the recovery's seek), the generation
    changes, and recovery seeks to the committed offset; kind 1 commits."""
    ledger = started(0)
    position, generation, committed = 0, 1, 0
    processed: list[int] = []

    def fetch(size: int) -> list[int]:
        nonlocal position
        batch = [offset for offset in log if offset >= position][:size]
        if batch:
            position = batch[-1] + 1
        return batch

    def step(batch: list[int]) -> None:
        nonlocal position
        if not batch:
            return
        take = ledger.take(TP, batch)
        if take.seek is not None:
            position = take.seek
            return
        processed.extend(batch[take.start:])
        ledger.done(TP, batch[-1])

    for kind, size, jump in steps:
        if kind == 0:
            position = jump
            stale = fetch(size)
            generation += 1
            ledger.renew(generation)
            ledger.start(TP, committed)
            position = committed
            del processed[committed_count(processed, committed):]  # not committed: processed again
            step(stale)
        elif kind == 1:
            committed = ledger.committable().get(TP, committed)
            ledger.committed({TP: committed})
        step(fetch(size))
    for _ in range(2 * len(log) + 2):  # no more faults: the loop must catch up, never go round in circles
        step(fetch(8))
    assert processed == log
    assert ledger.committable().get(TP, committed) == (log[-1] + 1 if log else 0)


def committed_count(processed: list[int], committed: int) -> int:
    return sum(offset < committed for offset in processed)
