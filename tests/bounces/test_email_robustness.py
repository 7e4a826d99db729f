"""parse_email on hostile input: only ParseError escapes, and the work grows no faster than the input."""
from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.bounces import message
from streams.bounces.formats import parse_email
from streams.model import ParseError

from tests.bounces.formats.emailvectors import VECTORS

SEEDS = [p.read_bytes() for p in sorted(VECTORS.glob("*.eml"))]
HEADER_LINES = st.sampled_from([
    b"Content-Type: multipart/report; report-type=delivery-status; boundary=b",
    b"Content-Type: multipart/mixed; boundary=\"", b"Content-Type: text/plain; charset=klingon",
    b"Content-Transfer-Encoding: base64", b"Content-Transfer-Encoding: quoted-printable",
    b"Subject: =?utf-8?B?////?= =?x?Q?=ZZ?=", b"From: <@>", b"\tcontinued", b"--b", b"--b--",
    b"Final-Recipient: rfc822;", b"Status: 9.9.9.9", b"Diagnostic-Code: smtp; 550-", b"Action: failed",
    b"Content-Type: message/rfc822", b"Content-Type: message/delivery-status", b"",
])


def _call(payload: bytes | str) -> None:
    try:
        rows = parse_email(payload)
    except ParseError:
        return
    # Every row names its recipient, except a complaint whose report redacts it (RFC 6650).
    assert rows and all(row.recipient or row.feedback_type for row in rows)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=3000))
def test_binary_junk(data):
    _call(data)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.one_of(HEADER_LINES, st.binary(max_size=80)), max_size=60), st.sampled_from([b"\n", b"\r\n"]))
def test_malformed_mime_built_from_mime_fragments(lines, newline):
    _call(newline.join(lines))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.sampled_from(SEEDS), st.integers(min_value=0, max_value=4000), st.binary(max_size=40))
def test_truncated_or_corrupted_vectors(seed, cut, junk):
    _call(seed[:cut] + junk + seed[cut + len(junk):])
    _call(seed[:cut].decode("latin-1"))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_any_text(text):
    _call(text)


def test_non_text_payload_is_a_parse_error():
    for payload in (None, 42, {"a": 1}):
        try:
            parse_email(payload)  # type: ignore[arg-type]
        except ParseError:
            continue
        raise AssertionError(f"{payload!r} was accepted")


def _cost(payload: bytes) -> float:
    """Best of three timings: a ratio between two sizes, not a wall-clock limit."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        _call(payload)
        best = min(best, time.perf_counter() - start)
    return best


def _scaling(build) -> float:
    return _cost(build(8)) / max(_cost(build(1)), 1e-6)


def test_a_10_mb_body_costs_no_more_than_the_capped_read():
    head = SEEDS[0]
    huge = head + b"\n" + b"A" * (10 * 1024 * 1024)
    _call(huge)
    # Past MAX_BYTES nothing is read: 10 MB and 2 MB bodies cost about the same.
    assert _cost(huge) < 3 * _cost(head + b"\n" + b"A" * (2 * message.MAX_BYTES)) + 0.05


def test_pathological_lines_cost_grows_at_most_linearly():
    def long_header(n):
        return b"Subject: " + b"=?" * (20_000 * n) + b"\n\nbody"

    def many_continuations(n):
        return b"Subject: x\n" + b" \t=?utf-8?q?a?=\n" * (5000 * n) + b"\nbody"

    def many_boundaries(n):
        return b"Content-Type: multipart/mixed; boundary=b\n\n" + b"--b\n--c\n" * (5000 * n)

    def at_signs(n):
        return b"Subject: Undelivered\n\n" + b"550 @@" * (20_000 * n)

    for build in (long_header, many_continuations, many_boundaries, at_signs):
        # 8x the input: a linear reader costs ~8x, a quadratic one ~64x.
        assert _scaling(build) < 24, build.__name__
