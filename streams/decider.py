"""The decisions of one partition of contacts, made final on event time. Pure: no I/O, no clock.

Both shells run this one class: the live job keeps a Decider per partition of its contact-events
topic (state in the faust table), `replay` one over everything (state in a dict). So the grace
rule, the lateness rule and the pending bookkeeping are written once.

The watermark. Each input partition the job reads is a *source* ("bounces/3"). Its watermark is the
newest event time read from it minus the allowed lateness (a caught-up, idle source moves with the
wall clock instead: the shell decides that, it is the one place a clock enters). The Decider's
watermark is the least over every source it expects, None until each has reported: whatever the
relative speed of the partitions, no event of a source that is in event-time order up to the
allowed lateness can arrive behind it.
- A pending decision is final once the watermark has passed its deciding bounce plus the grace:
  every event before the deciding bounce has been seen by then, so a live job at any partition pace
  decides what replay decides. It is marked "sending" in the state before its command leaves and
  "sent" once the broker has it; a decision being sent is sent again after a crash (same id).
- Events before the watermark are summarised (streams.policy), so a contact's state holds only the
  events of the last (grace + lateness) of event time, plus its pending decision.
- An event behind the watermark (later than the allowed lateness) is *late*: it is folded while its
  contact is undecided (after the summary, so an engagement still resets the count) and ignored once
  the decision is final; either way `late` counts it.
- The pending index (contact -> decided_at of each decision not yet sent) is what `due` scans. It
  can hold every contact decided in a backlog that waits for a slow partition, so the shell stores
  it as one table entry per contact (`take_pending_changes`), not in the partition's metadata: a
  record per partition would grow without bound (and past Kafka's record size limit).
- A redelivered event (a worker restarted before committing) carries the same (source, position)
  as the first copy; positions of one source only grow, so an event at or before the last position
  folded from its source is skipped, whether or not its contact still holds it.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import orjson

from streams import pipeline
from streams.events import Command, ContactEvent
from streams.policy import ContactState
from streams.policyfile import Policies

# 1 also held the pending index (now entries of their own); it is read and moved out.
META_VERSION = 2
Position = tuple[int, int]  # (offset in the source partition, index of the event in that record)


class Store(Protocol):
    """Contact states by contact key (a dict for replay; the table, decoded, for the live job)."""

    def get(self, key: bytes) -> ContactState | None: ...

    def __setitem__(self, key: bytes, value: ContactState) -> None: ...


class Decider:
    def __init__(self, policies: Policies, grace_ms: int, sources: Iterable[str], store: Store,
                 meta: bytes | None = None, pending: dict[bytes, int] | None = None) -> None:
        self.policies = policies
        self.grace_ms = grace_ms
        self.sources = frozenset(sources)
        self.store = store
        doc = orjson.loads(meta) if meta else {}
        if doc.get("v", META_VERSION) > META_VERSION:
            raise ValueError(f"partition metadata of version {doc['v']}: written by a newer release")
        self.watermarks: dict[str, int] = dict(doc.get("wm", {}))
        self.positions: dict[str, Position] = {src: (pos[0], pos[1]) for src, pos in doc.get("pos", {}).items()}
        # contact key -> decided_at of its decision not yet sent; the entries changed since the last
        # take_pending_changes (None: removed)
        self.pending: dict[bytes, int] = dict(pending or {})
        self._pending_changes: dict[bytes, int | None] = {}
        for text, at in doc.get("pending", {}).items():  # version 1: latin-1 keys in the metadata
            key = text.encode("latin-1")
            self.pending[key] = self._pending_changes[key] = at
        self.watermark = self._least()
        self.late = 0  # events folded (or ignored) behind the watermark
        self.redelivered = 0  # events skipped as already folded

    def meta(self) -> bytes:
        """The partition's own state (watermarks, positions) for the store: a few entries per source."""
        return orjson.dumps({
            "v": META_VERSION,
            "wm": self.watermarks,
            "pos": {src: list(pos) for src, pos in self.positions.items()},
        }, option=orjson.OPT_SORT_KEYS)

    def take_pending_changes(self) -> dict[bytes, int | None]:
        """The pending index's entries changed since the last call (None: removed), for the store."""
        changes, self._pending_changes = self._pending_changes, {}
        return changes

    def _least(self) -> int | None:
        if not self.sources or not self.sources <= self.watermarks.keys():
            return None
        return min(self.watermarks[source] for source in self.sources)

    def advance(self, watermarks: dict[str, int]) -> bool:
        """Sources report their watermarks (each only ever moves forward); whether the watermark moved."""
        for source, at in watermarks.items():
            if at > self.watermarks.get(source, at - 1):
                self.watermarks[source] = at
        least = self._least()
        moved = least != self.watermark
        self.watermark = least
        return moved

    def fold(self, key: bytes, event: ContactEvent, source: str | None = None,
             position: Position | None = None) -> None:
        """Fold one contact event (from `source` at `position`, when it has one) into its contact's state."""
        if source is not None and position is not None:
            last = self.positions.get(source)
            if last is not None and position <= last:
                self.redelivered += 1
                return
            self.positions[source] = position
        if self.watermark is not None and event.at < self.watermark:
            self.late += 1
        before = self.store.get(key)
        state = pipeline.fold(before, event, self.policies, self.watermark)
        self._put(key, state, before)

    def _put(self, key: bytes, state: ContactState, before: ContactState | None) -> None:
        if state is not before:  # fold returns the state itself when the event changes nothing
            self.store[key] = state
        since = pipeline.pending_since(state)
        if since != self.pending.get(key):
            if since is None:
                del self.pending[key]
            else:
                self.pending[key] = since
            self._pending_changes[key] = since

    def due(self) -> list[Command]:
        """The decisions final at the watermark, marked "sending": send them, then call sent() for each."""
        if self.watermark is None:
            return []
        ready = sorted((at, key) for key, at in self.pending.items() if at + self.grace_ms <= self.watermark)
        commands = []
        for _at, key in ready:
            state = before = self.store.get(key)
            for command in pipeline.due(state, self.watermark, self.grace_ms):
                state = pipeline.begin_send(state, command.command_id)
                commands.append(command)
            self._put(key, state, before)
        return commands

    def sent(self, command: Command) -> None:
        """The broker has the command: its contact is unsubscribed for good."""
        before = self.store.get(command.key)
        self._put(command.key, pipeline.confirm(before, command.command_id), before)
