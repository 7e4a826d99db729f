"""The offset ledger: a commit never covers a record that was not processed, whatever order faust delivers."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from streams.ledger import SEEK_WAIT, STALL_WAIT, Admit, Ledger

TP = ("email.bounces.raw", 3)


def started(offset: int = 10) -> Ledger:
    ledger = Ledger()
    ledger.renew(1)
    ledger.start(TP, offset, now=0.0)
    return ledger


def test_records_in_order_are_processed_and_become_committable():
    ledger = started()
    for offset in (10, 11, 12):
        assert ledger.admit(TP, offset, now=0.0) is Admit.PROCESS
        ledger.done(TP, offset, now=0.0)
    assert ledger.committable() == {TP: 13}
    ledger.committed({TP: 13})
    assert ledger.committable() == {}


def test_a_redelivered_record_is_skipped():
    ledger = started()
    ledger.admit(TP, 10, now=0.0)
    ledger.done(TP, 10, now=0.0)
    assert ledger.admit(TP, 10, now=0.0) is Admit.SKIP
    assert ledger.admit(TP, 4, now=0.0) is Admit.SKIP


def test_a_record_after_missing_ones_is_a_gap_and_nothing_past_the_gap_is_committable():
    ledger = started()
    assert ledger.admit(TP, 14, now=0.0) is Admit.GAP
    assert ledger.committable() == {}


def test_records_fetched_before_a_seek_are_skipped_until_the_missing_one_comes_again():
    ledger = started()
    assert ledger.admit(TP, 14, now=0.0) is Admit.GAP
    ledger.sought(TP, now=0.0)
    assert ledger.admit(TP, 15, now=0.1) is Admit.SKIP  # buffered before the seek
    assert ledger.admit(TP, 10, now=0.2) is Admit.PROCESS  # the re-fetch
    ledger.done(TP, 10, now=0.0)
    assert ledger.committable() == {TP: 11}


def test_a_gap_still_there_after_the_seek_wait_is_asked_about_again():
    ledger = started()
    ledger.admit(TP, 14, now=0.0)
    ledger.sought(TP, now=0.0)
    assert ledger.admit(TP, 14, now=SEEK_WAIT + 0.1) is Admit.GAP


def test_a_real_gap_is_jumped_and_the_record_after_it_processed():
    ledger = started()
    assert ledger.admit(TP, 12, now=0.0) is Admit.GAP
    ledger.jump(TP, 12, now=0.0)  # offsets 10 and 11 hold no record (transaction markers)
    assert ledger.admit(TP, 12, now=0.0) is Admit.PROCESS
    ledger.done(TP, 12, now=0.0)
    assert ledger.committable() == {TP: 13}


def test_a_new_generation_forgets_partitions_and_a_late_done_is_ignored():
    ledger = started()
    ledger.admit(TP, 10, now=0.0)
    ledger.renew(2)
    ledger.done(TP, 10, now=0.0)
    assert not ledger.knows(TP)
    assert ledger.committable() == {}


def test_a_skipped_last_record_shows_as_a_stall_once_nothing_moved_for_a_while():
    ledger = started()  # at 0.0, expecting offset 10; the broker's end offset is 11: record 10 was skipped
    assert not ledger.stalled(TP, end=11, now=STALL_WAIT - 0.1)  # it may still be on its way
    assert ledger.stalled(TP, end=11, now=STALL_WAIT)
    ledger.sought(TP, now=STALL_WAIT)
    assert not ledger.stalled(TP, end=11, now=STALL_WAIT + 1.0)  # the seek is given time to work
    assert ledger.stalled(TP, end=11, now=2 * STALL_WAIT)


def test_a_partition_that_caught_up_or_keeps_moving_is_not_stalled():
    ledger = started()
    assert not ledger.stalled(TP, end=10, now=100.0)  # nothing to read
    assert not ledger.stalled(TP, end=None, now=100.0)  # end unknown yet
    ledger.admit(TP, 10, now=100.0)
    ledger.done(TP, 10, now=100.0)
    assert not ledger.stalled(TP, end=20, now=100.0 + STALL_WAIT / 2)


@given(st.lists(st.integers(min_value=0, max_value=30), max_size=200))
def test_whatever_faust_delivers_the_committable_offset_covers_only_processed_records(deliveries):
    ledger = started(0)
    processed: set[int] = set()
    for offset in deliveries:
        verdict = ledger.admit(TP, offset, now=0.0)
        assert not (verdict is Admit.PROCESS and offset in processed)  # never processed twice
        if verdict is Admit.PROCESS:
            processed.add(offset)
            ledger.done(TP, offset, now=0.0)
    committable = ledger.committable().get(TP, 0)
    assert set(range(committable)) <= processed
