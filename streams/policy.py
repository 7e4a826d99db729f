"""The contact policy: fold one event into a contact's state; decide when to unsubscribe. Pure.

The decision is a function of the *set* of events a contact has seen, not of their arrival order:
events are kept sorted by event time and walked in that order, so a late engagement that happened
before the deciding bounce cancels a pending decision, and any replay decides the same.

Walk (events in event-time order; at equal times engagement first, then by id):
- an engagement resets the run of counted bounces;
- a hard or soft bounce joins the run (a second bounce of the same original message does not);
  `hard_bounce_limit` hard ones, or `consecutive_bounce_limit` of any, decide;
- a complaint decides at once; block- and none-class bounces neither count nor reset.
The first point that decides is the decision; its bounce is the deciding bounce.

State stays bounded: the caller passes the watermark (streams.decider: the job's event-time
progress over all its input partitions, which no later event of a well-behaved input precedes) and
events before it are folded into a summary (the latest engagement and the run of bounces since it,
shorter than the limit). An event that arrives behind the watermark anyway (later than the allowed
lateness) is folded after the summary while the contact is undecided, and ignored once its decision
is final: the one place where arrival order can matter, and replay in event-time order never meets it.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from streams.classify import bounce_class
from streams.events import BounceEvent, Command, ContactEvent, EngagementEvent, contact_key
from streams.model import BounceClass, CommandReason, Policy
from streams.timefmt import format_ms

COUNTED = (BounceClass.HARD, BounceClass.SOFT)
# Past this many events in the horizon (a very busy contact), the oldest are summarised early.
MAX_EVENTS = 512


@dataclass(frozen=True, slots=True)
class Decision:
    command: Command
    state: str  # "pending": cancellable by a late engagement; "sending": being sent; "sent": confirmed


@dataclass(frozen=True, slots=True)
class ContactState:
    tenant: str
    recipient: str
    contact_id: str | None = None
    activity_at: int | None = None  # summary: the latest engagement before `events`
    run: tuple[BounceEvent, ...] = ()  # summary: counted bounces after activity_at, before `events`
    events: tuple[ContactEvent, ...] = ()  # not before the watermark, in walk order
    decision: Decision | None = None

    def but(self, **changes: Any) -> ContactState:
        """A copy with `changes` (dataclasses.replace, without its introspection: this is the hot path)."""
        fields = {"tenant": self.tenant, "recipient": self.recipient, "contact_id": self.contact_id,
                  "activity_at": self.activity_at, "run": self.run, "events": self.events, "decision": self.decision}
        fields.update(changes)
        return ContactState(**fields)


def class_of(event: BounceEvent, policy: Policy) -> BounceClass:
    """The event's class under `policy` (a temporary failure is never hard: streams.classify.bounce_class)."""
    return bounce_class(policy, event.reason, event.status, event.reply_code, event.diagnostic)


def walk_order(event: ContactEvent) -> tuple[int, int, str]:
    return (event.at, 0 if isinstance(event, EngagementEvent) else 1, event.id)


def _evidence(event: BounceEvent, policy: Policy) -> dict[str, Any]:
    return {
        "id": event.id,
        "at": format_ms(event.at),
        "format": event.format,
        "status": event.status,
        "reply_code": event.reply_code,
        "reason": str(event.reason),
        "class": str(class_of(event, policy)),
        "rule_id": event.rule_id,
        "diagnostic": event.diagnostic,
        "remote_host": event.remote_host,
        "message_id": event.message_id,
    }


def _command(state: ContactState, reason: CommandReason, run: list[BounceEvent],
             activity_at: int | None, policy: Policy) -> Command:
    deciding = run[-1]
    identity = "\x1f".join((state.tenant, state.recipient, str(reason), deciding.id, policy.name, policy.version))
    command_id = hashlib.sha256(identity.encode()).hexdigest()[:32]
    body = {
        "command_id": command_id,
        "tenant": state.tenant,
        "recipient": state.recipient,
        "contact_id": state.contact_id,
        "reason": str(reason),
        "evidence": [_evidence(event, policy) for event in run],
        "last_activity_at": format_ms(activity_at) if activity_at is not None else None,
        "policy": {
            "name": policy.name,
            "version": policy.version,
            "hard_bounce_limit": policy.limits.hard_bounce_limit,
            "consecutive_bounce_limit": policy.limits.consecutive_bounce_limit,
        },
        "decided_at": format_ms(deciding.at),
    }
    return Command(command_id, contact_key(state.tenant, state.recipient), reason, deciding.at, body)


def _decide(state: ContactState, policy: Policy) -> Command | None:
    """Walk the summary and the events: the first decision, if any."""
    activity_at = state.activity_at
    run: list[BounceEvent] = list(state.run)
    messages = {event.message_id for event in run if event.message_id}
    hard = sum(class_of(event, policy) is BounceClass.HARD for event in run)
    for event in state.events:
        if isinstance(event, EngagementEvent):
            activity_at, run, messages, hard = event.at, [], set(), 0
            continue
        cls = class_of(event, policy)
        if cls is BounceClass.COMPLAINT:
            return _command(state, CommandReason.COMPLAINT, [event], activity_at, policy)
        if cls not in COUNTED or (event.message_id and event.message_id in messages):
            continue
        run.append(event)
        if event.message_id:
            messages.add(event.message_id)
        if cls is BounceClass.HARD:
            hard += 1
        if hard >= policy.limits.hard_bounce_limit or len(run) >= policy.limits.consecutive_bounce_limit:
            reason = CommandReason.HARD_BOUNCE if cls is BounceClass.HARD else CommandReason.CONSECUTIVE_BOUNCES
            return _command(state, reason, run, activity_at, policy)
    return None


