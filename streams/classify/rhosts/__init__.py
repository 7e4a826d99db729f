"""Receiving-provider rules: one module per mailbox provider, consulted in the order of PROVIDERS.

A provider's rules apply when the remote host is one of its hosts, or when the reply carries one of
its unmistakable markers (Gmail's "gsmtp" trailer, a link to its help pages). Each module has:
NAME, HOSTS (host-name suffixes), MARKERS (lower-case substrings of its replies) and
`first(text, words) -> Row | None` (usually a match.Table's; rows are named "rhost:<provider>:<rule>").
"""
from __future__ import annotations

from types import ModuleType

from streams.classify.match import Row
from streams.classify.rhosts import (
    aol, apple, cox, facebook, franceptt, google, messagelabs, microsoft, tencent, yahoo,
)

PROVIDERS: tuple[ModuleType, ...] = (
    google, microsoft, yahoo, aol, apple, cox, franceptt, tencent, facebook, messagelabs,
)


def _serves(provider: ModuleType, host: str, text: str) -> bool:
    if host and any(host == suffix or host.endswith("." + suffix) for suffix in provider.HOSTS):
        return True
    return any(marker in text for marker in provider.MARKERS)


def first(host: str, text: str, text_words: frozenset[str]) -> Row | None:
    """The first rule of the first provider that serves this reply and has a matching rule."""
    for provider in PROVIDERS:
        if _serves(provider, host, text):
            row = provider.first(text, text_words)
            if row is not None:
                return row
    return None
