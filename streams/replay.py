"""Replay: the live pipeline step over recorded messages in event-time order, with no broker. Pure.

Events are folded in event-time order (ties: engagement first, then id) by the live job's own
streams.decider.Decider, its watermark just behind the event at hand: by the time a later event is
reached every event up to a pending decision's time has been seen, so the decision is final at
once: the same decision the live job makes once its watermark has passed it and the grace. Output is a
function of the input set only: byte-identical for identical input.

The steps are generators, so a shell can stream them: `events_of` (lines in, events out, dead
letters handed to a callback), any sort by `walk_order` (the command sorts files larger than memory
in runs on disk), `decide_sorted` (events in that order in, commands out as they become final).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from streams import pipeline
from streams.decider import Decider
from streams.events import Command, ContactEvent
from streams.policy import walk_order
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


# Replay reads one time-ordered sequence: one source, whose watermark is just behind the event at hand.
SOURCE = "replay"


def replay(lines: Iterable[Line], policies: Policies) -> Result:
    """Every command and dead letter of `lines`, in memory (the command streams the same steps)."""
    result = Result()
    events = list(events_of(lines, policies, result.dead_letters.append))
    result.commands = [pipeline.encode_command(command) for command in decide_in_order(events, policies)]
    return result


def events_of(lines: Iterable[Line], policies: Policies, dead_letter: Callable[[bytes], None]) -> Iterator[ContactEvent]:
    """The contact events of each line, in line order; a line that fails becomes a dead-letter record."""
    for line in lines:
        try:
            events = pipeline.ingest(line.role, line.value, policies)
        except pipeline.Invalid as exc:
            source = {"file": line.file, "line": line.number}
            dead_letter(pipeline.dead_letter(line.value, source, str(exc)))
            continue
        yield from events


def decide_in_order(events: Iterable[ContactEvent], policies: Policies) -> list[Command]:
    """The commands of a set of events, folded in event-time order; in the order they become final."""
    return list(decide_sorted(sorted(events, key=walk_order), policies))


def decide_sorted(events: Iterable[ContactEvent], policies: Policies) -> Iterator[Command]:
    """The commands of events given in walk_order (a stable sort of them), as each becomes final."""
    # The grace only waits for events that arrive late; in event-time order none does.
    decider = Decider(policies, grace_ms=0, sources=[SOURCE], store={})

    def flush(watermark: int) -> Iterator[Command]:
        if decider.advance({SOURCE: watermark}):
            for command in decider.due():
                decider.sent(command)
                yield command

    for event in events:
        yield from flush(event.at - 1)  # every event before this one's time has been folded
        decider.fold(pipeline.contact_key(event), event)
    yield from flush(END_OF_TIME)


END_OF_TIME = 2**63 - 1
