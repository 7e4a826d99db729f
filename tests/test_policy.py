"""The contact policy: when a contact is unsubscribed, and why."""
from __future__ import annotations

import pytest

from streams import pipeline
from streams.model import Reason
from streams.policy import begin_send, confirm, due, fold, pending_since
from streams.policyfile import default_policy, parse
from tests.policy_events import MINUTE, ORIGIN, bounce, engagement

POLICY = default_policy()


def run(*events, policy=POLICY):
    state = None
    for event in events:
        state = fold(state, event, policy)
    return state


def decided(state):
    return None if state is None or state.decision is None else state.decision.command


def test_a_hard_bounce_unsubscribes_at_once():
    command = decided(run(bounce("b1", 0, Reason.USERUNKNOWN)))
    assert command.body["reason"] == "hard_bounce"
    assert [e["id"] for e in command.body["evidence"]] == ["b1"]
    assert command.body["evidence"][0]["class"] == "hard"
    assert command.body["decided_at"] == "2026-11-28T10:00:00.000Z"


def test_a_transient_unknown_user_is_soft_it_counts_but_does_not_unsubscribe_at_once():
    # "450 4.1.1 user unknown": the reason is the cause stated, the class says it is not final
    assert decided(run(bounce("b1", 0, Reason.USERUNKNOWN, status="4.1.1"))) is None
    state = run(*(bounce(f"b{i}", i, Reason.USERUNKNOWN, status="4.1.1") for i in range(3)))
    command = decided(state)
    assert command.body["reason"] == "consecutive_bounces"
    assert {e["class"] for e in command.body["evidence"]} == {"soft"}


def test_three_soft_bounces_in_a_row_unsubscribe_with_all_three_as_evidence():
    state = run(bounce("b1", 0), bounce("b2", 10), bounce("b3", 20))
    command = decided(state)
    assert command.body["reason"] == "consecutive_bounces"
    assert [e["id"] for e in command.body["evidence"]] == ["b1", "b2", "b3"]
    assert command.body["policy"] == {"name": "default", "version": "1", "hard_bounce_limit": 1,
                                      "consecutive_bounce_limit": 3}
    assert command.body["last_activity_at"] is None


def test_two_soft_bounces_do_not_unsubscribe():
    assert decided(run(bounce("b1", 0), bounce("b2", 10))) is None


def test_engagement_between_bounces_resets_the_count():
    state = run(bounce("b1", 0), bounce("b2", 1), engagement("e1", 2), bounce("b3", 3), bounce("b4", 4))
    assert decided(state) is None
    command = decided(fold(state, bounce("b5", 5), POLICY))
    assert [e["id"] for e in command.body["evidence"]] == ["b3", "b4", "b5"]
    assert command.body["last_activity_at"] == "2026-11-28T10:02:00.000Z"


def test_a_late_engagement_from_before_the_deciding_bounce_cancels_the_pending_decision():
    state = run(bounce("b1", 0), bounce("b2", 10), bounce("b3", 20))
    assert decided(state) is not None
    assert decided(fold(state, engagement("e1", 15), POLICY)) is None


def test_engagement_after_the_deciding_bounce_does_not_cancel():
    state = run(bounce("b1", 0), bounce("b2", 10), bounce("b3", 20), engagement("e1", 21))
    assert decided(state).body["reason"] == "consecutive_bounces"


def test_engagement_at_the_same_instant_as_a_bounce_counts_as_before_it():
    assert decided(run(bounce("b1", 0), bounce("b2", 10), engagement("e1", 20), bounce("b3", 20))) is None


@pytest.mark.parametrize("reason", [Reason.BLOCKED, Reason.SPAMDETECTED, Reason.VACATION, Reason.DELIVERED])
def test_block_and_none_classes_neither_count_nor_reset(reason):
    assert decided(run(bounce("b1", 0), bounce("x1", 1, reason), bounce("b2", 2))) is None
    command = decided(run(bounce("b1", 0), bounce("x1", 1, reason), bounce("b2", 2), bounce("b3", 3)))
    assert [e["id"] for e in command.body["evidence"]] == ["b1", "b2", "b3"]


def test_retries_of_one_message_count_once():
    state = run(bounce("b1", 0, message_id="m1"), bounce("b2", 5, message_id="m1"), bounce("b3", 9, message_id="m1"))
    assert decided(state) is None
    command = decided(run(bounce("b1", 0, message_id="m1"), bounce("b2", 5, message_id="m1"),
                          bounce("b3", 9, message_id="m2"), bounce("b4", 12, message_id="m3")))
    assert [e["id"] for e in command.body["evidence"]] == ["b1", "b3", "b4"]


def test_a_redelivered_event_counts_once():
    assert decided(run(bounce("b1", 0), bounce("b1", 0), bounce("b2", 1), bounce("b2", 1))) is None


