"""The mixed load of the throughput benchmark: raw bounces and engagement events, as JSON lines.

`lines(events, contacts, seed)` (and `messages(...)`, the same load as one sequence, with the start,
pace and jitter of event time as parameters) is pure and deterministic: the same arguments give the same bytes.
Of `events` messages, 70% are engagement events (schemas/engagement.schema.json), 25% raw bounces
with an SMTP reply (format "smtp") and 5% raw bounces carrying an RFC 3464 delivery status
notification (format "dsn"); each share is exact up to rounding, and the three kinds are mixed in a
seeded random order.

- Contacts: `contacts` addresses (default events / 10) spread over a few tenants. Four in five are
  active and get all the engagement; the rest are dormant and only bounce, so some of them reach the
  default policy's consecutive-bounce limit (3 counted bounces) and others are unsubscribed by a hard
  bounce: replaying the load gives commands.
- Replies: hard (user unknown), soft (mailbox full, disabled, timeouts) and block (blocklists,
  DMARC, rate limits) replies in the wording real MTAs use; block replies neither count nor reset.
- Time: message i happens at START_MS + i * step_ms plus up to JITTER_MS of jitter, so each topic is
  in event-time order up to a minute (less than the job's default allowed lateness of 3 minutes).
- Ids: "e<i>" and "b<i>" (i the message's place in the whole load), unique in a run and the same in
  every run; every bounce has its own message id, so no two are retries of one message.

`produce(bootstrap, topic, lines)` sends lines to a topic keyed by each message's `id`, with the
job's own producer configuration (streams.kafkaio: the Java client's murmur2 partitioner).
"""
from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from email.utils import format_datetime
from datetime import UTC, datetime

import orjson

from streams import kafkaio, settings
from streams.commands.produce import key_of
from streams.timefmt import format_ms

START_MS = 1_788_220_800_000  # 2026-09-01T00:00:00Z: in the past, so an idle job's watermark passes it
STEP_MS = 1_000
JITTER_MS = 60_000
TENANTS = ("acme", "globex", "initech", "umbrella")
DOMAINS = ("example.com", "example.net", "example.org", "mail.example")
SHARES = (("engagement", 0.70), ("smtp", 0.25), ("dsn", 0.05))
DORMANT_EVERY = 5  # one contact in five never engages
ENGAGEMENT_TYPES = ("open", "open", "open", "click", "click", "reply")

# (weight, reply): {a} is the recipient's address.
SMTP_REPLIES: tuple[tuple[int, str], ...] = (
    (4, "550 5.1.1 <{a}>: Recipient address rejected: no mailbox by that name here"),
    (2, "550 5.1.1 <{a}>: this address has no mailbox"),
    (1, "550 5.1.10 RESOLVER.ADR.RecipientNotFound; no such recipient at this organisation"),
    (10, "452 4.2.2 Mailbox full"),
    (8, "552 5.2.2 <{a}>: Mailbox full"),
    (6, "452 4.2.2 <{a}>: mailbox over its storage quota"),
    (4, "450 4.2.1 <{a}>: Mailbox temporarily disabled"),
    (4, "421 4.4.2 mx.{d} Error: timeout exceeded"),
    (6, "421 4.7.0 [TS04] Messages from 192.0.2.25 temporarily deferred due to unexpected volume or user "
        "complaints"),
    (5, "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org"),
    (3, "550 5.7.1 Message rejected due to DMARC policy of the sending domain"),
    (3, "421 4.7.0 mx.{d}: too many connections from your IP, slow down"),
)
# (weight, Status, Diagnostic-Code) of the DSN bounces.
DSN_FAILURES: tuple[tuple[int, str, str], ...] = (
    (3, "5.1.1", "550 5.1.1 <{a}>... User unknown"),
    (5, "5.2.2", "552 5.2.2 <{a}>: mailbox is full (quota exceeded)"),
    (2, "5.7.1", "554 5.7.1 Rejected: sending host listed at bl.spamcop.net"),
)

DSN_TEMPLATE = """\
From: Mail Delivery Subsystem <mailer-daemon@{mta}>
To: bounces@{tenant}.sender.example
Subject: Delivery Status Notification (Failure)
Date: {date}
Message-ID: <dsn.{id}@{mta}>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="=_{id}"

--=_{id}
Content-Type: text/plain; charset=us-ascii

The message you sent could not be delivered to this recipient:

  <{a}>
  {diagnostic}

--=_{id}
Content-Type: message/delivery-status

Reporting-MTA: dns; {mta}
Arrival-Date: {date}

Final-Recipient: rfc822; {a}
Action: failed
Status: {status}
Remote-MTA: dns; mx.{d}
Diagnostic-Code: smtp; {diagnostic}

--=_{id}
Content-Type: text/rfc822-headers

From: Newsletter <news@{tenant}.sender.example>
To: <{a}>
Subject: What is new this month
Message-ID: {message_id}

--=_{id}--
"""


