"""What a reporting MTA's own sentences mean, per MTA: the reason tables of the MTAs that write their
bounces in fixed words of their own. Pure.

The parser says who reported (Bounce.reporter: an MTA signed by its headers, or recognised by its
text: qmail, Exim, OpenSMTPD); these tables say what that MTA's words mean. Sisimai reads them per
MTA (the `messagesof` / `refailures` tables of its lhost modules), not as generic phrases, because
the same words from another server may mean something else. A reporter that is also a receiving
provider (AOL, MessageLabs) has its rows in streams/classify/rhosts/ only: its module serves the
bounces it signs (rhosts.first's `reporter`).

A row matches when its phrase occurs in the normalised diagnostic (match.normalise); the first
row of the reporter's table wins. Rows are named "reporter:<mta>:<phrase, as a slug>".

CODES holds the other kind of statement: a name the parser gives to what the reporter said
outside the diagnostic (Bounce.reporter_code): a webhook's failure type (SES, Postmark, SendGrid,
Mailgun) or a text layout's own verdict (Exim, au/KDDI, fml). The parser says which statement it
found; this module says what reason it means. The kinds of message a format is (a complaint
report, an auto-reply, a delivery report) stay the parsers' reason hints.
"""
from __future__ import annotations

import re

from streams.classify.match import Row
from streams.model import Reason as R

_SLUG = re.compile(r"[^a-z0-9]+")


def _rows(reporter: str, *items: tuple[R, str]) -> tuple[Row, ...]:
    return tuple(Row(reason, f"reporter:{reporter}:{_SLUG.sub('-', phrase).strip('-')[:48] or reason.value}", phrase)
                 for reason, phrase in items)


