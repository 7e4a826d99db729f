"""Contact events in walk_order (the order replay folds them) for inputs larger than memory.

Events are sorted in runs of RUN_EVENTS, each run but the last written to a temporary file, and the
runs merged: memory holds one run and one event per run, whatever the size of the input. The sort
is stable (runs are merged in the order they were read, each sorted stably), so the order is the
one `sorted(events, key=walk_order)` gives, and so are replay's commands.
"""
from __future__ import annotations

import heapq
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import orjson

from streams.events import ContactEvent, event_from_dict
from streams.policy import walk_order

# About 100 MB of events in memory at a time (a bounce event with its diagnostic is ~1-2 kB).
RUN_EVENTS = 50_000


def sorted_events(events: Iterable[ContactEvent], run_events: int | None = None) -> Iterator[ContactEvent]:
    """`events` in walk_order; spills runs to a temporary directory when there are more than run_events
    (default RUN_EVENTS)."""
    run_events = run_events or RUN_EVENTS
    with tempfile.TemporaryDirectory(prefix="bounce-hygiene-replay-") as folder:
        runs: list[Path] = []
        run: list[ContactEvent] = []
        for event in events:
            run.append(event)
            if len(run) >= run_events:
                runs.append(_spill(sorted(run, key=walk_order), Path(folder) / f"run-{len(runs)}.jsonl"))
                run = []
        run.sort(key=walk_order)
        if not runs:
            yield from run
            return
        handles = [path.open("rb") for path in runs]
        try:
            yield from heapq.merge(*(_read(handle) for handle in handles), iter(run), key=walk_order)
        finally:
            for handle in handles:
                handle.close()


def _spill(run: list[ContactEvent], path: Path) -> Path:
    with path.open("wb") as out:
        for event in run:
            out.write(orjson.dumps(event) + b"\n")
    return path


def _read(handle: BinaryIO) -> Iterator[ContactEvent]:
    for line in handle:
        yield event_from_dict(orjson.loads(line))
