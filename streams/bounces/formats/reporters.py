"""Who wrote a bounce, for the MTAs that sign theirs with headers of their own. Pure.

A fact for the classifier: Bounce.reporter names the MTA, and streams/classify/reporters.py (or,
for a receiving provider, its module in streams/classify/rhosts/) says what that MTA's own words
mean. The signs are Sisimai's (lhost/via-messagelabs.go, via-aol.go, via-exchange2007.go,
via-domino.go, via-notes.go, via-courier.go, via-messagingserver.go, via-googleworkspace.go).
parse_email names the signer on every row a format module left without a reporter; the MTAs
recognised by their text rather than a header (qmail, Exim, OpenSMTPD) are named by their own modules.
"""
from __future__ import annotations

from collections.abc import Callable

from streams.bounces.message import Headers

_SIGNERS: tuple[tuple[str, Callable[[Headers], bool]], ...] = (
    ("messagelabs", lambda h: "x-msg-ref" in h and "messagelabs.com" in h.get("from").lower()),
    ("aol", lambda h: "x-aol-ip" in h),
    # an Exchange 2007 NDR that is not Office 365's
    ("exchange2007", lambda h: h.get("subject").startswith(("Undeliverable:", "Non remis", "Non_remis_",
                                                             "Non recapitabile:"))
     and "content-language" in h and "x-ms-exchange-crosstenant-originalarrivaltime" not in h
     and "x-ms-exchange-crosstenant-fromentityheader" not in h),
    ("domino", lambda h: h.get("subject").startswith(("DELIVERY FAILURE:", "DELIVERY_FAILURE:"))),
    ("notes", lambda h: h.get("subject").startswith("Undeliverable message")),
    ("courier", lambda h: "Courier mail server at " in h.get("from") or h.get("message-id").startswith("<courier.")
     or any(s in h.get("subject") for s in ("NOTICE: mail delivery status.", "WARNING: delayed mail."))),
    ("messagingserver", lambda h: "Boundary_(ID_" in h.get("content-type")
     or h.get("subject").startswith("Delivery Notification: ")),
    ("googleworkspace", lambda h: "x-gm-message-state" in h
     and "mailer-daemon@googlemail.com" in h.get("from").lower()),
)


def signer(headers: Headers) -> str:
    """The name of the MTA that signed these headers, or ""."""
    for name, signed in _SIGNERS:
        if signed(headers):
            return name
    return ""
