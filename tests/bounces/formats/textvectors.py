"""Loading the plain-text bounce vectors (tests/vectors/<mta>-NN.eml) as the format modules take them."""
from __future__ import annotations

from pathlib import Path

from streams.bounces.message import Message, read

VECTORS = Path(__file__).resolve().parents[2] / "vectors"


def load(name: str) -> Message:
    return read((VECTORS / name).read_bytes())
