"""What the plain-text (non-RFC 3464) bounce formats share: report lines, recipients, SMTP details. Pure.

The map of these formats is Sisimai's lhost modules (github.com/sisimai/go-sisimai, lhost/via-*.go):
each MTA writes a human-readable report, then the returned original. A formats/<mta>.py module
detects its MTA by a header or a fixed sentence and cuts the report into recipient blocks; this
module turns a block into a Bounce: the diagnostic joined from its lines (multi-line SMTP replies
folded), the reply code and enhanced status found in it, the remote host and the failed command.
Everything read is capped (lines and their length), and no pattern here can backtrack badly.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from streams.bounces.address import extract, normalise
from streams.bounces.message import Message
from streams.bounces.smtpreply import enhanced_status, reply_code
from streams.model import Bounce, Reason

MAX_LINES = 600  # lines of a report read; a report is a few dozen lines
MAX_LINE = 2000  # characters of one line kept

@dataclass(frozen=True, slots=True)
class Mail:
    """A bounce message as the text formats read it."""

    headers: dict[str, str]  # lower-cased name -> first value, unfolded
    text: str  # the report: the first text part, decoded
    original: str  # the returned original (headers at least), "" when not attached apart


def lines(text: str) -> list[str]:
    """The first MAX_LINES lines of `text`, each cut to MAX_LINE characters, line ends removed."""
    rows = text.split("\n", MAX_LINES)[:MAX_LINES]
    if "\r" in text:
        rows = [line.rstrip("\r") for line in rows]
    if max(map(len, rows)) > MAX_LINE:  # (the reader's text is mostly short lines: no copy then)
        rows = [line[:MAX_LINE] for line in rows]
    return rows


def rows_from(text: str, phrases: Sequence[str], count: int) -> list[str] | None:
    """The rows of lines(text) from the first one holding one of `phrases` (lower case; the row is
    lower-cased to compare), at most `count` of them; None when no row holds one.

    The answer of scanning lines(text) row by row, found with str.find on the whole text (only the
    rows it returns are cut), so a long report costs one pass in C.
    """
    lowered = text.lower()
    if len(lowered) == len(text):  # else lower() changed offsets: scan the rows
        found = [(at, phrase) for phrase in phrases if (at := lowered.find(phrase)) >= 0]
        if not found:
            return None
        at, phrase = min(found)
        start = text.rfind("\n", 0, at) + 1
        # Past the rows lines() keeps, or past the part of a row it keeps: scan the rows.
        if at - start + len(phrase) <= MAX_LINE and text.count("\n", 0, start) + count <= MAX_LINES:
            return [line[:MAX_LINE].rstrip("\r") for line in text[start:].split("\n", count)[:count]]
    rows = lines(text)
    for index, row in enumerate(rows):
        lowered_row = row.lower()
        if any(phrase in lowered_row for phrase in phrases):
            return rows[index:index + count]
    return None


def between(rows: Sequence[str], starts: Iterable[str], ends: Iterable[str]) -> tuple[list[str], int] | None:
    """The lines after the first one containing a `starts` phrase, up to one opening with an `ends` marker.

    Start phrases are tried in their order (the most specific first). Returns (lines, index of the
    end marker line or len(rows)); None when no start phrase is found. No `starts`: from the top.
    """
    ends = tuple(ends)
    first = 0 if not starts else None
    for phrase in starts:
        first = next((i + 1 for i, row in enumerate(rows) if phrase in row), None)
        if first is not None:
            break
    if first is None:
        return None
    for i in range(first, len(rows)):
        if rows[i].lstrip().startswith(ends):
            return list(rows[first:i]), i
    return list(rows[first:]), len(rows)


def first_address(line: str) -> str:
    found = extract(line)
    return found[0] if found else ""


# Where a plain-text bounce's copy of the returned original (or of its headers) starts, in lower case
# (the markers Mailman 2's SimpleMatch patterns end at, sendmail's and qmail's separators): nothing
# after it is the report.
ORIGINAL_STARTS = (
    "original message follows", "returned message", "below this line", "below the next line",
    "unsent message follows", "message text follows", "-----original message-----", "----- original message",
    "a copy of the original message", "copy of your message", "message headers follow",
    "original message attached", "header of the original message", "start of returned message",
    "returned mail follows", "included is a copy", "-- the header and top", "your message reads",
    "old message:", "here is your returned mail", "message header follows", "original message header",
    "content-type: message/",
)
# What a delay notice says of itself (sendmail's "THIS IS A WARNING MESSAGE ONLY", Exchange's
# "advisory-only email", and the warnings flufl.bounce's SimpleWarning detector lists): the message
# is still being tried, the recipient has not failed.
_WARNINGS = ("warning message only", "this is a warning only", "this is just a warning", "has been delayed",
             "not yet been delivered", "delivery attempts will continue", "has been postponed",
             "transient non-fatal", "will keep trying", "advisory-only", "will be retried")


def original_starts(rows: Sequence[str]) -> int:
    """The index of the row where the copy of the returned original starts, or len(rows)."""
    return min(rows_with([row.lower() for row in rows], ORIGINAL_STARTS), default=len(rows))


def rows_with(lowered: Sequence[str], marks: Iterable[str]) -> set[int]:
    """The indexes of the rows (lower case) that hold one of `marks` (lower case, no line break).

    The answer of testing each mark in each row, found with str.find on the joined rows (one pass
    per mark in C, not a Python test per row and mark: a 600-row report by 40 marks was ~2 ms).
    """
    text = "\n".join(lowered)
    ends = list(accumulate(len(row) + 1 for row in lowered))  # offset past each row's line break
    found: set[int] = set()
    for mark in marks:
        at = text.find(mark)
        while at >= 0:
            index = bisect_right(ends, at)
            found.add(index)
            at = text.find(mark, ends[index]) if index < len(ends) else -1
    return found


def is_warning(text: str) -> bool:
    """Does the report (its first 4000 characters) say it is a delay warning, not a failure?"""
    head = text[:4000].lower()
    return any(mark in head for mark in _WARNINGS)


# What may stand before the address on a line that lists a recipient: bullets, brackets, quotes.
LEAD = " \t*>-•·\"'<[(:"
# "Label: address" (a short label, no '@' in it): "Intended recipient: a@x", "Recipient: [SMTP:a@x]".
_LABEL = re.compile(r"^\s*[A-Za-z][\w' .-]{0,40}:\s*(?:\[smtp:)?<?\"?", re.I)


# A header line (of a quoted original, or of the report's summary): its address is no listed recipient.
HEADER_LINE = re.compile(r"^\s*(?:from|to|cc|bcc|subject|sent|date|reply-to|sender|message-id|in-reply-to|references"
                         r"|return-path|received|delivered-to|x-[\w-]{1,40})\s*:", re.I)


def listed_address(row: str) -> str:
    """The recipient a list line names: the address it opens with, or the one after a short label
    (not a header's name)."""
    if HEADER_LINE.match(row):
        return ""
    stripped = row.lstrip(LEAD)
    label = None if stripped[:1].isalnum() and _opens_with_address(stripped) else _LABEL.match(row)
    if label is not None:
        stripped = row[label.end():]
    if not _opens_with_address(stripped):
        return ""
    found = extract(stripped[:400])
    address = found[0] if found else ""
    local, _, domain = address.rpartition("@")
    if local.lower().startswith("smtp="):  # Exchange's "dda:SMTP=a@x;"
        address = f"{local[5:]}@{domain}"
    return address


def _opens_with_address(text: str) -> bool:
    head = text.lstrip(LEAD)[:330]
    at = head.find("@")
    return at > 0 and not any(c in head[:at] for c in " \t,;")


# A line of a multi-line SMTP reply: "550-5.7.26 text" (continued) or "550 5.7.26 text" (last).
_REPLY_LINE = re.compile(r"([245]\d\d)([ -])(?:([245]\.\d{1,3}\.\d{1,3}) ?)?")
_INNER_REPLY = re.compile(r"(?<![\w.-])([245]\d\d)-(?=[245]\.\d)")
_SPACES = re.compile(r"\s+")


def diagnostic(rows: Iterable[str]) -> str:
    """The lines of one recipient's error as one line of text.

    A multi-line SMTP reply ("550-5.7.1 a" / "550 5.7.1 b") keeps its code and status once, as
    "550 5.7.1 a b", so the classifier reads the server's sentence whole.
    """
    parts: list[str] = []
    code = ""
    for row in rows:
        row = row.strip()
        if not row:
            continue
        reply = _REPLY_LINE.match(row)
        if reply and code == reply.group(1):
            row = row[reply.end():]
        elif reply and reply.group(2) == "-":
            code = reply.group(1)
            row = f"{code} {row[reply.end(2):]}"
        elif not reply:
            # "Remote host said: 550-5.7.26 ...": the reply starts inside the line.
            inner = _INNER_REPLY.search(row)
            if inner:
                code = inner.group(1)
                row = f"{row[:inner.start()]}{code} {row[inner.end():]}"
        parts.append(row)
    return _SPACES.sub(" ", " ".join(parts)).strip()


# A reply line of an SMTP transcript: "554 5.3.0 unknown mailer error", "<<< 550 5.1.1 <a@b>... User unknown".
_TRANSCRIPT_REPLY = re.compile(r"(?:<<< )?([245]\d\d)[ -][245]\.\d{1,3}\.\d{1,3} ")


def last_reply(rows: Sequence[str]) -> str:
    """The last line of `rows` that is an SMTP reply with an enhanced status (a transcript's end), or ""."""
    for row in reversed(rows):
        row = row.strip()
        if row[:1] in "<2345" and _TRANSCRIPT_REPLY.match(row):
            return row.removeprefix("<<< ")
    return ""


# Where MTAs name the host that answered, most specific first: Exim "host mx.example.org [192.0.2.1]",
# DragonFly "mx.example.org [192.0.2.1] did not like", qmail "remote host 192.0.2.1 said",
# MailFoundry "Server mx.example.org[192.0.2.1] failed with".
_REMOTE = (
    re.compile(r"\bhost:? ([A-Za-z0-9][\w.-]{0,253}) ?\[([0-9A-Fa-f.:]{3,45})\]"),
    re.compile(r"^([A-Za-z0-9][\w.-]{0,253}) \[[0-9A-Fa-f.:]{3,45}\] did not like"),
    re.compile(r"\bremote host ([\w.:-]{3,253}) said"),
    re.compile(r"\b([A-Za-z0-9][\w.-]{0,253})\[[0-9A-Fa-f.:]{3,45}\] (?:failed with|responded with)"),
    re.compile(r"^(?:Connected to )?(\d{1,3}(?:\.\d{1,3}){3})\b(?: does not like| failed after| but)"),
    re.compile(r"\bhost: ([A-Za-z0-9][\w.-]{0,253})"),
)


def remote_host(text: str) -> str:
    """The remote host named in an MTA's report text, or ""."""
    for pattern in _REMOTE:
        found = pattern.search(text)
        if found:
            return found.group(1).rstrip(".")
    return ""


# The SMTP command an MTA says failed, by the phrases their reports use, in the order to try.
_COMMANDS = (
    ("rcpt to", "RCPT"),
    ("rcpt command", "RCPT"),
    ("[rcpt_to]", "RCPT"),
    ("mail from:", "MAIL"),
    ("[mail_from]", "MAIL"),
    ("end of data", "DATA"),
    ("final data", "DATA"),
    ("(data)", "DATA"),
    ("after data", "DATA"),
    ("data command", "DATA"),
    ("text command", "DATA"),
    ("initial connection", "CONN"),
    ("greeting", "CONN"),
    ("starttls", "STARTTLS"),
    ("ehlo ", "EHLO"),
    ("helo ", "HELO"),
)


def smtp_command(text: str) -> str:
    """The failed SMTP command (RCPT, MAIL, DATA, CONN, ...) an MTA's report names, or ""."""
    lowered = text.lower()
    for phrase, command in _COMMANDS:
        if phrase in lowered:
            return command
    return ""


def message_id(original: str) -> str:
    """The Message-ID header of a returned original message (its text), without angle brackets."""
    for row in original.split("\n", 200)[:200]:
        if row[:11].lower() == "message-id:":
            return row[11:].strip().strip("<>").strip()
    return ""


def bounce(
    recipient: str,
    text: str,
    *,
    action: str = "failed",
    host: str = "",
    command: str = "",
    original_id: str = "",
    status: str = "",
    code: str = "",
    reason_hint: Reason | None = None,
    hint_rule: str = "",
    reporter: str = "",
    reporter_code: str = "",
) -> Bounce:
    """One Bounce from a recipient and its diagnostic text; code, status, host and command read from it.

    When the text holds neither a status nor a reply code, the report itself still says whether the
    failure is final (a bounce) or not (a delay warning): RFC 3463's "other undefined status",
    5.0.0 or 4.0.0, says that much and no more.
    """
    status = status or enhanced_status(text)
    code = code or reply_code(text)
    if not status and not code:
        status = "4.0.0" if action == "delayed" else "5.0.0"
    return Bounce(
        recipient=normalise(recipient),
        status=status,
        reply_code=code,
        diagnostic=text,
        action=action,
        remote_host=host or remote_host(text),
        message_id=original_id,
        smtp_command=command or smtp_command(text),
        reason_hint=reason_hint,
        hint_rule=hint_rule,
        reporter=reporter,
        reporter_code=reporter_code,
    )


@dataclass(frozen=True, slots=True)
class Report:
    """The human-readable report of a text bounce, cut out of its message."""

    mail: Mail
    rows: list[str]  # every line of the text (see lines())
    body: list[str]  # the report's lines, between its start phrase and its end marker
    end: int  # index in `rows` of the end marker (len(rows) when none)

    @property
    def original_id(self) -> str:
        """The returned original's Message-ID: from its MIME part, else from the text after the report."""
        return message_id(self.mail.original or "\n".join(self.rows[self.end + 1:]))


def report(msg: Message, marks: Iterable[str], starts: Iterable[str], ends: Iterable[str],
           *, within: int = 3000) -> Report | None:
    """The report of an MTA that signs its bounces with one of `marks` in the first `within` characters.

    The shared opening of the text formats: None when no mark is there (not this MTA's bounce)
    or no start phrase is found; else the lines between a start phrase and an end marker.
    """
    if not _may_hold(msg, marks, within):
        return None
    mail = read(msg)
    head = mail.text[:within].replace("\r", "")
    if not any(mark in head for mark in marks):
        return None
    rows = lines(mail.text)
    found = between(rows, starts, ends)
    if found is None:
        return None
    return Report(mail, rows, *found)


def _may_hold(msg: Message, marks: Iterable[str], within: int) -> bool:
    """False when no text part holds a mark in its opening: the cheap test, on parts already
    decoded, that spares the full read() of every message that is not this MTA's. True when unsure
    (no text part outside the original).
    """
    heads = [part.text[:within * 2] for part in msg.parts
             if part.content_type.startswith("text/") and part.content_type not in _NOT_REPORT_TEXT]
    if not heads:
        return True
    return any(mark in head for head in heads for mark in marks)


_NOT_REPORT_TEXT = ("text/html", "text/rfc822-headers")
_ORIGINAL = ("message/rfc822", "text/rfc822-headers")
_READ: WeakKeyDictionary[Message, Mail] = WeakKeyDictionary()


def read(msg: Message) -> Mail:
    """The headers, report text and returned original (its headers) of a message; read once."""
    mail = _READ.get(msg)
    if mail is None:
        mail = _READ[msg] = _read(msg)
    return mail


def _read(msg: Message) -> Mail:
    headers = {}
    for name, value in msg.headers:
        # Unfolded values rarely hold white space other than single spaces.
        value = value.strip() if value.isprintable() and "  " not in value else _SPACES.sub(" ", value).strip()
        headers.setdefault(name.lower(), value)
    text, original = "", ""
    for part in _entities(msg):
        ctype = part.content_type
        if ctype in _ORIGINAL and not original:
            if ctype == "message/rfc822":
                # Only the embedded message's header block is kept: read it alone, not its whole MIME tree.
                found = part.head()
                original = "\n".join(f"{name}: {value}" for name, value in found)
                continue
            original = part.text
        elif ctype.startswith("text/") and not text and ctype != "text/html":
            text = part.text  # decoded with its charset already
        if text and original:
            break
    return Mail(headers, text, original)


def _entities(msg: Message) -> Iterator[Message]:
    """Every entity of `msg`, depth first, into the messages that message/rfc822 parts embed: a text
    part is looked for in a forwarded bounce too."""
    yield msg
    for child in msg.children:
        yield from _entities(child)
    if msg.content_type == "message/rfc822":  # (an empty one embeds an empty text part: no matter)
        yield from _entities(msg.as_message())
