"""Decide over JSONL files of raw bounces and engagement events, no broker: the live job's decisions.

The same pipeline step as the worker, in event-time order: one unsubscribe command per line, the
same bytes for the same input whatever the order of the lines. Lines that fail (not JSON, breaking
the contract, unparsable) go to the dead-letter output with where they came from and why; the run
finishes the rest, then exits 1. Files of any size: the input is read as a stream and sorted on disk
(in the temporary directory, TMPDIR); on a terminal a progress bar shows how far it is.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from streams import pipeline
from streams.commands import fail
from streams.events import ContactEvent
from streams.eventsort import sorted_events
from streams.policyfile import Policies, PolicyError, parse
from streams.replay import Line, decide_sorted, events_of


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("replay", help="decide over JSONL files of raw bounces and engagement, no broker",
                            description=__doc__)
    parser.add_argument("--bounces", type=Path, required=True, metavar="FILE",
                        help="raw bounces, one JSON message per line")
    parser.add_argument("--engagement", type=Path, required=True, metavar="FILE",
                        help="engagement events, one JSON message per line")
    parser.add_argument("--policy", type=Path, metavar="FILE",
                        help="policy file (TOML) (default: HYGIENE_POLICY, else the built-in policy)")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write commands here (default: standard output)")
    parser.add_argument("--dead-letter", type=Path, metavar="FILE",
                        help="write dead letters here (default: standard error)")
    parser.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                        help="the progress bar on standard error: auto shows it on a terminal")
    parser.set_defaults(func=run)


def load_policies(path: Path | None) -> Policies:
    """The policies of a policy file, or the built-in default when there is none."""
    return parse(path.read_text("utf-8"), str(path)) if path else parse()


class Progress:
    """A one-line progress bar on standard error, redrawn at most 4 times a second; silent when off."""

    def __init__(self, on: bool, total_bytes: int) -> None:
        self.on = on
        self.total = max(total_bytes, 1)
        self.read = self.messages = self.events = self.decided = self.commands = 0
        self._drawn = 0.0

    def tick(self) -> None:
        if not self.on or time.monotonic() - self._drawn < 0.25:
            return
        self._drawn = time.monotonic()
        share = min(self.read / self.total, 1.0)
        bar = "#" * int(share * 30)
        state = (f"{self.messages:,} messages read" if share < 1.0
                 else f"deciding: {self.decided:,} of {self.events:,} events")
        sys.stderr.write(f"\rreplay [{bar:<30}] {share:4.0%} {state}, {self.commands:,} commands  ")
        sys.stderr.flush()

    def events_in(self, events: Iterator[ContactEvent]) -> Iterator[ContactEvent]:
        """`events`, counted as they are read."""
        for event in events:
            self.events += 1
            yield event

    def events_decided(self, events: Iterator[ContactEvent]) -> Iterator[ContactEvent]:
        """`events`, counted (and the bar redrawn) as they are folded."""
        for event in events:
            self.decided += 1
            self.tick()
            yield event

    def done(self) -> None:
        if self.on:
            sys.stderr.write("\r\x1b[K")  # the bar's line is cleared for the summary
            sys.stderr.flush()


def _lines(role: str, path: Path, handle: BinaryIO, progress: Progress) -> Iterator[Line]:
    for number, raw in enumerate(handle, 1):
        progress.read += len(raw)
        value = raw.rstrip(b"\r\n")
        if value.strip():
            progress.messages += 1
            progress.tick()
            yield Line(role, str(path), number, value)


def run(args: argparse.Namespace, settings) -> int:
    try:
        policies = load_policies(args.policy or settings.policy_file)
    except (OSError, PolicyError) as exc:
        return fail("replay", f"policy: {exc}", 2)
    try:
        inputs = [(role, path, path.open("rb")) for role, path in (("bounces", args.bounces),
                                                                   ("engagement", args.engagement))]
    except OSError as exc:
        return fail("replay", f"{exc.filename}: {exc.strerror}", 2)
    out = args.out.open("wb") if args.out else sys.stdout.buffer
    dead = args.dead_letter.open("wb") if args.dead_letter else sys.stderr.buffer
    shown = args.progress == "always" or (args.progress == "auto" and sys.stderr.isatty())
    progress = Progress(shown, sum(path.stat().st_size for _role, path, _handle in inputs))
    dead_letters = 0

    def dead_letter(record: bytes) -> None:
        nonlocal dead_letters
        dead_letters += 1
        progress.done()
        dead.write(record + b"\n")

    try:
        lines = (line for role, path, handle in inputs for line in _lines(role, path, handle, progress))
        events = progress.events_in(events_of(lines, policies, dead_letter))
        for command in decide_sorted(progress.events_decided(sorted_events(events)), policies):
            out.write(pipeline.encode_command(command) + b"\n")
            progress.commands += 1
    finally:
        for _role, _path, handle in inputs:
            handle.close()
        out.flush()
        dead.flush()
        if args.out:
            out.close()
        if args.dead_letter:
            dead.close()
    progress.done()
    print(f"replay: {progress.messages} messages, {progress.commands} commands, {dead_letters} dead letters",
          file=sys.stderr)
    return 1 if dead_letters else 0

