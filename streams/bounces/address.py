"""E-mail address helpers: normalisation (the contact key), extraction from text, VERP decoding. Pure."""
from __future__ import annotations


def normalise(address: str) -> str:
    """Trimmed, angle brackets and an "rfc822;" type prefix removed, lower-cased."""
    address = address.strip()
    if address[:7].lower() == "rfc822;":
        address = address[7:].strip()
    return address.strip("<>").strip().lower()
