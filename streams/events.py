"""Per-contact events (what the job folds) and the unsubscribe command, with their byte codecs. Pure.

A raw bounce becomes one BounceEvent per reported recipient; an engagement message becomes one
EngagementEvent. Both travel through the internal contact-events topic, keyed by contact.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import orjson

from streams.model import CommandReason, Reason


@dataclass(frozen=True, slots=True)
class BounceEvent:
    id: str  # the raw bounce's id: a redelivered copy has the same one
    tenant: str
    recipient: str  # normalised
    at: int  # event time, ms
    format: str
    reason: Reason
    rule_id: str
    status: str = ""
    reply_code: str = ""
    diagnostic: str = ""
    remote_host: str = ""
    message_id: str = ""  # the original message: retries of one message count once
    contact_id: str | None = None
    kind: str = "bounce"  # the discriminator of every encoding: orjson writes an event as an object of its fields


@dataclass(frozen=True, slots=True)
class EngagementEvent:
    id: str
    tenant: str
    recipient: str
    at: int
    type: str
    contact_id: str | None = None
    kind: str = "engagement"


ContactEvent = BounceEvent | EngagementEvent


@dataclass(frozen=True, slots=True)
class Command:
    """An unsubscribe command: `body` is the JSON object of the contract (schemas/unsubscribe-command)."""

    command_id: str
    key: bytes
    reason: CommandReason
    decided_at: int
    body: dict[str, Any]


def contact_key(tenant: str, recipient: str) -> bytes:
    """The Kafka key of a contact: the JSON array [tenant, recipient] (unambiguous for any tenant).

    A copy of orjson's bytes: orjson (3.12 on) returns its buffer of at least 4 kB, and replay keeps a
    key per contact (ijl/orjson#483).
    """
    return bytes(memoryview(orjson.dumps([tenant, recipient])))


_KINDS: dict[str, type[BounceEvent] | type[EngagementEvent]] = {"bounce": BounceEvent, "engagement": EngagementEvent}
_REASONS: dict[str, Reason] = {str(reason): reason for reason in Reason}  # Reason(text) costs a metaclass call


def event_from_dict(doc: dict[str, Any]) -> ContactEvent:
    """The event of its JSON object (as orjson writes an event); fields it does not know (a later
    release's) are ignored. Takes `doc` over."""
    kind = _KINDS.get(doc.get("kind"))  # type: ignore[arg-type]
    if kind is None:
        raise ValueError(f"unknown contact event kind {doc.get('kind')!r}")
    if kind is BounceEvent:
        try:
            doc["reason"] = _REASONS[doc["reason"]]
        except KeyError:
            raise ValueError(f"unknown reason {doc['reason']!r}") from None
    try:
        return kind(**doc)
    except TypeError:  # a field of a later release
        return kind(**{name: doc[name] for name in kind.__slots__ if name in doc})


def encode_command(command: Command) -> bytes:
    """The command as sent: its JSON object with sorted keys, so equal commands are equal bytes."""
    return orjson.dumps(command.body, option=orjson.OPT_SORT_KEYS)