def test_a_complaint_unsubscribes_and_is_not_undone_by_engagement():
    state = run(engagement("e1", 30), bounce("c1", 10, Reason.FEEDBACK))
    command = decided(state)
    assert command.body["reason"] == "complaint"
    assert [e["class"] for e in command.body["evidence"]] == ["complaint"]


def test_when_the_deciding_bounce_is_hard_the_reason_is_hard_bounce():
    policy = parse("[default]\nhard_bounce_limit = 2\n").default
    command = decided(run(bounce("b1", 0), bounce("b2", 1), bounce("b3", 2, Reason.USERUNKNOWN), policy=policy))
    assert command.body["reason"] == "hard_bounce"
    assert len(command.body["evidence"]) == 3


def test_tenant_policy_overrides_the_default():
    policies = parse('[tenants."patient"]\nconsecutive_bounce_limit = 5\n')
    events = [bounce(f"b{i}", i, tenant="patient") for i in range(4)]
    state = None
    for event in events:
        state = fold(state, event, policies.for_tenant(event.tenant))
    assert decided(state) is None
    state = fold(state, bounce("b9", 9, tenant="patient"), policies.for_tenant("patient"))
    assert decided(state).body["policy"]["consecutive_bounce_limit"] == 5


def test_a_decision_waits_for_its_grace_period():
    state = run(bounce("b1", 0, Reason.USERUNKNOWN))
    grace = 5 * MINUTE
    assert due(state, ORIGIN + grace - 1, grace) == []
    assert [c.command_id for c in due(state, ORIGIN + grace, grace)] == [decided(state).command_id]


def test_a_contact_is_unsubscribed_once():
    state = run(bounce("b1", 0, Reason.USERUNKNOWN))
    command = decided(state)
    state = confirm(begin_send(state, command.command_id), command.command_id)
    assert pending_since(state) is None
    assert due(state, ORIGIN + 10**9, 0) == []
    later = fold(state, bounce("b2", 60, Reason.USERUNKNOWN), POLICY)
    assert later == state


def test_an_unsubscribed_contact_keeps_which_command_it_was_not_its_evidence():
    state = run(bounce("b1", 0), bounce("b2", 1), bounce("b3", 2))
    command = decided(state)
    state = confirm(begin_send(state, command.command_id), command.command_id)
    kept = state.decision.command
    assert (kept.command_id, kept.key, kept.reason, kept.decided_at) == (
        command.command_id, command.key, command.reason, command.decided_at)
    assert "evidence" not in kept.body and state.run == () and state.events == ()
    assert pipeline.decode_state(pipeline.encode_state(state)) == state  # and it restores from the table


def test_a_decision_being_sent_is_locked_and_sent_again_until_confirmed():
    state = run(bounce("b1", 0), bounce("b2", 1), bounce("b3", 2))
    command = decided(state)
    state = begin_send(state, command.command_id)
    state = fold(state, engagement("e-late", 1), POLICY)  # too late: the command may be out already
    assert [c.command_id for c in due(state, ORIGIN, 10**9)] == [command.command_id]
    assert pending_since(state) == command.decided_at


def test_the_command_id_depends_only_on_the_decision():
    one = decided(run(bounce("b1", 0), bounce("b2", 1), bounce("b3", 2)))
    two = decided(run(bounce("b3", 2), bounce("b1", 0), bounce("b2", 1)))
    assert one.command_id == two.command_id
    other = decided(run(bounce("b1", 0), bounce("b2", 1), bounce("b4", 2)))
    assert other.command_id != one.command_id


def test_state_survives_its_byte_encoding():

    state = run(bounce("b1", 0, message_id="m1"), engagement("e1", 1), bounce("b2", 2), bounce("b3", 3),
                bounce("b4", 4))
    assert pipeline.decode_state(pipeline.encode_state(state)) == state
    assert pipeline.decode_state(None) is None


def test_state_written_by_the_previous_release_restores_and_later_fields_are_ignored():
    previous = (b'{"tenant":"acme","recipient":"ann@example.org","contact_id":null,"activity_at":null,"run":[],'
                b'"events":[{"kind":"bounce","id":"b1","tenant":"acme","recipient":"ann@example.org",'
                b'"at":1795860000000,"format":"smtp","reason":"mailboxfull","rule_id":"r","status":"4.2.2",'
                b'"reply_code":"452","diagnostic":"","remote_host":"","message_id":"","contact_id":null}],'
                b'"newest_at":1795860000000,"decision":null}')
    state = pipeline.decode_state(previous)
    assert [e.id for e in state.events] == ["b1"]
    later = pipeline.encode_state(state).replace(b'"v":2', b'"v":2,"added_later":[1]')
    assert pipeline.decode_state(later) == state
    with pytest.raises(ValueError, match="newer release"):
        pipeline.decode_state(later.replace(b'"v":2', b'"v":3'))
