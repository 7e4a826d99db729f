"""Plain-text bounces of older and smaller MTAs that announce the failed recipients with a sentence,
then name them one per line (or in that sentence). Pure.

Tried after every MTA-specific format and before the heuristic reader, so it costs nothing on the
bounces the other formats claim. The layout is read by its structure, not by one MTA's exact text:
1. the report: the first text part up to the line where the returned original (or a transcript of
   the session, or an error-detail section) starts;
2. the intro: the first line holding one of INTROS, sentences by which MTAs announce the list;
3. the recipients: each address named after the intro at the start of a line ("<a@x>", "a@x on
   <date>", "* a@x", "> a@x", '"a@x"', "a@x: reason", "a@x (reason)") or after a label
   ("Intended recipient: a@x", "Error-For: a@x", "Recipient: [SMTP:a@x]"), or in the intro itself
   ("Sorry, unable to deliver your message to a@x"). Lines that ask the reader to reply or write
   to someone, and header lines of a quoted original, name no recipient;
   When no line lists one, the addresses the report's sentences mention ("Your message to a@x,
   sent on ...");
4. a list of bare user names (AOL screen names, Mirapoint's "user  Mailbox unknown", sendmail's
   local "rex") when the report names no address at all: each is the returned original's
   addressee of that name, else the name at the mail domain of the daemon that signed the bounce
   (MAILER-DAEMON@mx2.univ.example -> name@univ.example).
Each recipient's diagnostic is the text on its line and the indented lines under it; when those
hold no reply code, the reply a transcript quotes for it, else the report's other sentences
(Netscape and NTMail state the reason above the list, once for all), so the classifier reads what
the server said. A report that says it
is a warning (delivery delayed, still trying) gives delayed rows.

Sources of the intro sentences and line shapes (library code and documentation, no sample
messages): Mailman 2's Bouncers/*.py and flufl.bounce's _detectors/*.py (SimpleMatch,
SimpleWarning, Caiwireless, Netscape, GroupWise/NTMail, Compuserve, AOL, Yale, Microsoft SMTPSVC,
Postfix variants); Sisimai lhost/*.pm (Sendmail, qmail, Exchange2003); sendmail savemail.c ("The
following addresses had permanent fatal errors", "transient non-fatal errors").
"""
from __future__ import annotations

import re

from streams.bounces.address import extract, normalise
from streams.bounces.formats import heuristic
from streams.bounces.formats import original as returned
from streams.bounces.formats import textual
from streams.bounces.message import Message
from streams.bounces.smtpreply import enhanced_status, reply_code
from streams.model import Bounce

MAX_RECIPIENTS = 100
MAX_REPORT_LINES = 12  # lines of the report's own text added to a recipient's diagnostic

# Sentences (lower case) that announce the failed recipients; the list follows them.
INTROS = (
    # RFC 1891-era sendmail (savemail.c); Smail; MDaemon; Lotus/LSMTP
    "the following addresses had permanent fatal errors",
    "the following addresses had transient non-fatal errors",
    "the following addresses had",
    "failed addresses follow:",
    "the following addresses did not receive a copy of your message",
    "--> error description:",
    # Netscape Messaging Server, NTMail, caiwireless (flufl.bounce netscape, caiwireless, groupwise)
    "the following recipients did not receive this message",
    "this message was undeliverable due to the following reason",
    # Novell GroupWise
    "was undeliverable to the following",
    # Microsoft Exchange 5.5-2003, IIS SMTPSVC
    "the following recipient(s) could not be reached",
    "did not reach the following recipient",
    "could not be delivered to the following user",
    "delivery to the following recipients failed",
    "delivery to the following recipient failed",
    "delivery to the following recipients was aborted",
    "delivery to the following recipients has been delayed",
    "delivery to the following recipient has been delayed",
    # AOL, Mirapoint (Yale, UCI), generic
    "mail to the following recipients could not be delivered",
    "message not delivered to the following",
    "could not deliver message to the following recipient",
    "could not be delivered to the following recipient",
    "the following recipient(s) could not be reached",
    "the following recipient could not be reached",
    "the following recipients could not be reached",
    "the following address failed",
    "the following address(es) failed",
    "here is your list of failed recipients",
    "------ failed recipients ------",
    "---- failed recipients ----",
    "message could not be delivered to some recipients",
    "a message could not be delivered to:",
    "the address to which the message has not yet been delivered is",
    "email you addressed to email address",
    # sentences naming the recipient themselves
    "sorry, unable to deliver your message to",
    "your message could not be delivered to",
    "your message could not be delivered",
    "your message has encountered delivery problems",
    "unable to deliver message to",
    "intended recipient:",
    "undeliverable address:",
    "invalid receiver address:",
    "user's mailbox is full:",
    "invalid final delivery userid:",
    "addressed to '",
    "this is the deliver program at",
    "this is the email server at",
    "a message that you sent could not be delivered",
    "a message that you have sent could not be delivered",
    "a message that you sent was rejected",
    "wasn't able to deliver the following message",
    "this message was created automatically by mail delivery software",
    "- no such user here",
    # Soft-Switch LMS (Majordomo 2's BounceParser): "Your message was not delivered to   a@x"
    "your message was not delivered to",
    # Dovecot LDA's quota rejection (Mailman 2 SimpleMatch): "Your message to a@x was automatically rejected:"
    "was automatically rejected",
    # Postfix's bounce(8) template, also under other names (flufl.bounce postfix: Keftamail, SMTP_Gateway)
    "could not be delivered to one or more destinations",
)

