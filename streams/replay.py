"""Replay: the live pipeline step over recorded messages in event-time order, with no broker. Pure.

Events are folded in event-time order (ties: engagement first, then id), so by the time a later
event is reached every event up to a pending decision's time has been seen and the decision can
be emitted at once: the same decision the live job makes after its grace period. Output is a
function of the input set only: byte-identical for identical input.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from streams import pipeline
from streams.events import ContactEvent, EngagementEvent
from streams.policy import ContactState
from streams.policyfile import Policies


@dataclass(frozen=True, slots=True)
class Line:
    role: str  # "bounces" or "engagement"
    file: str
    number: int  # 1-based
    value: bytes


@dataclass(slots=True)
class Result:
    commands: list[bytes] = field(default_factory=list)
    dead_letters: list[bytes] = field(default_factory=list)


def _order(event: ContactEvent) -> tuple[int, int, str]:
    return (event.at, 0 if isinstance(event, EngagementEvent) else 1, event.id)


def replay(lines: Iterable[Line], policies: Policies) -> Result:
    result = Result()
    events: list[ContactEvent] = []
    for line in lines:
        try:
            events.extend(pipeline.ingest(line.role, line.value, policies))
        except pipeline.Invalid as exc:
            source = {"file": line.file, "line": line.number}
            result.dead_letters.append(pipeline.dead_letter(line.value, source, str(exc)))
    states: dict[bytes, ContactState] = {}
    pending: dict[bytes, int] = {}  # contact key -> decided_at of its pending decision

    def flush(now_ms: int | None) -> None:
        ready = sorted((at, key) for key, at in pending.items() if now_ms is None or at <= now_ms)
        for _at, key in ready:
            state = states[key]
            for command in pipeline.due(state, _at, 0):
                result.commands.append(pipeline.encode_command(command))
                state = pipeline.confirm(state, command.command_id)
            states[key] = state
            del pending[key]

    for event in sorted(events, key=_order):
        flush(event.at - 1)
        key = pipeline.contact_key(event)
        state = pipeline.fold(states.get(key), event, policies)
        states[key] = state
        since = pipeline.pending_since(state)
        if since is None:
            pending.pop(key, None)
        else:
            pending[key] = since
    flush(None)
    return result
