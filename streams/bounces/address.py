"""E-mail addresses: the normal form of a contact's address, extraction from text, VERP decoding. Pure.

`normalise` is the one contact key: every parser, the SMTP reply reader and the evaluation compare
addresses through it.
"""
from __future__ import annotations

import re

import idna

# "rfc822; user@example.org", "RFC822;<user@example.org>": the address-type prefix of RFC 3464.
_TYPE = re.compile(r"^\s*(?:rfc822|x400|utf-8|unknown)\s*;\s*", re.IGNORECASE)
# VERP (Bernstein): bounces+alice=example.org@sender.example -> alice@example.org.
_VERP = re.compile(r"^[^@+=\s]{1,64}[+-]([^@=\s]{1,64})=([A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63})@", re.ASCII)
# Characters of an address's local part (RFC 5322 atext and the dot) and of a domain.
_LOCAL = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&*+/=?^_`{|}~-")
_DOMAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-")
MAX_ADDRESSES = 200
# What separates the addresses of a list: white space, brackets, quotes.
_LIST_SEPARATORS = re.compile(r"[\s<>()\[\]\"']+")
_WORD_CHARACTER = re.compile(r"[^\W_]")


def normalise(text: str) -> str:
    """The contact key of an address: "Ann <Ann@Bücher.DE>", "rfc822; ann@xn--bcher-kva.de" and
    "ann@bücher.de (Ann)" are all "ann@xn--bcher-kva.de".

    Trimmed; the RFC 3464 address-type prefix, a display name and angle brackets removed; RFC 5322
    comments ("(...)") dropped outside a quoted local part; lower-cased; a domain in Unicode folded
    to its ASCII form (IDNA 2008 with the UTS 46 mapping, the form DNS and SMTP use), so that
    both spellings of one mailbox are one contact. A domain that is no valid IDN stays as written.
    """
    address = _TYPE.sub("", text.strip()).strip()
    if "<" in address and ">" in address:
        address = address[address.index("<") + 1:address.rindex(">")]
    elif "(" in address and '"' not in address:
        address = _drop_comments(address)
    address = address.strip().strip("<>").strip().strip(".").lower()
    if not address.isascii():
        local, at, domain = address.rpartition("@")
        if at and domain and not domain.isascii():
            address = f"{local}@{_ascii_domain(domain)}"
    return address


_COMMENT = re.compile(r"\([^()]{0,256}\)")


def _drop_comments(address: str) -> str:
    """The address without its RFC 5322 comments (nested ones too, to a few levels)."""
    for _ in range(4):
        stripped = _COMMENT.sub("", address)
        if stripped == address:
            break
        address = stripped
    return address


def _ascii_domain(domain: str) -> str:
    try:
        return idna.encode(domain, uts46=True).decode("ascii")
    except UnicodeError:  # idna.IDNAError and codec errors: no valid IDN
        return domain


def extract(text: str) -> list[str]:
    """Every e-mail address in `text`, in order, as written: grown outwards from each '@' (linear).

    The apostrophe is left out of local parts on purpose: MTAs quote addresses with it
    ("550 'a@example.org' is not a registered user").
    """
    found: list[str] = []
    at = text.find("@")
    while at != -1 and len(found) < MAX_ADDRESSES:
        left = at
        while left > 0 and at - left < 64 and text[left - 1] in _LOCAL:
            left -= 1
        right = at + 1
        while right < len(text) and right - at < 254 and text[right] in _DOMAIN:
            right += 1
        local, domain = text[left:at].strip("."), text[at + 1:right].strip(".-")
        if local and "." in domain:
            found.append(f"{local}@{domain}")
        at = text.find("@", right)
    return found


def verp(address: str) -> str:
    """The recipient VERP-encoded in a return path, or ""."""
    if "=" not in address:  # no VERP without "recipient=domain" (the common case: answered at once)
        return ""
    found = _VERP.match(normalise(address))
    return f"{found.group(1)}@{found.group(2)}" if found else ""


def only_addresses(text: str) -> bool:
    """Whether `text` holds nothing but e-mail addresses and punctuation (a list of recipients,
    not a reason), looking at its first 512 characters."""
    for piece in _LIST_SEPARATORS.split(text[:512]):
        # An address: a piece with an "@" that has something on both sides. Otherwise punctuation
        # only ("," ";" "--") says nothing; a letter or digit says something.
        if "@" not in piece[1:-1] and _WORD_CHARACTER.search(piece):
            return False
    return True