# Where the list ends but the report goes on: a session transcript, an error-detail section.
ENDS = textual.ORIGINAL_STARTS + ("end of message", "transcript of session follows", "session transcript",
                                  "error detail", "error-end:", "no action is required on your part")
# Words of a line (its addresses left out) that names someone to write to, not a recipient.
_NOT_RECIPIENT = ("reply to", "contact", "send mail to", "write to", "questions")
# What may follow the address before its text: closing brackets, quotes, a colon.
_TRAIL = ">\"']);: \t"
# A bare user name on a list line: indented, maybe with a reason after two spaces, or alone on its line.
_NAME = re.compile(r"^(?:\s+([A-Za-z0-9][\w.+-]{0,63})(?:\s{2,}(\S.*))?|([A-Za-z0-9][\w.+-]{0,63})\s*)$", re.ASCII)
_DAEMONS = ("mailer-daemon", "postmaster", "mailer_daemon")


def parse(msg: Message) -> list[Bounce] | None:
    mail = textual.read(msg)
    text = mail.text
    if not text:
        return None
    lowered_text = text.lower()
    if not any(intro in lowered_text for intro in INTROS) or not heuristic.looks_like_a_bounce(msg.headers, text):
        return None
    rows = textual.lines(text)
    lowered = [row.lower() for row in rows]
    start = next((i for i, row in enumerate(lowered) if any(intro in row for intro in INTROS)), None)
    if start is None:
        return None
    end = min((i for i in textual.rows_with(lowered, ENDS) if i > start), default=len(rows))
    stop = end + textual.original_starts(rows[end:])
    original = returned.read(msg)
    skip = returned.not_recipients(msg, original, text)
    found = _recipients(rows, lowered, start, end, skip)
    if not found:
        known = [normalise(a) for name in ("to", "cc") for a in extract(original.headers.get(name))] \
            if original.headers is not None else []
        domain = _daemon_domain(mail.headers.get("from", ""))
        found = _names(rows, start, end, domain, known) or _labelled_names(rows, end, domain, known)
    if not found:
        return None
    listed = {at for _, at in found}
    report: list[str] | None = None  # the report's other lines, read when a recipient's own text has no code
    action = "delayed" if textual.is_warning(text) else "failed"
    out = []
    for address, at in found[:MAX_RECIPIENTS]:
        said = textual.diagnostic(_own_text(rows, at, end, address))
        if not _has_code(said):
            # The server's reply may be quoted apart (a transcript naming the recipient); else the
            # report states the reason once for all (Netscape, NTMail) and its sentences are added.
            reply = _reply_naming(rows, address, start, stop)
            if report is None:
                report = [row for i, row in enumerate(rows[:end]) if i not in listed and row.strip()
                          and not textual.HEADER_LINE.match(row) and not _asks_to_write(row)]
            told = [row for row in report if " ".join(row.split()) not in said][:MAX_REPORT_LINES]
            said = " ".join(x for x in ((reply, said) if reply else (said, textual.diagnostic(told))) if x)
        out.append(textual.bounce(address, said, action=action, original_id=original.message_id))
    return out


def _asks_to_write(row: str) -> bool:
    """Does the line ask the reader to write to someone ("Please reply to postmaster@x")?"""
    words = row.lower()
    for address in extract(words):
        words = words.replace(address, " ")
    return any(mark in words for mark in _NOT_RECIPIENT)


def _has_code(text: str) -> bool:
    return bool(enhanced_status(text) or reply_code(text))


def _reply_naming(rows: list[str], address: str, start: int, stop: int) -> str:
    """The first line of rows[start:stop] that names `address` beside a reply code, or opens with it
    as sendmail's error lines do ("<a@x>... Deferred: ..."), with the lines indented under it (a
    transcript's "550 <a@x>... User unknown"), or ""."""
    key = address.lower()
    local = f"{key.partition('@')[0]}..."  # sendmail names a local recipient by its name: "550 rex... User unknown"
    for i in range(start, stop):
        row = rows[i]
        lowered = row.lower()
        named = key in lowered or f" {local}" in lowered or f"<{local[:-3]}>..." in lowered
        if named and (_has_code(row.replace(address, ""))
                      or lowered.lstrip().startswith((f"<{key}>...", f"{key}..."))):
            indent = len(row) - len(row.lstrip())
            block = [row]
            for line in rows[i + 1:min(stop, i + 4)]:
                if not line.strip() or len(line) - len(line.lstrip()) <= indent:
                    break
                block.append(line)
            return textual.diagnostic(block)
    return ""


