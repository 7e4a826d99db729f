"""Receiving-provider rules added from Sisimai 4.25's Rhost/*.pm (Cox, ExchangeOnline, FrancePTT, GoDaddy,
GoogleApps, IUA, Mimecast, Spectrum, TencentQQ): each row a short reply written for the test, the remote
host that gave it, and the reason it must give."""
from __future__ import annotations

import pytest

from streams.classify import classify, rhosts
from streams.model import Bounce
from streams.model import Reason as R

GMAIL = "gmail-smtp-in.l.google.com"
EXO = "example-org.mail.protection.outlook.com"
GODADDY = "p3plibsmtp01.prod.phx3.secureserver.net"
MIMECAST = "eu-smtp-inbound-1.mimecast.com"
QQ = "mx3.qq.com"

# (id, reply text, status, remote host, expected reason)
RHOST_ROWS: tuple[tuple[str, str, str, str, R], ...] = (
    # Google
    ("google-try-again", "421 4.7.0 Try again later, closing connection. - gsmtp", "", GMAIL, R.BLOCKED),
    ("google-helo", "501 5.5.4 HELO/EHLO argument is invalid. - gsmtp", "", GMAIL, R.BLOCKED),
    ("google-ip-not-authorized", "550 5.7.1 The IP you're using to send mail is not authorized to send email "
     "directly to our servers. - gsmtp", "", GMAIL, R.BLOCKED),
    ("google-malformed", "554 5.6.0 Mail message is malformed. Not accepted. - gsmtp", "", GMAIL, R.CONTENTERROR),
    ("google-timeout", "451 4.4.2 Timeout - closing connection. - gsmtp", "", GMAIL, R.EXPIRED),
    ("google-policy", "550 5.7.1 The user or domain that you are sending to (or from) has a policy that "
     "prohibited the mail that you sent. - gsmtp", "", GMAIL, R.POLICYVIOLATION),
    ("google-sending-denied", "550 5.7.0 Mail sending denied. - gsmtp", "", GMAIL, R.REJECTED),
    ("google-app-password", "535 5.7.1 Application-specific password required. - gsmtp", "", GMAIL,
     R.SECURITYERROR),
    ("google-password", "535 5.7.1 Username and Password not accepted. - gsmtp", "", GMAIL, R.SECURITYERROR),
    ("google-relay-credentials", "550 5.7.1 Invalid credentials for relay [192.0.2.1]. - gsmtp", "", GMAIL,
     R.SECURITYERROR),
    ("google-protocol", "451 4.5.0 SMTP protocol violation, visit RFC 2821. - gsmtp", "", GMAIL, R.SYNTAXERROR),
    ("google-unrecognized", "502 5.5.1 Unrecognized command. - gsmtp", "", GMAIL, R.SYNTAXERROR),
    ("google-mail-first", "503 5.5.1 MAIL first. - gsmtp", "", GMAIL, R.SYNTAXERROR),
    ("google-system-problem", "421 4.3.0 Temporary System Problem. Try again later. - gsmtp", "", GMAIL,
     R.SYSTEMERROR),
    ("google-server-busy", "421 4.4.5 Server busy, try again later. - gsmtp", "", GMAIL, R.SYSTEMERROR),
    ("google-multiple-domains", "451 4.3.0 Multiple destination domains per transaction is unsupported. - gsmtp",
     "", GMAIL, R.TOOMANYCONN),
    ("google-relay-limit", "550 5.4.5 Daily SMTP relay limit exceeded for user. - gsmtp", "", GMAIL,
     R.TOOMANYCONN),
    ("google-no-domain", "553 5.1.2 We weren't able to find the recipient domain. - gsmtp", "", GMAIL,
     R.HOSTUNKNOWN),
    # Exchange Online
    ("exo-try-again", "451 4.7.500 Access denied, please try again later.", "", EXO, R.BLOCKED),
    ("exo-bad-helo", "550 5.7.506 Access denied, Bad HELO", "", EXO, R.BLOCKED),
    ("exo-rejected-by-recipient", "550 5.7.507 Access denied, rejected by recipient", "", EXO, R.BLOCKED),
    ("exo-ipv6", "550 5.7.510 Access denied, example.org does not accept email over IPv6", "", EXO, R.BLOCKED),
    ("exo-customer-block-list", "550 5.7.513 Service unavailable, Client host [192.0.2.1] blocked by "
     "example.org using Customer Block list", "", EXO, R.BLOCKED),
    ("exo-spam-abuse", "550 5.7.501 Access denied, spam abuse detected", "", EXO, R.REJECTED),
    ("exo-not-authenticated", "550 5.7.136 RESOLVER.RST.SenderNotAuthenticated; sender was not authenticated",
     "", EXO, R.REJECTED),
    ("exo-allowed-senders", "550 5.7.124 Sender not in allowed-senders list", "", EXO, R.REJECTED),
    ("exo-sender-denied", "550 5.1.0 Sender denied", "", EXO, R.REJECTED),
    ("exo-rfc5322", "550 5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant", "", EXO,
     R.NOTCOMPLIANTRFC),
    ("exo-banned-recipient", "550 5.7.505 Access denied, banned recipient", "", EXO, R.SUSPEND),
    ("exo-5.7.504", "550 5.7.504 Recipient address rejected: Access denied", "", EXO, R.SUSPEND),
    ("exo-cannot-access", "550 5.2.1 Mailbox cannot be accessed", "", EXO, R.SUSPEND),
    ("exo-recip-size", "552 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient", "", EXO,
     R.EXCEEDLIMIT),
    ("exo-invalid-recipient", "550 5.1.3 STOREDRV.Submit; invalid recipient address", "", EXO, R.USERUNKNOWN),
    ("exo-as345", "550 5.0.350 Requested action not taken: policy violation detected (AS345)", "", EXO,
     R.POLICYVIOLATION),
    ("exo-invalid-characters", "550 5.6.11 SMTPSEND.BareLinefeedsAreIllegal; message contains invalid "
     "characters", "", EXO, R.CONTENTERROR),
    ("exo-anonymous", "530 5.7.57 Client not authenticated to send mail. Error: 535 5.7.3 Client was not "
     "authenticated to send anonymous mail during MAIL FROM", "", EXO, R.SECURITYERROR),
    ("exo-starttls", "451 4.7.321 starttls-not-supported: Destination mail server must support TLS to receive "
     "mail.", "", EXO, R.FAILEDSTARTTLS),
    ("exo-dane", "550 5.7.323 tlsa-invalid: The domain failed DANE validation", "", EXO, R.SECURITYERROR),
    ("exo-quarantine", "550 5.2.1 Content Filter agent quarantined this message", "", EXO, R.SPAMDETECTED),
    ("exo-hello", "503 5.5.2 Send hello first", "", EXO, R.SYNTAXERROR),
    ("exo-replication", "451 4.4.24 Message failed to be replicated: insufficient system resource: disk",
     "", EXO, R.SYSTEMERROR),
    ("exo-resources", "452 4.3.1 Insufficient system resources", "", EXO, R.SYSTEMFULL),
    ("exo-thread-limit", "432 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded", "", EXO, R.TOOMANYCONN),
    ("exo-submission-quota", "554 5.2.2 mailbox full; STOREDRV.Submission.Exception:"
     "SubmissionQuotaExceededException; Failed to process message due to a permanent exception with message: "
     "submission quota exceeded", "", EXO, R.TOOMANYCONN),
    ("exo-tenant-threshold", "550 5.7.705 Access denied, tenant has exceeded threshold", "", EXO, R.TOOMANYCONN),
    # GoDaddy
    ("godaddy-ib103", "554 p3plibsmtp01 bizsmtp Connection refused. This IP has a poor reputation on Cloudmark "
     "Sender Intelligence (CSI). IB103", "", GODADDY, R.BADREPUTATION),
    ("godaddy-ib104", "554 p3plibsmtp01 bizsmtp Connection refused. This IP is listed on the Spamhaus Block "
     "List (SBL). IB104", "", GODADDY, R.BLOCKED),
    ("godaddy-ib108", "421 p3plibsmtp01 bizsmtp Temporarily rejected. Reverse DNS for this IP failed. IB108",
     "", GODADDY, R.REQUIREPTR),
    ("godaddy-ib504", "550 p3plibsmtp01 bizsmtp This IP has sent too many messages this hour. IB504", "", GODADDY,
     R.TOOMANYCONN),
    ("godaddy-ib705", "552 p3plibsmtp01 bizsmtp Virus infected message rejected. IB705", "", GODADDY,
     R.VIRUSDETECTED),
    ("godaddy-storage", "552 5.2.2 Account storage limit", "", GODADDY, R.MAILBOXFULL),
    ("godaddy-disabled", "550 5.2.1 Account disabled", "", GODADDY, R.SUSPEND),
    # I.UA
    ("iua-2", "550 Message was not accepted -- http://mail.i.ua/err/2/", "", "mx.email.ua", R.USERUNKNOWN),
    ("iua-3", "550 Message was not accepted -- http://mail.i.ua/err/3/", "", "mx.email.ua", R.SUSPEND),
    ("iua-9", "550 Message was not accepted -- http://mail.i.ua/err/9/", "", "mx.email.ua", R.BLOCKED),
    # Spectrum
    ("spectrum-1000", "554 5.7.1 Your IP address 192.0.2.1 has been blocked AUP#In-1000", "",
     "mx.charter.net", R.BLOCKED),
    ("spectrum-1310", "421 4.7.0 Too many concurrent connections AUP#In-1310", "", "mx.charter.net",
     R.TOOMANYCONN),
    ("spectrum-1530", "552 5.3.4 Message is too large AUP#Out-1530", "", "mx.charter.net", R.MESGTOOBIG),
    # Cox (a Cox code is not read as Spectrum's though both say AUP#)
    ("cox-ipbl1000", "554 5.7.1 192.0.2.1 rejected - AUP#IPBL1000", "", "mx.cox.net", R.BLOCKED),
    ("cox-urlbl1001", "554 5.7.1 rejected - AUP#URLBL1001", "", "mx.cox.net", R.SPAMDETECTED),
    ("cox-greeting", "554 ESMTP no data before greeting", "", "mx.cox.net", R.POLICYVIOLATION),
    ("cox-attachment", "552 attachment extension is forbidden", "", "mx.cox.net", R.POLICYVIOLATION),
    ("cox-try-again", "451 requested action aborted: try again later", "", "mx.cox.net", R.TOOMANYCONN),
    # Orange: the hyphenated label and code 418
    ("orange-hyphen", "550 5.7.1 Mail from not owned by user LPN007-421", "", "", R.REJECTED),
    ("orange-418", "550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_418", "", "",
     R.USERUNKNOWN),
    # Mimecast
    ("mimecast-sender-blocked", "421 Sender address blocked - https://community.mimecast.com/docs/DOC-1369#421",
     "", MIMECAST, R.BLOCKED),
    ("mimecast-reputation", "550 Local CT IP Reputation - (reject) https://community.mimecast.com/", "",
     MIMECAST, R.BADREPUTATION),
    ("mimecast-dmarc", "550 DMARC Sender Invalid - envelope rejected", "", MIMECAST, R.AUTHFAILURE),
    ("mimecast-size", "554 Maximum email size exceeded", "", MIMECAST, R.MESGTOOBIG),
    ("mimecast-open-relay", "451 Open relay not allowed", "", MIMECAST, R.NORELAYING),
    ("mimecast-anti-spoofing", "550 Anti-Spoofing policy - Inbound not allowed", "", MIMECAST, R.POLICYVIOLATION),
    ("mimecast-host-network", "554 Host network not allowed", "", MIMECAST, R.POLICYVIOLATION),
    ("mimecast-header-from", "550 Rejected by header-based Blocked Senders - Block policy for Header From", "",
     MIMECAST, R.REJECTED),
    ("mimecast-auth", "535 Incorrect authentication data", "", MIMECAST, R.SECURITYERROR),
    ("mimecast-tls", "553 This route requires encryption (TLS)", "", MIMECAST, R.FAILEDSTARTTLS),
    ("mimecast-process", "451 Unable to process connection at this time", "", MIMECAST, R.SYSTEMERROR),
    ("mimecast-thread-limit", "550 Exceeding outbound thread limit", "", MIMECAST, R.TOOMANYCONN),
    ("mimecast-virus", "554 Email rejected due to security policies - https://community.mimecast.com/", "",
     MIMECAST, R.VIRUSDETECTED),
    ("mimecast-invalid-recipient", "550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550",
     "", MIMECAST, R.USERUNKNOWN),
    # Tencent QQ
    ("qq-spam-ip", "550 Suspected spam ip, please try later", "", QQ, R.BLOCKED),
    ("qq-dmarc", "550 DMARC check failed", "", QQ, R.AUTHFAILURE),
    ("qq-rejected-by-recipients", "550 Mail is rejected by recipients", "", QQ, R.FILTERED),
    ("qq-spam-embedded", "550 Spam is embedded in the email", "", QQ, R.SPAMDETECTED),
    ("qq-syntax", "501 Bad address syntax", "", QQ, R.SYNTAXERROR),
    ("qq-connection-denied", "550 Connection denied", "", QQ, R.TOOMANYCONN),
    ("qq-unavailable", "550 Mailbox unavailable or access denied", "", QQ, R.TOOMANYCONN),
    ("qq-too-large", "552 Message too large", "", QQ, R.MESGTOOBIG),
)


