"""Invariants of the contact policy, over generated event histories."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from streams.model import Reason
from streams.policy import fold
from streams.policyfile import default_policy
from tests.policy_events import bounce, engagement

POLICY = default_policy()
REASONS = [Reason.USERUNKNOWN, Reason.MAILBOXFULL, Reason.EXPIRED, Reason.BLOCKED, Reason.VACATION,
           Reason.FEEDBACK]


@st.composite
def histories(draw):
    """Up to 12 events of one contact, unique ids, times in a small range so ties happen."""
    count = draw(st.integers(0, 12))
    events = []
    for index in range(count):
        minute = draw(st.integers(0, 15))
        if draw(st.integers(0, 3)) == 0:
            events.append(engagement(f"e{index}", minute))
        else:
            reason = draw(st.sampled_from(REASONS))
            message_id = draw(st.sampled_from(["", "", "m1", "m2"]))
            events.append(bounce(f"b{index}", minute, reason, message_id=message_id))
    return events


def final(events):
    state = None
    for event in events:
        state = fold(state, event, POLICY)
    return state


def decision(events):
    state = final(events)
    return None if state is None or state.decision is None else state.decision.command


@settings(max_examples=300)
@given(histories(), st.randoms())
def test_order_of_arrival_does_not_change_the_decision(events, rnd):
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert decision(shuffled) == decision(events)
    assert final(shuffled) == final(events)


@settings(max_examples=300)
@given(histories(), st.randoms())
def test_redelivered_events_do_not_change_the_decision(events, rnd):
    copies = list(events) + [rnd.choice(events) for _ in range(len(events))] if events else []
    rnd.shuffle(copies)
    assert decision(copies) == decision(events)


@settings(max_examples=300)
@given(histories())
def test_every_command_carries_its_evidence(events):
    command = decision(events)
    if command is None:
        return
    body = command.body
    evidence = body["evidence"]
    assert evidence, "a command without evidence"
    assert evidence[-1]["at"] == body["decided_at"]
    assert len({e["id"] for e in evidence}) == len(evidence)
    if body["reason"] == "complaint":
        assert [e["class"] for e in evidence] == ["complaint"]
    else:
        assert all(e["class"] in ("hard", "soft") for e in evidence)
        message_ids = [e["message_id"] for e in evidence if e["message_id"]]
        assert len(set(message_ids)) == len(message_ids)
    if body["reason"] == "consecutive_bounces":
        assert len(evidence) == POLICY.limits.consecutive_bounce_limit
        assert evidence[-1]["class"] == "soft"
    if body["reason"] == "hard_bounce":
        assert evidence[-1]["class"] == "hard"


LATENESS = 12 * 60 * 60 * 1000


@st.composite
def long_histories(draw):
    """Up to 30 events over five days, each arriving up to LATENESS after it happened."""
    count = draw(st.integers(0, 30))
    arrivals = []
    for index in range(count):
        minute = draw(st.integers(0, 5 * 24 * 60))
        delay = draw(st.integers(0, LATENESS // 60_000))
        if draw(st.integers(0, 4)) == 0:
            event = engagement(f"e{index}", minute)
        else:
            event = bounce(f"b{index}", minute, draw(st.sampled_from(REASONS)),
                           message_id=draw(st.sampled_from(["", "", "", "m1"])))
        arrivals.append((minute + delay, index, event))
    return [event for _, _, event in sorted(arrivals)]


def folded_behind_watermark(events):
    """Fold in arrival order with the watermark a source would report: newest time seen minus LATENESS."""
    state, newest = None, None
    for event in events:
        newest = event.at if newest is None else max(newest, event.at)
        state = fold(state, event, POLICY, newest - LATENESS)
    return state


@settings(max_examples=300)
@given(long_histories())
def test_summarising_before_the_watermark_changes_no_decision_within_the_allowed_lateness(events):
    state = folded_behind_watermark(events)
    bounded = None if state is None or state.decision is None else state.decision.command
    assert bounded == decision(sorted(events, key=lambda e: (e.at, e.id)))


@settings(max_examples=100)
@given(long_histories())
def test_state_stays_small_however_long_the_history(events):
    state = folded_behind_watermark(events)
    if state is not None and state.decision is None:
        assert len(state.run) < POLICY.limits.consecutive_bounce_limit