def _relevant(event: ContactEvent, policy: Policy) -> bool:
    """Only engagement and bounces that count or complain can change a decision."""
    if isinstance(event, EngagementEvent):
        return True
    return class_of(event, policy) in (*COUNTED, BounceClass.COMPLAINT)


def new_state(event: ContactEvent) -> ContactState:
    return ContactState(event.tenant, event.recipient, event.contact_id)


def is_final(state: ContactState | None) -> bool:
    """Whether the contact's decision is final (being sent or sent): no event changes it any more."""
    return state is not None and state.decision is not None and state.decision.state != "pending"


def fold(state: ContactState | None, event: ContactEvent, policy: Policy, watermark: int | None = None) -> ContactState:
    """The contact's state after `event`, events before `watermark` summarised. Idempotent for a redelivery."""
    if state is None:
        state = new_state(event)
    if is_final(state):
        return state  # decided for good: the contact is unsubscribed once
    if event.contact_id and event.contact_id != state.contact_id:
        state = state.but(contact_id=event.contact_id)
    if not _relevant(event, policy) or any(seen.id == event.id for seen in state.events):
        return state
    events = state.events
    if not events or walk_order(events[-1]) <= walk_order(event):
        events = (*events, event)  # the usual case: in event-time order
    else:
        events = tuple(sorted((*events, event), key=walk_order))
    return _settle(ContactState(state.tenant, state.recipient, state.contact_id, state.activity_at, state.run, events),
                   policy, watermark)


def _summarise(state: ContactState, upto: int, policy: Policy) -> tuple[int | None, tuple[BounceEvent, ...],
                                                                        tuple[ContactEvent, ...]]:
    """The summary (activity_at, run) with the events before `upto` folded in, and the events kept."""
    activity_at, run = state.activity_at, list(state.run)
    kept = []
    for event in state.events:
        if event.at >= upto:
            kept.append(event)
        elif isinstance(event, EngagementEvent):
            activity_at, run = event.at, []
        elif class_of(event, policy) in COUNTED and not (
                event.message_id and any(event.message_id == b.message_id for b in run)):
            run.append(event)
    return activity_at, tuple(run), tuple(kept)


def _settle(state: ContactState, policy: Policy, watermark: int | None) -> ContactState:
    """Recompute the pending decision (state.decision is ignored); summarise the events before the watermark."""
    command = _decide(state, policy)
    events = state.events
    upto = watermark
    if len(events) > MAX_EVENTS:
        oldest_kept = events[len(events) - MAX_EVENTS].at
        upto = oldest_kept if upto is None else max(upto, oldest_kept)
    if command is not None and upto is not None:
        upto = min(upto, command.decided_at)  # never summarise the deciding bounce away
    activity_at, run = state.activity_at, state.run
    if upto is not None and events and events[0].at < upto:  # events are in event-time order
        activity_at, run, events = _summarise(state, upto, policy)
    return ContactState(state.tenant, state.recipient, state.contact_id, activity_at, run, events,
                        None if command is None else Decision(command, "pending"))


def due(state: ContactState, now_ms: int, grace_ms: int) -> list[Command]:
    """Commands to send now: a pending decision whose grace has passed, or one being sent."""
    decision = state.decision
    if decision is None or decision.state == "sent":
        return []
    if decision.state == "sending" or decision.command.decided_at + grace_ms <= now_ms:
        return [decision.command]
    return []


def begin_send(state: ContactState, command_id: str) -> ContactState:
    """Lock the decision before its command is sent: from now on it is sent again until confirmed."""
    decision = state.decision
    if decision is None or decision.command.command_id != command_id or decision.state != "pending":
        return state
    return state.but(decision=Decision(decision.command, "sending"))


# What a sent decision keeps of its command's body: which command it was, for whom, why and when.
# The evidence went out with the command; kept, it would be most of every unsubscribed contact's state.
SENT_FIELDS = ("command_id", "tenant", "recipient", "contact_id", "reason", "decided_at")


def confirm(state: ContactState, command_id: str) -> ContactState:
    """The broker has the command: the contact is unsubscribed for good; its events, its run and the
    command's evidence are dropped."""
    decision = state.decision
    if decision is None or decision.command.command_id != command_id:
        return state
    command = decision.command
    body = {name: command.body[name] for name in SENT_FIELDS if name in command.body}
    kept = Command(command.command_id, command.key, command.reason, command.decided_at, body)
    return state.but(run=(), events=(), decision=Decision(kept, "sent"))


def pending_since(state: ContactState) -> int | None:
    """decided_at of a decision not yet confirmed, else None."""
    decision = state.decision
    if decision is None or decision.state == "sent":
        return None
    return decision.command.decided_at
