"""Sorting replay's events on disk gives the order an in-memory sort gives, ties included."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from streams.eventsort import sorted_events
from streams.events import BounceEvent, EngagementEvent
from streams.model import Reason
from streams.policy import walk_order

bounces = st.builds(BounceEvent, id=st.sampled_from(["b1", "b2", "b3"]), tenant=st.just("acme"),
                    recipient=st.sampled_from(["ann@example.org", "bob@example.org"]), at=st.integers(0, 5),
                    format=st.just("smtp"), reason=st.sampled_from([Reason.MAILBOXFULL, Reason.USERUNKNOWN]),
                    rule_id=st.just("r"), diagnostic=st.text(max_size=5))
engagements = st.builds(EngagementEvent, id=st.sampled_from(["e1", "e2"]), tenant=st.just("acme"),
                        recipient=st.sampled_from(["ann@example.org", "bob@example.org"]), at=st.integers(0, 5),
                        type=st.just("open"))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(bounces, engagements), max_size=40), st.integers(1, 7))
def test_runs_on_disk_merge_to_the_stable_in_memory_order(events, run_events):
    assert list(sorted_events(events, run_events)) == sorted(events, key=walk_order)
