"""Gmail and Google Workspace replies: https://support.google.com/a/answer/3726730 (SMTP errors)."""
from __future__ import annotations

from streams.classify.match import Table
from streams.classify.rhosts._rows import rows
from streams.model import Reason as R

NAME = "google"
HOSTS = ("google.com", "googlemail.com", "gmail.com", "aspmx.l.google.com")
MARKERS = ("gsmtp", "support.google.com/mail", "support.google.com/a/")

RULES = Table(rows(
    NAME,
    # 550 5.1.1 The email account that you tried to reach does not exist.
    (R.USERUNKNOWN, "account-does-not-exist", "account that you tried to reach does not exist"),
    # 550 5.2.1 The email account that you tried to reach is disabled.
    (R.SUSPEND, "account-disabled", "account that you tried to reach is disabled"),
    # 550 5.2.1 The email account that you tried to reach is inactive.
    (R.SUSPEND, "account-inactive", "account that you tried to reach is inactive"),
    # 550 5.2.1 The user you are trying to contact is receiving mail at a rate that prevents ...
    (R.SPEEDING, "receiving-too-fast", "receiving mail at a rate that prevents"),
    # 452 4.2.2 / 552 5.2.2 The email account that you tried to reach is over quota.
    (R.MAILBOXFULL, "over-quota", "is over quota"),
    # 452 4.2.2 The recipient's inbox is out of storage space.
    (R.MAILBOXFULL, "out-of-storage", "inbox is out of storage space"),
    # 552 5.3.4 Your message exceeded Google's message size limits.
    # (552 5.2.3 with the same words: the status names which limit, classify lets it decide)
    (R.MESGTOOBIG, "message-size", "exceeded google's message size limits"),
    (R.MESGTOOBIG, "message-size-limit-of", "exceeds google's message size limit of"),
    # 552 5.3.4 The number of attachments / the size of a header exceeds Google's limit (Sisimai: exceedlimit)
    (R.EXCEEDLIMIT, "attachments-limit", "exceeds google's limit of"),
    (R.EXCEEDLIMIT, "header-size-limit", "message header size limit"),
    (R.EXCEEDLIMIT, "individual-header-size", "bytes per individual header size"),
    (R.EXCEEDLIMIT, "header-name-limit", "exceeds google's header name limit of"),
    # 550 5.7.26 Unauthenticated email from x is not accepted due to domain's DMARC policy.
    (R.AUTHFAILURE, "dmarc", "due to domain's dmarc policy"),
    # 550 5.7.26 This message does not have authentication information or fails to pass
    # authentication checks (SPF or DKIM).
    (R.AUTHFAILURE, "authentication-checks", "fails to pass authentication checks"),
    (R.AUTHFAILURE, "spf-hard-fail", "spf record with a hard fail"),
    (R.AUTHFAILURE, "authenticate-spf-dkim", "senders to authenticate with"),
    (R.AUTHFAILURE, "suspicious-spf", "the spf record of the sending domain"),
    # 421 4.7.27 / 4.7.30 ... senders to authenticate their email with SPF / DKIM; 421 4.7.32 From:
    # not aligned with the authenticated SPF or DKIM domain; 421 4.7.40 add a DMARC record
    (R.AUTHFAILURE, "authenticate-their-email", "senders to authenticate their email with"),
    (R.AUTHFAILURE, "not-aligned", "aligned with either the authenticated spf or dkim"),
    (R.AUTHFAILURE, "dmarc-record", "to add a dmarc record to "),
    # 550 5.7.25 The IP address sending this message does not have a PTR record setup.
    (R.REQUIREPTR, "ptr", "does not have a ptr record"),
    # 550 5.7.25 The sending IP does not match the IP address of the hostname specified in the PTR record
    (R.REQUIREPTR, "ptr-mismatch", "does not match the ip address of the hostname"),
    # 421 4.7.0 / 550 5.7.1 ... very low reputation of the sending IP address/domain.
    (R.BADREPUTATION, "low-reputation", "very low reputation"),
    # 421 4.7.28 / 550 5.7.1 Our system has detected an unusual rate of unsolicited mail.
    (R.BLOCKED, "unusual-rate", "unusual rate of"),
    # 421 4.7.0 IP not in whitelist for RCPT domain, closing connection.
    (R.BLOCKED, "not-in-whitelist", "ip not in whitelist"),
    # 550 5.7.1 This message is not RFC 5322 compliant.
    (R.NOTCOMPLIANTRFC, "rfc5322", "not rfc 5322 compliant"),
    # 550 5.7.1 ... likely unsolicited mail / spam.
    (R.SPAMDETECTED, "unsolicited", "likely unsolicited mail"),
    # 421 4.7.0 This message is suspicious due to the nature of the content or the links within.
    (R.SPAMDETECTED, "content-or-links", "due to the nature of the content or the links within"),
    # 552 5.7.0 This message was blocked because its content presents a potential security issue:
    # an attachment policy (Sisimai rhost/for-google.go: policyviolation, as phrases.py reads it)
    (R.POLICYVIOLATION, "security-issue", "content presents a potential security issue"),
    # 421 4.7.28 ... exceeded its quota for sending messages with the same Message-ID:
    (R.POLICYVIOLATION, "same-message-id", "sending messages with the same message-id"),
    # 550 5.7.1 Messages missing a valid address in the From: header / a valid Message-ID: header;
    # a unicode character in a disallowed header; encoded-word syntax is not permitted
    (R.NOTCOMPLIANTRFC, "from-header", "missing a valid address in the from: header"),
    (R.NOTCOMPLIANTRFC, "message-id-header", "missing a valid message-id: header"),
    (R.NOTCOMPLIANTRFC, "unicode-header", "contains a unicode character in a disallowed header"),
    (R.NOTCOMPLIANTRFC, "encoded-word", "encoded-word syntax is not permitted"),
    # 450 4.2.1 The user you are trying to contact is receiving mail too quickly; 550 5.7.1 This mail
    # has been rate limited (the SMTP relay's limits stay TOOMANYCONN below, as Sisimai 4's GoogleApps)
    (R.SPEEDING, "receiving-too-quickly", "is receiving mail too quickly"),
    (R.SPEEDING, "mail-rate-limited", "this mail has been rate limited"),
    # 421 4.7.0 Connection expired, try reconnecting.
    (R.EXPIRED, "connection-expired", "connection expired"),
    # 554 5.4.6 Message exceeded 50 hops, this may indicate a mail loop.
    (R.NETWORKERROR, "hops", "message exceeded 50 hops"),
    # 550 5.7.0 Mail relay denied (Workspace SMTP relay service)
    (R.NORELAYING, "mail-relay-denied", "mail relay denied"),
    # 454 4.7.0 Too many login attempts; 534 5.7.14 Please log in through your web browser
    (R.SECURITYERROR, "login-attempts", "too many login attempts"),
    (R.SECURITYERROR, "web-browser-through", "please log in through your web browser"),
    # 501 5.5.4 Empty HELO/EHLO argument not allowed
    (R.BLOCKED, "helo-empty", "empty helo/ehlo argument not allowed"),
    # 530 5.7.0 Must issue a STARTTLS command first. / 421 4.7.0 TLS required for RCPT domain.
    (R.FAILEDSTARTTLS, "starttls", "must issue a starttls command first"),
    (R.FAILEDSTARTTLS, "tls-required", "tls required for rcpt domain"),
    # The rows below: Google's replies as collected by Sisimai (Rhost/GoogleApps.pm)
    # 421 4.7.0 Try again later, closing connection. (the sending host is refused for now)
    (R.BLOCKED, "try-again-later", "try again later, closing connection"),
    # 501 5.5.4 HELO/EHLO argument is invalid
    (R.BLOCKED, "helo-invalid", "helo/ehlo argument is invalid"),
    # 550 5.7.1 The IP you're using to send mail is not authorized to send email directly to our servers.
    (R.BLOCKED, "ip-not-authorized", "not authorized to send email directly to our servers"),
    # 554 5.6.0 Mail message is malformed. Not accepted.
    (R.CONTENTERROR, "malformed", "mail message is malformed"),
    # 451 4.4.2 Timeout - closing connection.
    (R.EXPIRED, "timeout", "timeout - closing connection"),
    # 550 5.7.1 The user or domain that you are sending to (or from) has a policy that prohibited the mail
    (R.POLICYVIOLATION, "policy-prohibited", "has a policy that prohibited"),
    # 550 5.7.0 Mail sending denied. (the sending account)
    (R.REJECTED, "sending-denied", "mail sending denied"),
    # 535 5.7.1 Application-specific password required / Username and Password not accepted /
    # Please log in with your web browser; 550 5.7.1 Invalid credentials for relay; 501 5.5.2 Cannot Decode
    # response: our own submission to Google was refused
    (R.SECURITYERROR, "app-password", "application-specific password required"),
    (R.SECURITYERROR, "password-not-accepted", "username and password not accepted"),
    (R.SECURITYERROR, "web-browser", "please log in with your web browser"),
    (R.SECURITYERROR, "relay-credentials", "invalid credentials for relay"),
    (R.SECURITYERROR, "cannot-decode", "cannot decode response"),
    # 4xx/5xx 5.5.x protocol errors of the client
    (R.SYNTAXERROR, "protocol-violation", "smtp protocol violation"),
    (R.SYNTAXERROR, "starttls-repeated", "starttls may not be repeated"),
    (R.SYNTAXERROR, "unrecognized-commands", "too many unrecognized commands"),
    (R.SYNTAXERROR, "unimplemented-command", "unimplemented command"),
    (R.SYNTAXERROR, "unrecognized-command", "unrecognized command"),
    (R.SYNTAXERROR, "ehlo-first", "ehlo/helo first"),
    (R.SYNTAXERROR, "no-data-after-bdat", "no data after bdat"),
    (R.SYNTAXERROR, "optional-argument", "optional argument not permitted"),
    (R.SYNTAXERROR, "xoauth", "xoauth is no longer supported"),
    (R.SYNTAXERROR, "mail-first", "503 5.5.1 mail first"),
    (R.SYNTAXERROR, "rcpt-first", "503 5.5.1 rcpt first"),
    (R.SYNTAXERROR, "identity-changes", "no identity changes permitted"),
    (R.SYNTAXERROR, "auth-type", "unrecognized authentication type"),
    (R.SYNTAXERROR, "unauthenticated-commands", "too many unauthenticated commands"),
    # 421 4.3.0 / 4.7.0 Temporary System Problem; 421 4.4.5 Server busy; 451 4.3.0 Mail server temporarily
    # rejected message; 452 4.5.3 Domain policy size per transaction exceeded
    (R.SYSTEMERROR, "temporary-system-problem", "temporary system problem"),
    (R.SYSTEMERROR, "server-busy", "server busy"),
    (R.SYSTEMERROR, "temporarily-rejected", "mail server temporarily rejected message"),
    (R.SYSTEMERROR, "has-temporarily-rejected", "mail server has temporarily rejected this message"),
    (R.SYSTEMERROR, "policy-size", "domain policy size per transaction exceeded"),
    # 451 4.3.0 Multiple destination domains per transaction is unsupported; relay limits of a customer
    (R.TOOMANYCONN, "multiple-domains", "multiple destination domains per transaction"),
    (R.TOOMANYCONN, "relay-limit", "smtp relay limit exceeded"),
    # 553 5.1.2 We weren't able to find the recipient domain. (Sisimai: userunknown; it is the domain)
    (R.HOSTUNKNOWN, "no-recipient-domain", "able to find the recipient domain"),
))
first = RULES.first
