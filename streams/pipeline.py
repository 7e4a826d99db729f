"""The one pipeline step, shared by the live job (app.py) and `replay`: bytes in, events, state, commands.

Pure: the shell passes in the bytes it read, the policies, and the wall-clock time where the live
job needs one (`due`); everything it writes (contact events, table values, commands, dead letters)
comes back as bytes.
"""
from __future__ import annotations

import base64
from typing import Any

import orjson

from streams import contracts, policy
from streams.analyze import analyze
from streams.bounces.address import normalise
from streams.events import (
    BounceEvent,
    Command,
    ContactEvent,
    EngagementEvent,
    encode_command,
    event_from_dict,
)
from streams.events import contact_key as _contact_key
from streams.model import BounceClass, CommandReason, Format, ParseError
from streams.policy import ContactState, Decision, begin_send, confirm, due, pending_since
from streams.policyfile import Policies
from streams.timefmt import format_ms, parse_ms

__all__ = [
    "Invalid", "ingest", "contact_key", "encode_forward", "decode_forward", "fold", "due", "begin_send",
    "confirm", "pending_since", "encode_state", "decode_state", "encode_command", "dead_letter",
]

# Rows of these classes neither count nor reset, so they are not forwarded to the contact.
_IGNORED = (BounceClass.BLOCK, BounceClass.NONE)


class Invalid(ValueError):
    """A message breaks its contract or cannot be parsed; it goes to the dead-letter topic with this text.

    `cause` names the kind of fault in a word (a metric's label): empty, not_json, contract, time,
    payload, recipient.
    """

    def __init__(self, message: str, cause: str) -> None:
        super().__init__(message)
        self.cause = cause


def _load(value: bytes | None, role: str) -> dict[str, Any]:
    if value is None:
        raise Invalid("empty message (no value)", "empty")
    try:
        doc = orjson.loads(value)
    except orjson.JSONDecodeError as exc:
        raise Invalid(f"not JSON: {exc}", "not_json") from None
    problems = contracts.problems(role, doc)
    if problems:
        raise Invalid("does not match the contract: " + "; ".join(problems[:5]), "contract")
    return doc


def _time(doc: dict[str, Any], name: str) -> int:
    try:
        return parse_ms(doc[name])
    except ValueError as exc:
        raise Invalid(f"${name}: {exc}", "time") from None


def _recipient(text: str) -> str:
    address = normalise(text)
    if "@" not in address:
        raise Invalid(f"recipient {text[:200]!r} is not an e-mail address", "recipient")
    return address


def _bounces(doc: dict[str, Any], policies: Policies, ignored: list[tuple[str, str, str]] | None) -> list[ContactEvent]:
    tenant = doc["tenant"]
    at = _time(doc, "received_at")
    try:
        rows = analyze(Format(doc["format"]), doc["payload"], policies.for_tenant(tenant), doc.get("recipient", ""))
    except ParseError as exc:
        raise Invalid(f"cannot parse the {doc['format']} payload: {exc}", "payload") from None
    events: list[ContactEvent] = []
    seen: set[str] = set()
    for row in rows:
        bounce = row.bounce
        if row.bounce_class in _IGNORED:
            if ignored is not None:
                ignored.append((doc["format"], str(row.bounce_class), str(row.verdict.reason)))
            continue
        if not bounce.recipient.strip():
            raise Invalid(f"the {doc['format']} payload names no recipient for its {row.verdict.reason} row (a"
                          " redacted or missing address) and the message has no `recipient` field to stand in",
                          "recipient")
        recipient = _recipient(bounce.recipient)
        # One raw bounce is one bounce for a contact, however often it names the address.
        if recipient in seen:
            continue
        seen.add(recipient)
        events.append(BounceEvent(
            id=doc["id"], tenant=tenant, recipient=recipient, at=at, format=doc["format"],
            reason=row.verdict.reason, rule_id=row.verdict.rule_id, status=bounce.status,
            reply_code=bounce.reply_code, diagnostic=bounce.diagnostic[:1000], remote_host=bounce.remote_host,
            message_id=doc.get("message_id") or bounce.message_id, contact_id=doc.get("contact_id"),
        ))
    return events


