"""RFC 3464 delivery status notifications: multipart/report; report-type=delivery-status. Pure.

Per recipient (RFC 3464 §2.3): Final-Recipient (else Original-Recipient, X-Actual-Recipient),
Action, Status, Remote-MTA, Diagnostic-Code; per message (§2.2): Reporting-MTA (the remote host
when no Remote-MTA nor the text names one). The returned
original (message/rfc822 or text/rfc822-headers, RFC 6522) gives the Message-ID and contact hints.

General habits of real senders handled here:
- recipient groups not separated by blank lines (a repeated Final-Recipient starts a new one);
- the fields in the plain body when the MIME structure is missing or broken;
- a Status that is generic (x.0.0) or a summary of the relay (SES "5.1.0" before the remote's
  "550 5.7.1"): the code the remote server put beside its reply code wins, as in Sisimai;
- multi-line replies folded into the Diagnostic-Code ("550-5.1.1 a 550-5.1.1 b") kept once;
- no Diagnostic-Code at all: the recipient's paragraph of the human-readable part is the text.
"""
from __future__ import annotations

import re

from streams.bounces.address import extract, normalise, only_addresses
from streams.bounces.formats import original as returned
from streams.bounces.formats import textual
from streams.bounces.message import Headers, Message, fields
from streams.bounces.smtpreply import enhanced_status, reply_code
from streams.model import Bounce, Reason

MAX_RECIPIENTS = 500
REPORT_TYPES = ("message/delivery-status", "message/global-delivery-status")
# Fields of one recipient (RFC 3464 §2.3 and common extensions); the others are per message.
_RECIPIENT_FIELDS = frozenset((
    "final-recipient", "original-recipient", "action", "status", "remote-mta", "diagnostic-code",
    "last-attempt-date", "final-log-id", "will-retry-until", "x-actual-recipient", "x-supplementary-info",
    "x-display-name",
))
_STARTS_RECORD = frozenset(("final-recipient", "original-recipient"))
_SPACES = re.compile(r"\s+")
_TYPED = re.compile(r"^\s*[\w.-]{1,20}\s*;\s*")  # "smtp; ", "dns; ", "rfc822; ", "X-Postfix; "
# A status the server put beside its reply code: "550 5.7.1", "550-5.1.1", "550-'5.7.1".
_REPLY_STATUS = re.compile(r"(?<!\d)([245]\d\d)[ \-']{1,3}([245]\.\d{1,3}\.\d{1,3})(?![\d.])")
# The repeated code of a folded multi-line reply, after its first line.
_CONTINUATION = re.compile(r" [245]\d\d[ \-](?:[245]\.\d{1,3}\.\d{1,3} )?")


def _untyped(value: str) -> str:
    return _TYPED.sub("", value, count=1).strip()


def _records(groups: list[Headers]) -> list[dict[str, str]]:
    """One dict per recipient record (first value of each field kept); per-message fields skipped.

    A record starts with each group, and inside a group where a Final-/Original-Recipient repeats:
    some MTAs write all recipients as one group; fields come in any order (recipient first or last).
    """
    records: list[dict[str, str]] = []
    for group in groups:
        current: dict[str, str] | None = None
        for name, value in group.items:
            key = name.lower()
            if key not in _RECIPIENT_FIELDS:
                continue
            if current is None or (key in _STARTS_RECORD and key in current):
                current = {}
                records.append(current)
            current.setdefault(key, value)
        if len(records) >= MAX_RECIPIENTS:
            break
    return [r for r in records if any(k in r for k in _STARTS_RECORD) or "x-actual-recipient" in r]


def _address(record: dict[str, str]) -> str:
    for key in ("final-recipient", "original-recipient", "x-actual-recipient"):
        address = normalise(_untyped(record.get(key, "")))
        if "@" in address and " " not in address and not address.startswith("@"):
            return address
    return ""