@pytest.mark.parametrize(("text", "status", "host", "expected"), [r[1:] for r in RHOST_ROWS],
                         ids=[r[0] for r in RHOST_ROWS])
def test_provider_reply(text, status, host, expected):
    verdict = classify(Bounce("a@example.org", status=status, diagnostic=text, remote_host=host))
    assert verdict.reason is expected, verdict.rule_id
    assert verdict.rule_id.startswith("rhost:"), verdict.rule_id


def test_a_disabled_mailbox_elsewhere_is_not_a_qq_rate_limit():
    # Sisimai's Suspend wording; only QQ means a frequency limit by it
    verdict = classify(Bounce("a@example.org", diagnostic="550 Mailbox unavailable or access denied"))
    assert verdict.reason is R.SUSPEND


def test_an_unknown_recipient_of_a_5xx_is_permanent_at_exchange_online():
    verdict = classify(Bounce("a@example.org", diagnostic="550 5.4.1 Recipient address rejected: Access denied. "
                              "AS(201806281)", remote_host=EXO))
    assert verdict.reason is R.USERUNKNOWN


def test_every_provider_module_has_the_interface():
    for provider in rhosts.PROVIDERS:
        assert isinstance(provider.NAME, str) and provider.NAME
        assert all(isinstance(h, str) for h in provider.HOSTS)
        assert all(m == m.lower() for m in provider.MARKERS)
        assert provider.first("", frozenset()) is None
