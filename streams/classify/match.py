"""Ordered phrase tables matched against lower-cased diagnostic text, in bounded time. Pure.

A table is a tuple of rows `(reason, name, pattern)`; the first row (in table order) whose pattern
occurs in the text wins. A pattern is a plain substring, or a tuple of substrings that must occur in
that order (Sisimai's "aligned" pairs), or, rarely, a precompiled regex. There is no backtracking
beyond the few regexes, and each is written without nested repetition.

To stay fast with hundreds of rows, each substring row is indexed by one word it contains: a row is
tested only when that word is a whole word of the text. The index word is the longest one that starts
after a non-word character of its pattern (so it starts a word of the text wherever the phrase occurs),
else the longest. When the pattern may end inside a word of the text (its index word ends the pattern
or a part of it), the row is also indexed by that word's English inflections (INFLECTIONS), so that
"ptr record" still meets "ptr records" and ("exceed", "quota") meets "exceeded quota". A row can
therefore miss only where its phrase begins inside a word of the text, or ends inside one that is not
an inflection of its index word.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from streams.model import Reason

Pattern = str | tuple[str, ...] | re.Pattern[str]

MAX_TEXT = 4096  # characters of diagnostic text looked at

_WORD = re.compile(r"[a-z0-9]+")
# Endings that make a word of the text from an index word that ends its pattern: plural, past, -ing.
INFLECTIONS = ("s", "es", "d", "ed", "ing")
# Every ASCII character but [a-z0-9] becomes a space, so str.split() yields the words (faster than a
# regex); non-ASCII characters are first replaced by "?", so they separate words too.
_NOT_WORD = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum() or c.isupper()})
_HEAD = 512  # the first reply code of a reply is looked for in this many characters
# The first reply code (and enhanced status) of a reply, to find the prefixes of its continuation
# lines inside a folded multi-line reply ("... at a rate that 550-5.2.1 prevents ..."): they split
# phrases, so each later "550-", "550-5.2.1 " or "550 5.2.1 " is removed.
_FIRST_CODE = re.compile(r"(?<![\w.])([245]\d\d)[ -]([245]\.\d{1,3}\.\d{1,3} )?")


class Row(NamedTuple):
    reason: Reason
    name: str
    pattern: Pattern


def normalise(text: str) -> str:
    """Lower-case, whitespace folded, inner reply-code prefixes removed, capped at MAX_TEXT."""
    folded = " ".join(text[:MAX_TEXT].lower().split())
    first = _FIRST_CODE.search(folded, 0, _HEAD)
    if first is None:
        return folded
    code, status = first.group(1), first.group(2) or ""
    head, tail = folded[: first.end()], folded[first.end():]
    tail = tail.replace(f" {code}-{status}", " ")
    if status:
        tail = tail.replace(f" {code} {status}", " ")
    if code + "-" in tail:
        tail = tail.replace(f" {code}-", " ")
    return head + tail


def words(text: str) -> frozenset[str]:
    """The set of whole words (runs of [a-z0-9]) of a normalised text."""
    ascii_text = text.encode("ascii", "replace").decode("ascii")
    return frozenset(ascii_text.translate(_NOT_WORD).split())


def _index_words(pattern: str | tuple[str, ...]) -> tuple[str, ...]:
    """The words a row is indexed by: its index word, and its inflections when it may end a longer word."""
    parts = (pattern,) if isinstance(pattern, str) else pattern
    candidates: list[tuple[bool, int, str, bool]] = []
    for part in parts:
        for found in _WORD.finditer(part):
            # a word the pattern starts after a space or punctuation is a word start in the text too
            candidates.append((found.start() > 0, len(found.group()), found.group(), found.end() == len(part)))
    if not candidates:
        raise ValueError(f"pattern {pattern!r} has no word to index")
    _bounded, _length, word, at_end = max(candidates, key=lambda candidate: candidate[:2])
    if not at_end or word.isdigit():
        return (word,)
    return (word, *(word + ending for ending in INFLECTIONS))


def _occurs(pattern: str | tuple[str, ...], text: str) -> bool:
    if isinstance(pattern, str):
        return pattern in text
    at = 0
    for part in pattern:
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


class Table:
    """An ordered phrase table with a word index; `first(text, words)` gives the first matching row."""

    def __init__(self, rows: Sequence[Row]):
        self.rows = tuple(rows)
        self._by_word: dict[str, list[int]] = {}
        self._always: list[int] = []  # regex rows: tested on every text
        for position, row in enumerate(self.rows):
            if isinstance(row.pattern, re.Pattern):
                self._always.append(position)
            else:
                for word in _index_words(row.pattern):
                    self._by_word.setdefault(word, []).append(position)
        self._words = frozenset(self._by_word)

    def first(self, text: str, text_words: frozenset[str]) -> Row | None:
        candidates = list(self._always)
        by_word = self._by_word
        for word in text_words & self._words:  # a set intersection: the text's words that index rows
            candidates.extend(by_word[word])
        if not candidates:
            return None
        candidates.sort()
        rows = self.rows
        for position in candidates:
            row = rows[position]
            pattern = row.pattern
            if pattern.__class__ is str:
                if pattern in text:
                    return row
            elif isinstance(pattern, re.Pattern):
                if pattern.search(text):
                    return row
            elif _occurs(pattern, text):
                return row
        return None
