"""What a reporting MTA's own words mean, for the MTAs that sign their bounces. Pure.

Some MTAs report a remote server's reply, or their own finding, with fixed sentences of their own; Sisimai reads those sentences per MTA (the `messagesof` /
`refailures` tables of lhost/via-messagelabs.go, via-aol.go, via-googleworkspace.go; Exchange
2007's own NDR codes, "RESOLVER.ADR.RecipNotFound", in via-exchange2007.go), not as
generic phrases, because the same words from another server may mean something else ("No such
user" from MessageLabs is its directory's answer at RCPT, where the generic reading of an unknown
user with no command is a filter's refusal). Each entry: the headers that sign the MTA, then
(lower-case phrase of the diagnostic, reason) pairs; the first phrase found states the reason.
parse_email applies them to the rows of any format module that left the reason open; the tables
of MTAs recognised by their text rather than a header (qmail, Exim, OpenSMTPD) are applied by
their own modules.
"""
from __future__ import annotations

from collections.abc import Callable

from streams.bounces.message import Headers
from streams.model import Reason

Table = tuple[tuple[str, Reason], ...]

_REPORTERS: tuple[tuple[str, Callable[[Headers], bool], Table], ...] = (
    ("messagelabs",
     lambda h: "x-msg-ref" in h and "messagelabs.com" in h.get("from", "").lower(),
     (("no such user", Reason.USERUNKNOWN),
      ("please turn on smtp authentication in your mail client", Reason.SECURITYERROR))),
    ("aol",
     lambda h: "x-aol-ip" in h,
     (("host or domain name not found", Reason.HOSTUNKNOWN),
      ("type=mx: malformed or unexpected name server reply", Reason.NOTACCEPT))),
    ("exchange2007",  # Sisimai lhost/via-exchange2007.go: an NDR that is not Office 365's
     lambda h: h.get("subject", "").startswith(("Undeliverable:", "Non remis", "Non_remis_", "Non recapitabile:"))
     and "content-language" in h and "x-ms-exchange-crosstenant-originalarrivaltime" not in h
     and "x-ms-exchange-crosstenant-fromentityheader" not in h,
     (("resolver.adr.recipnotfound", Reason.USERUNKNOWN),
      ("resolver.adr.exrecipnotfound", Reason.USERUNKNOWN),
      ("resolver.adr.reciplimit", Reason.TOOMANYCONN),
      ("resolver.adr.badprimary", Reason.SYSTEMERROR),
      ("resolver.adr.invalidinsmtp", Reason.SYSTEMERROR),
      ("resolver.adr.ambiguous", Reason.SYSTEMERROR),
      ("resolver.rst.authrequired", Reason.SECURITYERROR),
      ("resolver.rst.notauthorized", Reason.REJECTED),
      ("resolver.rst.recipsizelimit", Reason.MESGTOOBIG),
      ("smtpsend.dns.nonexistentdomain", Reason.HOSTUNKNOWN),
      ("smtpsend.dns.mxloopback", Reason.NETWORKERROR),
      ("queue.expired", Reason.EXPIRED))),
    ("domino",
     lambda h: h.get("subject", "").startswith(("DELIVERY FAILURE:", "DELIVERY_FAILURE:")),
     (("not listed in domino directory", Reason.USERUNKNOWN),
      ("not listed in public name & address book", Reason.USERUNKNOWN),
      ("non répertorié dans l'annuaire domino", Reason.USERUNKNOWN),
      ("domino ディレクトリには見つかりません", Reason.USERUNKNOWN),
      ("cannot route mail to user", Reason.FILTERED),
      ("several matches found in domino directory", Reason.SYSTEMERROR))),
    ("notes",
     lambda h: h.get("subject", "").startswith("Undeliverable message"),
     (("user not listed in public name & address book", Reason.USERUNKNOWN),
      ("message has exceeded maximum hop count", Reason.NETWORKERROR))),
    ("courier",
     lambda h: "Courier mail server at " in h.get("from", "") or h.get("message-id", "").startswith("<courier.")
     or any(s in h.get("subject", "") for s in ("NOTICE: mail delivery status.", "WARNING: delayed mail.")),
     (("no such domain.", Reason.HOSTUNKNOWN),
      ("this domain's dns violates rfc 1035.", Reason.SYSTEMERROR),
      ("dns lookup failed.", Reason.NETWORKERROR))),
    ("messagingserver",
     lambda h: "Boundary_(ID_" in h.get("content-type", "") or h.get("subject", "").startswith("Delivery Notification: "),
     (("illegal host/domain name found", Reason.HOSTUNKNOWN),)),
    ("googleworkspace",
     lambda h: "x-gm-message-state" in h and "mailer-daemon@googlemail.com" in h.get("from", "").lower(),
     (("because the address couldn't be found. check for typos", Reason.USERUNKNOWN),
      ("null mx", Reason.NOTACCEPT),
      (" had no relevant answers.", Reason.NETWORKERROR),
      (" responded with code nxdomain", Reason.NETWORKERROR))),
)


