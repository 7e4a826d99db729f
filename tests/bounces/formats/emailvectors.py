"""Reading the e-mail vectors (tests/vectors/<module>-*.eml) as parse_email and the format modules take them."""
from __future__ import annotations

from pathlib import Path

from streams.bounces import message

VECTORS = Path(__file__).resolve().parents[2] / "vectors"


def raw(name: str) -> bytes:
    return (VECTORS / name).read_bytes()


def load(name: str) -> message.Message:
    return message.read(raw(name))