def default_contacts(events: int) -> int:
    return max(1, events // 10)


def kinds(events: int, rng: random.Random) -> list[str]:
    """The kind of each message: exact shares (rounded), in a random order."""
    counts = {kind: round(events * share) for kind, share in SHARES[1:]}
    counts["engagement"] = events - sum(counts.values())
    order = [kind for kind, _share in SHARES for _ in range(counts[kind])]
    rng.shuffle(order)
    return order


def address(contact: int) -> tuple[str, str]:
    """(tenant, address) of contact number `contact`."""
    tenant = TENANTS[contact % len(TENANTS)]
    return tenant, f"user{contact:07d}@{DOMAINS[contact // len(TENANTS) % len(DOMAINS)]}"


def pick_contact(kind: str, contacts: int, rng: random.Random) -> int:
    """Engagement goes to active contacts only; bounces to any contact."""
    if kind != "engagement" or contacts < DORMANT_EVERY:
        return rng.randrange(contacts)
    while (contact := rng.randrange(contacts)) % DORMANT_EVERY == 0:
        pass
    return contact


def _weighted(rows: tuple, rng: random.Random) -> tuple:
    return rng.choices(rows, weights=[row[0] for row in rows])[0]


def engagement(i: int, at_ms: int, contact: int, rng: random.Random) -> dict:
    tenant, addr = address(contact)
    return {"id": f"e{i:07d}", "tenant": tenant, "recipient": addr, "type": rng.choice(ENGAGEMENT_TYPES),
            "occurred_at": format_ms(at_ms), "contact_id": f"c{contact}"}


def _bounce(i: int, at_ms: int, contact: int, kind: str, payload: str) -> dict:
    tenant, addr = address(contact)
    return {"id": f"b{i:07d}", "tenant": tenant, "received_at": format_ms(at_ms), "format": kind,
            "payload": payload, "recipient": addr, "contact_id": f"c{contact}"}


def message_id(i: int, tenant: str) -> str:
    return f"<m{i:07d}@{tenant}.sender.example>"


def smtp_bounce(i: int, at_ms: int, contact: int, rng: random.Random) -> dict:
    tenant, addr = address(contact)
    reply = _weighted(SMTP_REPLIES, rng)[1].format(a=addr, d=addr.split("@")[1])
    return {**_bounce(i, at_ms, contact, "smtp", reply), "message_id": message_id(i, tenant)}


def dsn_message(i: int, at_ms: int, contact: int, rng: random.Random) -> str:
    tenant, addr = address(contact)
    _weight, status, diagnostic = _weighted(DSN_FAILURES, rng)
    date = format_datetime(datetime.fromtimestamp(at_ms / 1000, UTC))
    return DSN_TEMPLATE.format(mta=f"mta{i % 3 + 1}.sender.example", tenant=tenant, date=date, id=f"b{i:07d}",
                               a=addr, d=addr.split("@")[1], status=status,
                               diagnostic=diagnostic.format(a=addr), message_id=message_id(i, tenant))


def dsn_bounce(i: int, at_ms: int, contact: int, rng: random.Random) -> dict:
    return _bounce(i, at_ms, contact, "dsn", dsn_message(i, at_ms, contact, rng))


_MAKERS = {"engagement": engagement, "smtp": smtp_bounce, "dsn": dsn_bounce}


def messages(events: int = 300_000, contacts: int | None = None, seed: int = 1, *, start_ms: int = START_MS,
             step_ms: float = STEP_MS, jitter_ms: int = JITTER_MS) -> Iterator[tuple[str, bytes]]:
    """(topic role, line) of each message of the load, message i at start_ms + i * step_ms plus up to
    jitter_ms."""
    rng = random.Random(seed)
    contacts = contacts or default_contacts(events)
    for i, kind in enumerate(kinds(events, rng)):
        at_ms = start_ms + int(i * step_ms) + (rng.randrange(jitter_ms) if jitter_ms else 0)
        doc = _MAKERS[kind](i, at_ms, pick_contact(kind, contacts, rng), rng)
        yield ("engagement" if kind == "engagement" else "bounces"), orjson.dumps(doc)


def lines(events: int = 300_000, contacts: int | None = None, seed: int = 1,
          step_ms: float = STEP_MS) -> tuple[list[bytes], list[bytes]]:
    """(bounce lines, engagement lines) of the load, each list in event-time order up to the jitter."""
    split: dict[str, list[bytes]] = {"bounces": [], "engagement": []}
    for role, line in messages(events, contacts, seed, step_ms=step_ms):
        split[role].append(line)
    return split["bounces"], split["engagement"]


def produce(bootstrap: str, topic: str, values: Iterable[bytes], timeout: float = 120.0) -> int:
    """Send `values` to `topic` keyed by each message's id; the number sent. Raises if any was not delivered."""
    producer = kafkaio.producer(settings.load({"KAFKA_BOOTSTRAP_SERVERS": bootstrap}))
    failures: list[str] = []

    def delivered(error, _message) -> None:
        if error is not None:
            failures.append(str(error))

    sent = 0
    for value in values:
        send(producer, topic, value, key_of(value), delivered)
        sent += 1
    unsent = producer.flush(timeout)
    if failures or unsent:
        raise RuntimeError(f"{len(failures) + unsent} of {sent} messages not delivered to {topic}: "
                           f"{failures[0] if failures else 'flush timed out'}")
    return sent


def send(producer, topic: str, value: bytes, key: bytes | None, delivered=None) -> None:
    """producer.produce, waiting for room when the local queue is full."""
    while True:
        try:
            producer.produce(topic, value, key, on_delivery=delivered)
            return
        except BufferError:  # the local queue is full: serve delivery reports, then try again
            producer.poll(0.5)
