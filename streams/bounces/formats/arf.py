"""Placeholder: being written."""
from __future__ import annotations

from streams.bounces.message import Message
from streams.model import Bounce


def parse(msg: Message) -> list[Bounce] | None:
    return None
