"""E-mail addresses: the normal form of a contact's address, and VERP decoding. Pure."""
from __future__ import annotations

import re

# "rfc822; user@example.org", "RFC822;<user@example.org>": the address-type prefix of RFC 3464.
_TYPE = re.compile(r"^\s*(?:rfc822|x400|utf-8|unknown)\s*;\s*", re.IGNORECASE)
# VERP (Bernstein): bounces+alice=example.org@sender.example -> alice@example.org.
_VERP = re.compile(r"^[^@+=\s]{1,64}[+-]([^@=\s]{1,64})=([A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63})@", re.ASCII)


def normalise(text: str) -> str:
    """The contact form of an address: trimmed, no type prefix or angle brackets, lower-cased."""
    address = _TYPE.sub("", text.strip()).strip()
    if "<" in address and ">" in address:
        address = address[address.index("<") + 1:address.rindex(">")]
    return address.strip().strip("<>").strip().strip(".").lower()


def verp(address: str) -> str:
    """The recipient VERP-encoded in a return path, or ""."""
    found = _VERP.match(normalise(address))
    return f"{found.group(1)}@{found.group(2)}" if found else ""