def _unnamed_recipient(msg: Message, original: returned.Original, human: str) -> str:
    """The recipient of the sole record whose recipient fields name no address ("LOCAL;ann",
    an X.400 name, no field at all: Netscape Messaging Server's reports).

    The returned original's only To address, when the human-readable report names it or names no
    other address; else the one address the report lists on a line of its own, or else mentions (a
    list post's To is the list, not the recipient).
    """
    skip = returned.not_recipients(msg, original, human)
    found = extract(original.to)
    to = normalise(found[0]) if len(found) == 1 and normalise(found[0]) not in skip else ""
    mentioned = {normalise(address) for address in extract(human)} - skip
    if to and (to in mentioned or not mentioned):
        return to
    listed = {normalise(address) for row in textual.lines(human) if (address := textual.listed_address(row))} - skip
    named = listed or mentioned
    return named.pop() if len(named) == 1 else to


def _smtp_typed(diagnostic_code: str) -> bool:
    """Whether a Diagnostic-Code is an SMTP reply: typed "smtp;" or untyped (RFC 3464 §2.3.6).

    Other types (Sendmail's "X-Unix; 255", a local program's exit status) hold no reply code.
    """
    typed = _TYPED.match(diagnostic_code)
    return typed is None or typed.group(0).split(";")[0].strip().lower() == "smtp"


def clean_diagnostic(text: str) -> str:
    """A Diagnostic-Code as one line: its type removed, whitespace collapsed, folded reply codes once."""
    text = _SPACES.sub(" ", _untyped(text)).strip()
    first = _REPLY_STATUS.match(text) or re.match(r"[245]\d\d[ \-]", text)
    if first:
        head, rest = text[: first.end()], text[first.end():]
        text = head.replace("-", " ", 1) + _CONTINUATION.sub(" ", " " + rest)[1:]
    return text.strip()


def best_status(status_field: str, diagnostic: str, action: str) -> str:
    """The Status field, unless the remote server's own text gives a code that should win.

    The code beside a reply code in the diagnostic wins (unless it is generic, x.0.0, and the Status
    is not) when it has the Status's class, or when the Status says "try again" (4.x.x) on a
    recipient that has failed. A bare code in the text wins only over a generic Status (x.0.0) of
    the same class, or a missing one.
    """
    status = enhanced_status(status_field)
    beside = _REPLY_STATUS.search(diagnostic[:2000])
    if beside and not (beside.group(2).endswith(".0.0") and status and not status.endswith(".0.0")):
        specific = beside.group(2)
        if not status or specific[0] == status[0] or (action == "failed" and specific[0] == "5"):
            return specific
    bare = enhanced_status(diagnostic)
    if bare and (not status or (status.endswith(".0.0") and bare[0] == status[0])):
        return bare
    return status


def _human_text(msg: Message, report: Message | None) -> str:
    for part in msg.parts:
        if part is report:
            break
        if part.content_type in ("text/plain", "text/html"):
            return part.text if part.content_type == "text/plain" else msg.body_text
    return ""


def _paragraph_of(text: str, address: str) -> str:
    """The paragraph of the human-readable report that names `address` (Postfix, Exchange), or ""."""
    rows = textual.rows_from(text, (address,), 12)
    if rows is None:
        return ""
    block = []
    for line in rows:
        if not line.strip() and block:
            break
        block.append(line)
    return textual.diagnostic(block)


# Where a report written into the body (no MIME structure) turns into its RFC 3464 fields.
_FIELDS_START = re.compile(r"^(?:reporting-mta|final-recipient|original-recipient):", re.I | re.M)
# Sendmail's (and its clones') transcript of the failed delivery, inside the human-readable part.
_TRANSCRIPT = ("transcript of session follows", "transcript of the session follows")


def _comment(value: str) -> str:
    """The text of a field's parenthesised comment ("5.0.0 (permanent failure)"), or ""."""
    start, end = value.find("("), value.rfind(")")
    return _SPACES.sub(" ", value[start + 1:end]).strip() if 0 <= start < end else ""


def _transcript(text: str) -> str:
    """The first paragraph of a "Transcript of session follows" section ("mail.local: unknown
    user: ann", "554 <ann@example.net>... Service unavailable"), as one line; "" when none."""
    rows = textual.rows_from(text, _TRANSCRIPT, 20)
    if rows is None:
        return ""
    block: list[str] = []
    for line in rows[1:]:
        if not line.strip():
            if block:
                break
            continue
        block.append(line)
    return textual.diagnostic(block)


_FINAL_RECIPIENT = re.compile(r"\n(?i:final-recipient):")