TABLES: dict[str, tuple[Row, ...]] = {
    # Sisimai lhost/via-exchange2007.go: Exchange 2007's own NDR codes, on an NDR that is not Office 365's.
    # (RESOLVER.ADR.ExRecipNotFound is read by rhosts/microsoft, whose markers take any RESOLVER code.)
    "exchange2007": _rows(
        "exchange2007",
        (R.USERUNKNOWN, "resolver.adr.recipnotfound"),
        (R.TOOMANYCONN, "resolver.adr.reciplimit"),
        (R.SYSTEMERROR, "resolver.adr.badprimary"),
        (R.SYSTEMERROR, "resolver.adr.invalidinsmtp"),
        (R.SYSTEMERROR, "resolver.adr.ambiguous"),
        (R.SECURITYERROR, "resolver.rst.authrequired"),
        (R.REJECTED, "resolver.rst.notauthorized"),
        (R.MESGTOOBIG, "resolver.rst.recipsizelimit"),
        (R.HOSTUNKNOWN, "smtpsend.dns.nonexistentdomain"),
        (R.NETWORKERROR, "smtpsend.dns.mxloopback"),
        (R.EXPIRED, "queue.expired"),
    ),
    # Exchange 2000/2003 and IMS 5.5 text NDRs: the hexadecimal code in parentheses is Exchange's own
    # error (Sisimai lhost/via-exchange2003.go, from Exchange's NDR documentation).
    "exchange2003": _rows(
        "exchange2003",
        (R.USERUNKNOWN, "(000c05a6)"),  # Unknown Recipient
        (R.FILTERED, "(000c0595)"),  # Ambiguous Recipient
        (R.SYSTEMERROR, "(00010256)"),  # Too many recipients
        (R.SYSTEMERROR, "(000d06b5)"),  # No proxy for recipient
        (R.NETWORKERROR, "(00120270)"),  # Too many hops
        (R.CONTENTERROR, "(00050311)"),  # Conversion to Internet format failed
        (R.CONTENTERROR, "(000502cc)"),  # Conversion to Internet format failed
        (R.SECURITYERROR, "(000b0981)"),  # 502 Server does not support AUTH
    ),
    # Ipswitch IMail's labels of its own findings, "<label>: <address>" (Sisimai lhost/via-imailserver.go).
    "imailserver": _rows(
        "imailserver",
        (R.USERUNKNOWN, "unknown user"),
        (R.USERUNKNOWN, "invalid final delivery userid"),
        (R.MAILBOXFULL, "user mailbox exceeds allowed size"),
        (R.HOSTUNKNOWN, "unknown host"),
        (R.EXPIRED, "delivery failed "),  # "Delivery failed 20 attempts: user@example.net"
    ),
    # Verizon Wireless's picture-message gateway (vzwpix.com), in its own words (Sisimai lhost/via-verizon.go).
    "verizon": _rows(
        "verizon",
        (R.USERUNKNOWN, "no valid recipients for this mm"),
    ),
    # Sisimai lhost/via-domino.go: Lotus Domino's directory look-ups, in its languages.
    "domino": _rows(
        "domino",
        (R.USERUNKNOWN, "not listed in domino directory"),
        (R.USERUNKNOWN, "not listed in public name & address book"),
        (R.USERUNKNOWN, "non répertorié dans l'annuaire domino"),
        (R.USERUNKNOWN, "domino ディレクトリには見つかりません"),
        (R.FILTERED, "cannot route mail to user"),
        (R.SYSTEMERROR, "several matches found in domino directory"),
    ),
    # Sisimai lhost/via-notes.go: Lotus Notes.
    "notes": _rows(
        "notes",
        (R.USERUNKNOWN, "user not listed in public name & address book"),
        (R.NETWORKERROR, "message has exceeded maximum hop count"),
    ),
    # Sisimai lhost/via-courier.go: Courier's own DNS findings.
    "courier": _rows(
        "courier",
        (R.HOSTUNKNOWN, "no such domain."),
        (R.SYSTEMERROR, "this domain's dns violates rfc 1035."),
        (R.NETWORKERROR, "dns lookup failed."),
    ),
    # Sisimai lhost/via-messagingserver.go: Oracle (Sun) Messaging Server.
    "messagingserver": _rows(
        "messagingserver",
        (R.HOSTUNKNOWN, "illegal host/domain name found"),
    ),
    # Sisimai lhost/via-googleworkspace.go: Google's outbound relay on the recipient's domain.
    "googleworkspace": _rows(
        "googleworkspace",
        (R.USERUNKNOWN, "because the address couldn't be found. check for typos"),
        (R.NOTACCEPT, "null mx"),
        (R.NETWORKERROR, " had no relevant answers."),
        (R.NETWORKERROR, " responded with code nxdomain"),
    ),
    # qmail-ldap's own sentences (Sisimai lhost/via-qmail.go and via-x4.go, "failonldap" and "messagesof").
    "qmail": _rows(
        "qmail",
        (R.SUSPEND, "mailaddress is administrativ"),  # "administrativley disabled" (sic), 5.2.1
        (R.EXCEEDLIMIT, "the message exeeded the maximum size the user accepts"),  # (sic), 5.2.3
        (R.SYSTEMFULL, "requested action not taken: mailbox unavailable (not enough free space)"),
        (R.SYSTEMERROR, "automatic homedir creator crashed"),
        (R.SYSTEMERROR, "illegal value in ldap attribute"),
        (R.SYSTEMERROR, "ldap attribute is not given but mandatory"),
        (R.SYSTEMERROR, "timeout while performing search on ldap server"),
        (R.SYSTEMERROR, "too many results returned but needs to be unique"),
        (R.SYSTEMERROR, "error while executing qmail-forward"),
        (R.SYSTEMERROR, "temporary error in automatic homedir creation"),
        (R.SYSTEMERROR, "temporary failure in ldap lookup"),
        (R.SYSTEMERROR, "unable to contact ldap server"),
        (R.SYSTEMERROR, "unable to login into ldap server, bad credentials"),
    ),
    # Exim's own messages (its sources, as Sisimai lhost/via-exim.go lists them); read only when no
    # remote server answered (_OWN_WORDS_ONLY), since then the text is Exim's finding, not a quoted reply.
    "exim": _rows(
        "exim",
        (R.USERUNKNOWN, "user not found"),
        (R.HOSTUNKNOWN, "all host address lookups failed permanently"),
        (R.HOSTUNKNOWN, "all relevant mx records point to non-existent hosts"),
        (R.HOSTUNKNOWN, "unrouteable address"),
        (R.MAILBOXFULL, "mailbox is full"),
        (R.MAILBOXFULL, "error: quota exceed"),
        (R.NOTACCEPT, "an mx or srv record indicated no smtp service"),
        (R.NOTACCEPT, "no host found for existing smtp connection"),
        (R.SYNTAXERROR, "angle-brackets nested too deep"),
        (R.SYNTAXERROR, 'expected word or "<"'),
        (R.SYNTAXERROR, "domain missing in source-routed address"),
        (R.SYNTAXERROR, "malformed address:"),
        (R.SYSTEMERROR, "delivery to file forbidden"),
        (R.SYSTEMERROR, "delivery to pipe forbidden"),
        (R.SYSTEMERROR, "local delivery failed"),
        (R.SYSTEMERROR, "lmtp error after "),
        (R.CONTENTERROR, 'too many "received" headers'),
    ),
    # OpenSMTPD's own failure strings (smtpd/mta.c, as Sisimai lhost/via-opensmtpd.go lists them).
    "opensmtpd": _rows(
        "opensmtpd",
        (R.EXPIRED, "envelope expired"),
        (R.HOSTUNKNOWN, "invalid domain name"),
        (R.HOSTUNKNOWN, "domain does not exist"),
        (R.NOTACCEPT, "destination seem to reject all mails"),
        (R.NETWORKERROR, "address family mismatch on destination mxs"),
        (R.NETWORKERROR, "all routes to destination blocked"),
        (R.NETWORKERROR, "bad dns lookup error code"),
        (R.NETWORKERROR, "could not retrieve source address"),
        (R.NETWORKERROR, "loop detected"),
        (R.NETWORKERROR, "network error on destination mxs"),
        (R.NETWORKERROR, "no mx found for domain"),
        (R.NETWORKERROR, "no mx found for destination"),
        (R.NETWORKERROR, "no valid route to remote mx"),
        (R.NETWORKERROR, "no valid route to destination"),
        (R.NETWORKERROR, "temporary failure in mx lookup"),
        (R.SECURITYERROR, "could not retrieve credentials"),
    ),
}

