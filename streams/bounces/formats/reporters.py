"""Who wrote a bounce, for the MTAs that sign theirs with headers of their own. Pure.

A fact for the classifier: Bounce.reporter names the MTA, and streams/classify/reporters.py (or,
for a receiving provider, its module in streams/classify/rhosts/) says what that MTA's own words
mean. The signs are Sisimai's (lhost/via-messagelabs.go, via-aol.go, via-exchange2007.go,
via-domino.go, via-notes.go, via-courier.go, via-messagingserver.go, via-googleworkspace.go).
parse_email names the signer on every row a format module left without a reporter; the MTAs
recognised by their text rather than a header (qmail, Exim, OpenSMTPD) are named by their own modules.
"""
from __future__ import annotations

from streams.bounces.message import Headers

_EXCHANGE2007_SUBJECTS = ("Undeliverable:", "Non remis", "Non_remis_", "Non recapitabile:")
_OFFICE365 = ("x-ms-exchange-crosstenant-originalarrivaltime", "x-ms-exchange-crosstenant-fromentityheader")
_COURIER_SUBJECTS = ("NOTICE: mail delivery status.", "WARNING: delayed mail.")


def signer(headers: Headers) -> str:
    """The name of the MTA that signed these headers, or "" (each header read once: every message asks)."""
    sender, subject = headers.get("from"), headers.get("subject")
    if "x-msg-ref" in headers and "messagelabs.com" in sender.lower():
        return "messagelabs"
    if "x-aol-ip" in headers:
        return "aol"
    if (subject.startswith(_EXCHANGE2007_SUBJECTS) and "content-language" in headers
            and not any(name in headers for name in _OFFICE365)):
        return "exchange2007"  # an Exchange 2007 NDR that is not Office 365's
    if subject.startswith(("DELIVERY FAILURE:", "DELIVERY_FAILURE:")):
        return "domino"
    if subject.startswith("Undeliverable message"):
        return "notes"
    if ("Courier mail server at " in sender or headers.get("message-id").startswith("<courier.")
            or any(s in subject for s in _COURIER_SUBJECTS)):
        return "courier"
    if "Boundary_(ID_" in headers.get("content-type") or subject.startswith("Delivery Notification: "):
        return "messagingserver"
    if "x-gm-message-state" in headers and "mailer-daemon@googlemail.com" in sender.lower():
        return "googleworkspace"
    return ""
