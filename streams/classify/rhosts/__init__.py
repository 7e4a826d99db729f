"""Receiving-provider rules: one module per mailbox provider, consulted in the order of PROVIDERS.

A provider's rules apply when the remote host is one of its hosts, or the recipient's domain is (the
provider answers for its own mailboxes even when the bounce names no remote host: Sisimai
rhost/lib.go matches the destination domain first), or when the reply carries one of its unmistakable
markers (Gmail's "gsmtp" trailer, a link to its help pages), or when the provider wrote the bounce
itself (the parser's Bounce.reporter is its NAME: AOL's and MessageLabs' own bounces, signed by
their headers). Each module has:
NAME, HOSTS (host-name suffixes), MARKERS (lower-case substrings of its replies) and
`first(text, words) -> Row | None` (usually a match.Table's; rows are named "rhost:<provider>:<rule>").
"""
from __future__ import annotations

from types import ModuleType

from streams.classify.match import Row
from streams.classify.rhosts import (
    aol, apple, cox, facebook, franceptt, godaddy, google, iua, kddi, messagelabs, microsoft, mimecast,
    spectrum, tencent, yahoo,
)

# Spectrum before Cox: both carry "AUP#" codes; Spectrum's module answers only its four-digit codes.
PROVIDERS: tuple[ModuleType, ...] = (
    google, microsoft, yahoo, aol, apple, spectrum, cox, franceptt, tencent, facebook, messagelabs, kddi,
    mimecast, godaddy, iua,
)


# Built once: host-name suffix -> providers, and (marker, provider) pairs, in PROVIDERS order.
_BY_HOST: dict[str, list[int]] = {}
for _index, _provider in enumerate(PROVIDERS):
    for _suffix in _provider.HOSTS:
        _BY_HOST.setdefault(_suffix, []).append(_index)
_MARKERS: tuple[tuple[str, int], ...] = tuple(
    (marker, index) for index, provider in enumerate(PROVIDERS) for marker in provider.MARKERS
)


_BY_NAME: dict[str, int] = {provider.NAME: index for index, provider in enumerate(PROVIDERS)}


def _serving(host: str, domain: str, text: str, reporter: str = "") -> list[int]:
    """Indexes of the providers that serve this reply, in PROVIDERS order."""
    found: set[int] = set()
    if reporter in _BY_NAME:
        found.add(_BY_NAME[reporter])
    # Remote-MTA values often carry a comment: "mx.example.jp (192.0.2.1)", "mx.example.jp. [192.0.2.1]".
    host = host.split(None, 1)[0].split("[", 1)[0].rstrip(".") if host else ""
    for name in (host, domain):
        if name:
            labels = name.split(".")
            for start in range(len(labels) - 1):
                found.update(_BY_HOST.get(".".join(labels[start:]), ()))
    for marker, index in _MARKERS:
        if marker in text:
            found.add(index)
    return sorted(found)


def first(host: str, text: str, text_words: frozenset[str], *, domain: str = "", reporter: str = "") -> Row | None:
    """The first rule of the first provider that serves this reply (remote `host`, recipient's `domain`,
    markers in `text`, the provider that signed the bounce as its `reporter`) and has a matching rule."""
    for index in _serving(host, domain, text, reporter):
        row = PROVIDERS[index].first(text, text_words)
        if row is not None:
            return row
    return None
