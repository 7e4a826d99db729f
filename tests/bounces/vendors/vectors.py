"""The provider webhook vectors in tests/vectors/vendors/, written from each provider's documented shapes."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from streams.classify import reporters
from streams.model import Bounce, Reason

FOLDER = Path(__file__).resolve().parents[2] / "vectors" / "vendors"


def load(name: str) -> Any:
    return orjson.loads((FOLDER / name).read_bytes())


def stated(bounce: Bounce) -> Reason | None:
    """The reason the provider's record states: the parser's hint, else its own failure type as the
    classifier reads it (streams/classify/reporters.py CODES); None when it leaves the reason open."""
    if bounce.reason_hint is not None:
        return bounce.reason_hint
    row = reporters.coded(bounce.reporter, bounce.reporter_code)
    return row.reason if row is not None else None


def fields(bounce: Any, *names: str) -> tuple:
    """The named fields of a row; "stated" is stated(row)."""
    return tuple(stated(bounce) if name == "stated" else getattr(bounce, name) for name in names)