# The types providers' webhooks give a failure (Bounce.reporter_code, as the parsers in
# streams/bounces/vendors/ write them), where the type states the reason. Types not listed (SES
# "Permanent/General", Postmark "HardBounce", a SendGrid bounce, Mailgun "generic", ...) leave
# the reason to the server's text. Rows are named "reporter:<provider>:<code>".
CODES: dict[str, dict[str, R]] = {
    # What a text bounce's layout states, as its parser names it (streams/bounces/formats/).
    # Exim (Sisimai lhost/via-exim.go): "recipient addresses that were incorrectly constructed", a
    # pipe's failure (the local mailer's), Zoho's "Host not reachable" after its retries (via-zoho.go).
    "exim": {
        "malformed-address": R.SYNTAXERROR,
        "pipe-failed": R.MAILERERROR,
        "zoho-host-not-reachable": R.EXPIRED,
    },
    # au by KDDI's own verdicts (Sisimai lhost/via-ezweb.go).
    "ezweb": {
        "account-disabled": R.SUSPEND,
        "not-delivered-within": R.EXPIRED,
    },
    # fml's refusals (Sisimai lhost/via-fml.go): a post from a non-member, a loop or duplicate, a security alert.
    "fml": {
        "not-member": R.REJECTED,
        "loop": R.SYSTEMERROR,
        "security-alert": R.SECURITYERROR,
    },
    # Amazon SES notification contents (docs.aws.amazon.com/ses, "bounceType"/"bounceSubType", "delayType").
    "ses": {
        "bounce:Permanent/NoEmail": R.USERUNKNOWN,
        "bounce:Permanent/Suppressed": R.USERUNKNOWN,
        "bounce:Permanent/OnAccountSuppressionList": R.USERUNKNOWN,
        "bounce:Transient/MailboxFull": R.MAILBOXFULL,
        "bounce:Transient/MessageTooLarge": R.MESGTOOBIG,
        "delay:MailboxFull": R.MAILBOXFULL,
        "delay:SpamDetected": R.SPAMDETECTED,
        "delay:IPFailure": R.BLOCKED,
    },
    # Postmark's bounce types (postmarkapp.com/developer, "Bounce types").
    "postmark": {
        "SpamComplaint": R.FEEDBACK,
        "AutoResponder": R.VACATION,
        "AddressChange": R.HASMOVED,
        "BadEmailAddress": R.USERUNKNOWN,
        "DnsError": R.NETWORKERROR,
        "SpamNotification": R.SPAMDETECTED,
        "VirusNotification": R.VIRUSDETECTED,
        "ChallengeVerification": R.FILTERED,
        "Blocked": R.BLOCKED,
        "DMARCPolicy": R.AUTHFAILURE,
        "Unconfirmed": R.REJECTED,
        "TemplateRenderingFailed": R.CONTENTERROR,
    },
    # SendGrid's documented `reason` values of a dropped event (Event Webhook Reference).
    "sendgrid": {
        "dropped:bounced address": R.USERUNKNOWN,
        "dropped:invalid": R.USERUNKNOWN,
        "dropped:spam reporting address": R.FEEDBACK,
        "dropped:spam content": R.SPAMDETECTED,
    },
    # Mailgun's `reason` of a failed event (Event Types): not sent because of an earlier bounce or
    # complaint, or retried until too old.
    "mailgun": {
        "failed:suppress-bounce": R.USERUNKNOWN,
        "failed:suppress-complaint": R.FEEDBACK,
        "failed:old": R.EXPIRED,
    },
}


def coded(reporter: str, code: str) -> Row | None:
    """The row of a provider's own failure type, or None when the type does not state a reason."""
    reason = CODES.get(reporter, {}).get(code) if code else None
    return Row(reason, f"reporter:{reporter}:{code}", code) if reason is not None else None


# Reporters whose own words are read only when no remote server answered (no failed SMTP command).
_OWN_WORDS_ONLY = frozenset({"exim"})


def first(reporter: str, command: str, text: str) -> Row | None:
    """The first row of `reporter`'s table whose phrase occurs in `text` (normalised), or None."""
    rows = TABLES.get(reporter)
    if rows is None or (command and reporter in _OWN_WORDS_ONLY):
        return None
    for row in rows:
        if row.pattern in text:
            return row
    return None