def ingest(role: str, value: bytes | None, policies: Policies,
           ignored: list[tuple[str, str, str]] | None = None) -> list[ContactEvent]:
    """The contact events in one input message of topic `role` ("bounces" or "engagement").

    Raises Invalid (with the reason) for a message that is not JSON, breaks the contract, or whose
    payload cannot be parsed. A bounce whose rows all neither count nor reset gives []; the (format,
    class, reason) of each such row is appended to `ignored` when one is given (the worker counts them).
    """
    doc = _load(value, role)
    if role == "bounces":
        return _bounces(doc, policies, ignored)
    return [EngagementEvent(
        id=doc["id"], tenant=doc["tenant"], recipient=_recipient(doc["recipient"]),
        at=_time(doc, "occurred_at"), type=doc["type"], contact_id=doc.get("contact_id"),
    )]


def contact_key(event: ContactEvent) -> bytes:
    return _contact_key(event.tenant, event.recipient)


def fold(state: ContactState | None, event: ContactEvent, policies: Policies,
         watermark: int | None = None) -> ContactState:
    """The contact's state after one event, under its tenant's policy (see policy.fold for the watermark)."""
    return policy.fold(state, event, policies.for_tenant(event.tenant), watermark)


# The contact-events record of one event: the event and where it came from (source partition and
# position), so the decider can tell a redelivery from a new event.
def encode_forward(event: ContactEvent, source: str, offset: int, index: int) -> bytes:
    return orjson.dumps({"src": source, "pos": [offset, index], "event": event})


def decode_forward(data: bytes) -> tuple[ContactEvent, str | None, tuple[int, int] | None]:
    doc = orjson.loads(data)
    source, position = doc.pop("src", None), doc.pop("pos", None)
    # the previous release wrote the event's fields beside src and pos
    event = event_from_dict(doc["event"] if "event" in doc else doc)
    return event, source, None if position is None else (position[0], position[1])


# The table encoding of a contact's state carries a version. 1 (no "v" field) was written before the
# watermark: it had "newest_at", which is now ignored. Unknown fields are ignored too, so a field that
# a later release adds does not break restoring its state; a newer version is refused.
STATE_VERSION = 2


def encode_state(state: ContactState) -> bytes:
    decision = state.decision
    return orjson.dumps({
        "v": STATE_VERSION,
        "tenant": state.tenant,
        "recipient": state.recipient,
        "contact_id": state.contact_id,
        "activity_at": state.activity_at,
        "run": state.run,
        "events": state.events,
        "decision": None if decision is None else {"state": decision.state, "command": decision.command.body},
    })


def _command_from_body(body: dict[str, Any]) -> Command:
    return Command(
        command_id=body["command_id"],
        key=_contact_key(body["tenant"], body["recipient"]),
        reason=CommandReason(body["reason"]),
        decided_at=parse_ms(body["decided_at"]),
        body=body,
    )


def decode_state(data: bytes | None) -> ContactState | None:
    if data is None:
        return None
    doc = orjson.loads(data)
    if doc.get("v", 1) > STATE_VERSION:
        raise ValueError(f"contact state of version {doc['v']}: written by a newer release")
    decision = doc.get("decision")
    return ContactState(
        tenant=doc["tenant"],
        recipient=doc["recipient"],
        contact_id=doc.get("contact_id"),
        activity_at=doc.get("activity_at"),
        run=tuple(event_from_dict(event) for event in doc.get("run", ())),
        events=tuple(event_from_dict(event) for event in doc.get("events", ())),
        decision=None if decision is None else Decision(_command_from_body(decision["command"]), decision["state"]),
    )


def dead_letter(value: bytes | None, source: dict[str, Any], error: str, at_ms: int | None = None) -> bytes:
    """A dead-letter record: the original bytes (exact, and as text when UTF-8), where from, why, when."""
    raw = value or b""
    record: dict[str, Any] = {"value_base64": base64.b64encode(raw).decode("ascii")}
    try:
        record["value"] = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    record["source"] = source
    record["error"] = error
    if at_ms is not None:
        record["dead_lettered_at"] = format_ms(at_ms)
    return orjson.dumps(record)
