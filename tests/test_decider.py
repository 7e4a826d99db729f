"""The decider: at any partition pace, through redeliveries and restarts, replay's commands."""
from __future__ import annotations

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from streams import pipeline
from streams.decider import Decider
from streams.model import Reason
from streams.policyfile import parse
from streams.replay import END_OF_TIME, decide_in_order
from tests.policy_events import MINUTE, bounce, engagement

POLICIES = parse()
LATENESS = 30 * MINUTE
GRACE = 5 * MINUTE
SOURCES = ("bounces/0", "bounces/1", "engagement/0", "engagement/1")
REASONS = [Reason.USERUNKNOWN, Reason.MAILBOXFULL, Reason.EXPIRED, Reason.BLOCKED, Reason.FEEDBACK]
RECIPIENTS = ["ann@example.org", "bob@example.org", "cy@example.org"]


@st.composite
def sources(draw):
    """Per source, its events in the order they are written: event time order up to LATENESS of jitter."""
    streams = {source: [] for source in SOURCES}
    for index in range(draw(st.integers(0, 40))):
        minute = draw(st.integers(0, 4 * 60))
        recipient = draw(st.sampled_from(RECIPIENTS))
        if draw(st.booleans()):
            source = draw(st.sampled_from(SOURCES[2:]))
            event = engagement(f"e{index}", minute, recipient=recipient)
        else:
            source = draw(st.sampled_from(SOURCES[:2]))
            event = bounce(f"b{index}", minute, draw(st.sampled_from(REASONS)), recipient=recipient,
                           message_id=draw(st.sampled_from(["", "", "m1"])))
        jitter = draw(st.integers(0, LATENESS // MINUTE - 1)) * MINUTE
        streams[source].append((event.at + jitter, index, event))
    return {source: [event for *_order, event in sorted(rows)] for source, rows in streams.items()}


class EncodedStore(dict):
    """Contact states as the table keeps them: encoded, so restarts also go through the state encoding."""

    def get(self, key):
        return pipeline.decode_state(super().get(key))

    def __setitem__(self, key, state):
        super().__setitem__(key, pipeline.encode_state(state))


class LiveJob:
    """The shell's use of a Decider, without Kafka: sources read at any pace, restarts, redeliveries."""

    def __init__(self) -> None:
        self.store = EncodedStore()
        self.pending: dict[bytes, int] = {}  # the pending index's table entries
        self.decider = self._decider(None)
        self.commands: list[bytes] = []

    def _decider(self, meta):
        return Decider(POLICIES, GRACE, SOURCES, self.store, meta, self.pending)

    def write_pending(self):
        for key, at in self.decider.take_pending_changes().items():
            if at is None:  # may never have been written: a tombstone of nothing
                self.pending.pop(key, None)
            else:
                self.pending[key] = at

    def fold(self, source, offset, event):
        self.decider.fold(pipeline.contact_key(event), event, source, (offset, 0))

    def advance(self, watermarks):
        if self.decider.advance(watermarks):
            for command in self.decider.due():
                self.commands.append(pipeline.encode_command(command))
                self.decider.sent(command)

    def restart(self):
        """A new worker: the partition's metadata, pending index and states restored from the table."""
        self.write_pending()
        self.decider = self._decider(self.decider.meta())


@settings(max_examples=300, deadline=None)
@given(sources(), st.randoms(use_true_random=False))
def test_any_partition_pace_with_redeliveries_and_restarts_sends_replays_commands(streams, rnd):
    job = LiveJob()
    cursors = {source: 0 for source in SOURCES}
    newest: dict[str, int] = {}
    while any(cursors[s] < len(streams[s]) for s in SOURCES):
        source = rnd.choice([s for s in SOURCES if cursors[s] < len(streams[s])])
        # a run of records from one source: the other partitions fall behind by any amount
        for _ in range(rnd.randint(1, 12)):
            offset = cursors[source]
            if offset >= len(streams[source]):
                break
            event = streams[source][offset]
            job.fold(source, offset, event)
            cursors[source] += 1
            newest[source] = max(newest.get(source, event.at), event.at)
        job.advance({s: at - LATENESS for s, at in newest.items()})
        roll = rnd.random()
        if roll < 0.1:
            cursors[source] = max(0, cursors[source] - rnd.randint(1, 5))  # redelivered after a restart
        elif roll < 0.2:
            job.restart()
    job.advance({source: END_OF_TIME for source in SOURCES})  # every source caught up and idle
    expected = [pipeline.encode_command(c) for c in decide_in_order(
        [event for rows in streams.values() for event in rows], POLICIES)]
    assert sorted(job.commands) == sorted(expected)
    assert len(set(job.commands)) == len(job.commands), "a command sent twice"


def test_nothing_is_final_until_every_source_has_reported():
    job = LiveJob()
    job.fold("bounces/0", 0, bounce("b1", 0, Reason.USERUNKNOWN))
    job.advance({"bounces/0": END_OF_TIME, "bounces/1": END_OF_TIME, "engagement/0": END_OF_TIME})
    assert job.commands == []
    job.advance({"engagement/1": END_OF_TIME})
    assert len(job.commands) == 1


def test_a_decision_waits_for_the_slowest_source_so_its_engagement_still_cancels():
    job = LiveJob()
    for offset, minute in enumerate((0, 10, 20)):
        job.fold("bounces/0", offset, bounce(f"b{offset}", minute))
    job.advance({"bounces/0": END_OF_TIME, "bounces/1": END_OF_TIME, "engagement/1": END_OF_TIME,
                 "engagement/0": 0})  # the engagement partition is far behind
    assert job.commands == []
    job.fold("engagement/0", 0, engagement("e1", 15))
    job.advance({"engagement/0": END_OF_TIME})
    assert job.commands == []


def test_a_late_event_is_folded_while_undecided_and_counted():
    job = LiveJob()
    at = bounce("x", 24 * 60).at
    job.advance({source: at for source in SOURCES})
    job.fold("bounces/0", 0, bounce("b1", 24 * 60 + 1))
    job.fold("bounces/0", 1, bounce("b2", 24 * 60 + 2))
    job.fold("engagement/0", 0, engagement("e1", 0))  # a day behind the watermark: late
    assert job.decider.late == 1
    job.fold("bounces/0", 2, bounce("b3", 24 * 60 + 3))
    job.advance({source: END_OF_TIME for source in SOURCES})
    [command] = job.commands
    assert [e["id"] for e in orjson.loads(command)["evidence"]] == ["b1", "b2", "b3"]


def test_a_late_event_after_the_decision_is_final_is_ignored_and_counted():
    job = LiveJob()
    job.fold("bounces/0", 0, bounce("b1", 0, Reason.USERUNKNOWN))
    job.advance({source: bounce("x", 60).at for source in SOURCES})
    assert len(job.commands) == 1
    key = pipeline.contact_key(bounce("b1", 0))
    before = job.store[key]
    job.fold("engagement/0", 0, engagement("e1", 0))
    assert job.decider.late == 1
    assert job.store[key] == before


def test_a_redelivered_event_counts_once_even_after_it_was_summarised():
    job = LiveJob()
    job.fold("bounces/0", 0, bounce("b1", 0))
    job.fold("bounces/0", 1, bounce("b2", 10))
    job.advance({source: bounce("x", 600).at for source in SOURCES})  # both summarised now
    job.fold("bounces/0", 0, bounce("b1", 0))  # a restarted ingest sends them again
    job.fold("bounces/0", 1, bounce("b2", 10))
    assert job.decider.redelivered == 2
    job.advance({source: END_OF_TIME for source in SOURCES})
    assert job.commands == []


def test_metadata_of_a_newer_release_is_refused():
    import pytest
    with pytest.raises(ValueError, match="newer release"):
        Decider(POLICIES, GRACE, SOURCES, {}, b'{"v": 99}')


def test_the_pending_index_is_kept_as_entries_so_the_metadata_stays_small():
    job = LiveJob()
    for index in range(200):  # 200 contacts decided while the engagement partitions have not reported
        job.fold("bounces/0", index, bounce(f"b{index}", 0, Reason.USERUNKNOWN, recipient=f"c{index}@example.org"))
    job.advance({"bounces/0": END_OF_TIME, "bounces/1": END_OF_TIME})
    assert len(job.decider.meta()) < 200
    job.restart()
    assert len(job.pending) == 200
    job.advance({source: END_OF_TIME for source in SOURCES})
    assert len(job.commands) == 200
    job.write_pending()
    assert job.pending == {}


def test_metadata_of_the_previous_release_restores_its_pending_index():
    job = LiveJob()
    job.fold("bounces/0", 0, bounce("b1", 0, Reason.USERUNKNOWN))
    key = pipeline.contact_key(bounce("b1", 0))
    decided_at = job.decider.pending[key]
    # version 1 kept the index in the metadata, keys as latin-1 text
    previous = orjson.dumps({"v": 1, "wm": {}, "pos": {"bounces/0": [0, 0]},
                             "pending": {key.decode("latin-1"): decided_at}})
    decider = Decider(POLICIES, GRACE, SOURCES, job.store, previous, {})
    assert decider.take_pending_changes() == {key: decided_at}  # moved out into entries
    decider.advance({source: END_OF_TIME for source in SOURCES})
    assert [command.key for command in decider.due()] == [key]
