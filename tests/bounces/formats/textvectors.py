"""Loading the plain-text bounce vectors (tests/vectors/<mta>-NN.eml) as the format modules take them."""
from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

VECTORS = Path(__file__).resolve().parents[2] / "vectors"


def load(name: str) -> EmailMessage:
    return message_from_bytes((VECTORS / name).read_bytes(), policy=policy.compat32)