# qmail-ldap's own sentences (Sisimai lhost/via-qmail.go and via-x4.go, "failonldap" and
# "messagesof"), for the qmail module, which recognises qmail by its text rather than a header.
QMAIL: tuple[str, Table] = ("qmail", (
    ("mailaddress is administrativ", Reason.SUSPEND),  # "administrativley disabled" (sic), 5.2.1
    ("the message exeeded the maximum size the user accepts", Reason.EXCEEDLIMIT),  # (sic), 5.2.3
    ("requested action not taken: mailbox unavailable (not enough free space)", Reason.SYSTEMFULL),
    ("automatic homedir creator crashed", Reason.SYSTEMERROR),
    ("illegal value in ldap attribute", Reason.SYSTEMERROR),
    ("ldap attribute is not given but mandatory", Reason.SYSTEMERROR),
    ("timeout while performing search on ldap server", Reason.SYSTEMERROR),
    ("too many results returned but needs to be unique", Reason.SYSTEMERROR),
    ("error while executing qmail-forward", Reason.SYSTEMERROR),
    ("temporary error in automatic homedir creation", Reason.SYSTEMERROR),
    ("temporary failure in ldap lookup", Reason.SYSTEMERROR),
    ("unable to contact ldap server", Reason.SYSTEMERROR),
    ("unable to login into ldap server, bad credentials", Reason.SYSTEMERROR),
))


# Exim's own messages (its sources, as Sisimai lhost/via-exim.go lists them): read only when no
# remote server answered (no "SMTP error from remote mail server after <command>"), since then the
# text is Exim's finding, not a quoted reply.
EXIM: tuple[str, Table] = ("exim", (
    ("user not found", Reason.USERUNKNOWN),
    ("all host address lookups failed permanently", Reason.HOSTUNKNOWN),
    ("all relevant mx records point to non-existent hosts", Reason.HOSTUNKNOWN),
    ("unrouteable address", Reason.HOSTUNKNOWN),
    ("mailbox is full", Reason.MAILBOXFULL),
    ("error: quota exceed", Reason.MAILBOXFULL),
    ("an mx or srv record indicated no smtp service", Reason.NOTACCEPT),
    ("no host found for existing smtp connection", Reason.NOTACCEPT),
    ("angle-brackets nested too deep", Reason.SYNTAXERROR),
    ('expected word or "<"', Reason.SYNTAXERROR),
    ("domain missing in source-routed address", Reason.SYNTAXERROR),
    ("malformed address:", Reason.SYNTAXERROR),
    ("delivery to file forbidden", Reason.SYSTEMERROR),
    ("delivery to pipe forbidden", Reason.SYSTEMERROR),
    ("local delivery failed", Reason.SYSTEMERROR),
    ("lmtp error after ", Reason.SYSTEMERROR),
    ('too many "received" headers', Reason.CONTENTERROR),
))


# OpenSMTPD's own failure strings (smtpd/mta.c, as Sisimai lhost/via-opensmtpd.go lists them).
OPENSMTPD: tuple[str, Table] = ("opensmtpd", (
    ("envelope expired", Reason.EXPIRED),
    ("invalid domain name", Reason.HOSTUNKNOWN),
    ("domain does not exist", Reason.HOSTUNKNOWN),
    ("destination seem to reject all mails", Reason.NOTACCEPT),
    ("address family mismatch on destination mxs", Reason.NETWORKERROR),
    ("all routes to destination blocked", Reason.NETWORKERROR),
    ("bad dns lookup error code", Reason.NETWORKERROR),
    ("could not retrieve source address", Reason.NETWORKERROR),
    ("loop detected", Reason.NETWORKERROR),
    ("network error on destination mxs", Reason.NETWORKERROR),
    ("no mx found for domain", Reason.NETWORKERROR),
    ("no mx found for destination", Reason.NETWORKERROR),
    ("no valid route to remote mx", Reason.NETWORKERROR),
    ("no valid route to destination", Reason.NETWORKERROR),
    ("temporary failure in mx lookup", Reason.NETWORKERROR),
    ("could not retrieve credentials", Reason.SECURITYERROR),
))


def table(headers: Headers) -> tuple[str, Table] | None:
    """The name and phrase table of the MTA that signed these headers, or None."""
    for name, signed, phrases in _REPORTERS:
        if signed(headers):
            return name, phrases
    return None


def stated(found: tuple[str, Table] | None, text: str) -> tuple[Reason | None, str]:
    """The reason the signing MTA's own words in `text` state, and the rule's name; (None, "")."""
    if found is None or not text:
        return None, ""
    lowered = text.lower()
    name, phrases = found
    for phrase, reason in phrases:
        if phrase in lowered:
            return reason, f"reporter:{name}:{reason.value}"
    return None, ""
