"""RFC 5965 feedback reports (ARF): multipart/report; report-type=feedback-report. A complaint. Pure.

The complaining recipients are the Original-Rcpt-To fields (RFC 5965 §3.2: one per recipient of
the reported message; a report that aggregates complaints lists several, and each is a complaint,
so each gives a row), else Hotmail's X-HmXmrOriginalRecipient fields, else the first To address of
the returned original (RFC 6650 recommends redacting it, so it may be missing or masked: the
complaint is still reported, with an empty recipient, for the Message-ID and contact hints to
identify). A To naming several addresses does not say which of them complained: its first stands
for the complaint, as before Original-Rcpt-To existed. Providers that send
complaints without the report part are recognised by their own marks: Hotmail's JMRP puts
X-HmXmrOriginalRecipient in the returned original; Apple Mail's unsubscribe button sends a mail
with X-Apple-Unsubscribe: true from the recipient itself.
"""
from __future__ import annotations

from streams.bounces.address import extract, normalise
from streams.bounces.formats import original as returned
from streams.bounces.message import Headers, Message, fields
from streams.model import Bounce, Reason

MAX_RECIPIENTS = 500  # rows of one report (an aggregated report lists at most a few hundred)


def _report_fields(msg: Message) -> Headers | None:
    report = msg.part("message/feedback-report")
    if report is None:
        return None
    groups = fields(report.text)
    return Headers([item for group in groups for item in group.items])


def _jmrp(msg: Message) -> bool:
    """Whether the returned original carries Hotmail's JMRP header (its header block only is read)."""
    original = msg.original()
    return original is not None and "x-hmxmroriginalrecipient" in original


def parse(msg: Message) -> list[Bounce] | None:
    report = _report_fields(msg)
    apple = msg.headers.get("x-apple-unsubscribe").strip().lower() == "true"
    if report is None and not apple and not _jmrp(msg):
        return None
    original = returned.read(msg)
    recipients = _recipients(report, original, msg.headers.get("from") if apple else "")
    if not recipients[0] and report is None:
        return None
    if report is not None:
        feedback_type = " ".join(report.get("feedback-type", "abuse").split()).lower() or "abuse"
    else:
        feedback_type = "opt-out" if apple else "abuse"
    return [Bounce(
        recipient=recipient,
        diagnostic=f"feedback report: {feedback_type}",
        feedback_type=feedback_type,
        message_id=original.message_id,
        contact_hints=original.hints,
        reason_hint=Reason.FEEDBACK,
        hint_rule=f"arf:{feedback_type}",
    ) for recipient in recipients]


def _recipients(report: Headers | None, original: returned.Original, sender: str) -> list[str]:
    """The complaining recipients, distinct, in order (see the module's docstring); [""] when none."""
    listed = report.get_all("original-rcpt-to") if report is not None else []
    if original.headers is not None:
        listed += original.headers.get_all("x-hmxmroriginalrecipient")
    found = [address for address in map(normalise, listed) if "@" in address]
    if not found:
        found = [normalise(address) for address in (extract(original.to) + extract(sender))[:1]]
    return list(dict.fromkeys(found))[:MAX_RECIPIENTS] or [""]
