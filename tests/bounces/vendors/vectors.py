"""The provider webhook vectors in tests/vectors/vendors/, written from each provider's documented shapes."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

FOLDER = Path(__file__).resolve().parents[2] / "vectors" / "vendors"


def load(name: str) -> Any:
    return orjson.loads((FOLDER / name).read_bytes())


def fields(bounce: Any, *names: str) -> tuple:
    return tuple(getattr(bounce, name) for name in names)