def _report_groups(msg: Message) -> tuple[Message | None, list[Headers]]:
    report = msg.part(*REPORT_TYPES)
    if report is not None:
        return report, fields(report.text)
    # No report part (broken or missing MIME structure): the fields may still be in the body.
    for part in msg.parts:
        if part.content_type != "text/plain":
            continue
        found = _FINAL_RECIPIENT.search(part.text)  # not text.lower(): slow on long non-ASCII text
        if found is None:
            continue
        at = found.start()
        start = part.text[:at].lower().rfind("\nreporting-mta:")
        groups = fields(part.text[(start if start >= 0 else at) + 1:][:20000])
        return None, [g for g in groups if any(name.lower() in _RECIPIENT_FIELDS or name.lower() == "reporting-mta"
                                              for name, _ in g.items)]
    return None, []


def _reporting_mta(groups: list[Headers]) -> str:
    """The host of the per-message Reporting-MTA field (RFC 3464 §2.2.2), or ""."""
    for group in groups:
        for name, value in group.items:
            if name.lower() == "reporting-mta":
                return _untyped(value).split(None, 1)[0] if value.strip() else ""
    return ""


def parse(msg: Message) -> list[Bounce] | None:
    report, groups = _report_groups(msg)
    if not groups:
        return None
    records = _records(groups)
    if not records:
        return None
    reporting = _reporting_mta(groups)
    original = returned.read(msg)
    human = _human_text(msg, report)
    if report is None:
        # The fields are in the body too: the human-readable report ends where they start, so that
        # a recipient's paragraph is never the fields themselves.
        fields_at = _FIELDS_START.search(human)
        human = human[:fields_at.start()] if fields_at else human
    out = []
    for record in records:
        address = _address(record) or (_unnamed_recipient(msg, original, human) if len(records) == 1 else "")
        if not address:
            continue
        action = record.get("action", "").lower().split(" ")[0]
        smtp = _smtp_typed(record.get("diagnostic-code", ""))
        # No Diagnostic-Code: a comment in the Status field is the reporting MTA's own word on the
        # failure (Sendmail: "Status: 4.0.0 (example.net: host name lookup failure)").
        diagnostic = clean_diagnostic(record.get("diagnostic-code", "")) or _comment(record.get("status", ""))
        paragraph = _paragraph_of(human, address) if human else ""
        if paragraph and only_addresses(paragraph):
            # The paragraph only lists the address (Sendmail's "had permanent fatal errors" list):
            # the transcript of the session says what failed.
            paragraph = _transcript(human) or paragraph
        if not diagnostic or (not reply_code(diagnostic) and not enhanced_status(diagnostic) and
                              len(diagnostic) < 20 and paragraph):
            # No server text (or only a bare word or exit code): the human-readable report says more.
            diagnostic = " ".join(x for x in (diagnostic, paragraph) if x) or textual.diagnostic(
                textual.lines(human)[:40])
        # A local program's exit status ("X-Unix; 255") is no SMTP reply: the reply line the
        # report's transcript ends with, if any, gives the code (and a status finer than x.0.0).
        replied = diagnostic if smtp else textual.last_reply(textual.lines(human)) if human else ""
        status = best_status(record.get("status", ""), replied, action)
        # No Remote-MTA and no host in the text: the reporting MTA failed on its own (AOL's outbound
        # relay on a DNS answer, Outlook.com delivering to its own mailbox), and its host says whose
        # wording the diagnostic is (the receiving-provider rules need that).
        remote = (_untyped(record.get("remote-mta", "")) or textual.remote_host(diagnostic or paragraph)
                  or reporting)
        hint = Reason.DELIVERED if action in ("delivered", "relayed", "expanded") else None
        hint_rule = "dsn:action-" + action if hint else ""
        out.append(Bounce(
            recipient=address,
            status=status,
            reply_code=reply_code(replied),
            diagnostic=diagnostic,
            action=action,
            remote_host=remote.strip("[]"),
            message_id=original.message_id,
            smtp_command=textual.smtp_command(diagnostic) or textual.smtp_command(paragraph),
            contact_hints=original.hints,
            reason_hint=hint,
            hint_rule=hint_rule,
        ))
    return out or None