def _recipients(rows: list[str], lowered: list[str], start: int, end: int, skip: set[str]) -> list[tuple[str, int]]:
    """(address, line index) of each recipient the report lists after its intro, in order; when no
    line lists one, the addresses its sentences mention ("Your message to a@x, sent on ...")."""
    found: dict[str, int] = {}
    # A row without an '@' names no address (the quoted original's body, mostly): not looked at.
    lines = [i for i in range(start, end)
             if "@" in rows[i] and not (textual.HEADER_LINE.match(rows[i]) or _asks_to_write(rows[i]))]
    intros = textual.rows_with(lowered, INTROS)
    for i in lines:
        address = textual.listed_address(rows[i])
        if not address and (i <= start + 1 or i in intros):
            # An intro may name the recipient itself: "unable to deliver your message to a@x".
            address = next((a for a in extract(rows[i]) if normalise(a) not in skip), "")
        _add(found, address, i, skip)
    for i in lines if not found else ():
        for address in extract(rows[i]):
            _add(found, address, i, skip)
    return list(found.items())


def _add(found: dict[str, int], address: str, at: int, skip: set[str]) -> None:
    key = normalise(address)
    if key and key not in skip and key.rpartition("@")[0] not in _DAEMONS and key not in found:
        found[key] = at


def _daemon_domain(sender: str) -> str:
    """The mail domain of the daemon that signed the bounce, or "": its host less the host's own
    labels (MAILER-DAEMON@mx2.univ.example -> univ.example): the organisation's domain, where its
    users' mailboxes are. Two labels are kept, three under a two-letter country code whose second
    level is short (ac.jp, co.uk, com.au)."""
    found = extract(sender)
    if not found:
        return ""
    local, _, domain = normalise(found[0]).rpartition("@")
    if not (local in _DAEMONS or local.startswith(("mailer", "postmaster"))):
        return ""
    labels = domain.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-keep:])


def _names(rows: list[str], start: int, end: int, domain: str, known: list[str]) -> list[tuple[str, int]]:
    """Bare user names listed one per (indented) line under the intro: each is the address of
    `known` (the original's addressees) with that local part, else the name at `domain`."""
    if not domain:
        return []
    by_local = {address.rpartition("@")[0]: address for address in known}
    out: list[tuple[str, int]] = []
    for i in range(start + 1, min(end, start + 1 + MAX_RECIPIENTS)):
        row = rows[i]
        if not row.strip():
            if out:
                break
            continue
        name = _NAME.match(row.expandtabs(8))
        if name is None:
            break
        local = (name.group(1) or name.group(3)).lower()
        address = by_local.get(local, f"{local}@{domain}")
        if all(address != known_address for known_address, _ in out):
            out.append((address, i))
    return out


# "Receiver not found: 5of7" (CompuServe, per Majordomo 2's BounceParser): a label that says what
# failed, then a bare user name.
_LABELLED_NAME = re.compile(r"^\s*([A-Za-z][A-Za-z' ]{2,40}):\s*([A-Za-z0-9][\w.+-]{0,63})\s*$", re.ASCII)
_NAME_LABELS = ("not found", "unknown", "invalid", "receiver", "recipient", "user", "mailbox")


def _labelled_names(rows: list[str], end: int, domain: str, known: list[str]) -> list[tuple[str, int]]:
    """Bare user names after a label of failure, anywhere in the report, qualified as _names does."""
    if not domain:
        return []
    by_local = {address.rpartition("@")[0]: address for address in known}
    out: list[tuple[str, int]] = []
    for i, row in enumerate(rows[:end]):
        found = _LABELLED_NAME.match(row)
        if found and any(label in found.group(1).lower() for label in _NAME_LABELS) and len(out) < MAX_RECIPIENTS:
            local = found.group(2).lower()
            address = by_local.get(local, f"{local}@{domain}")
            if all(address != seen for seen, _ in out):
                out.append((address, i))
    return out


def _own_text(rows: list[str], at: int, end: int, address: str) -> list[str]:
    """A recipient's own text: its line without the address, then the lines indented under it, or,
    when its line ends with a colon ("<a@x>:", "... to a@x for the following reason:"), the
    paragraph that follows."""
    row = rows[at]
    named = address if address.lower() in row.lower() else address.partition("@")[0]  # a bare name
    index = row.lower().find(named.lower())
    if index >= 0:  # the line less the address: a label before it ("Failed Recipient:") says something too
        rest = f"{row[:index].rstrip(textual.LEAD)} {row[index + len(named):].lstrip(_TRAIL)}"
    else:
        rest = row
    rest = " ".join(rest.replace(f"<{address}>", "").split())
    out = [rest] if rest else []
    opens = row.rstrip().endswith(":")
    indent = len(row) - len(row.lstrip())
    for line in rows[at + 1:end]:
        if not line.strip():
            if out and not (opens and len(out) == 1 and out[0] == rest):
                break
            continue
        outdented = not opens and len(line) - len(line.lstrip()) <= indent
        if textual.listed_address(line) or outdented or not line.strip("-=_* \t"):  # a rule line ends it too
            break
        out.append(line)
    return out
