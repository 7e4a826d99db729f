"""Speed on message shapes the dev corpus rarely holds: ours against Sisimai, per shape, side by side.

The dev corpus is mostly small bounces; real mail also brings returned originals with large bodies
and attachments, many MIME parts, long header blocks, 8-bit and ISO-2022 charsets, quoted-printable
and very long lines. This bench writes synthetic bounces of such shapes (deterministic, in our own
words) to a temporary folder in the corpus layout (CASE/message.eml + CASE/expected.json), then
times both classifiers on each shape with bench/classifier.py's own functions (the same timing,
the same scorer) and reports per shape: size, µs per message and per kB for each side, and the
ratio ours / Sisimai. A µs-per-kB figure that grows with the size exposes a non-linear path.

    .venv/bin/python bench/shapes.py [--scales 0.1,1] [--repeat N] [--rounds R] [--only NAME,...]
                                     [--keep DIR] [--json]

Each shape is generated at every scale (1 = the size named in its description). Rounds are
interleaved (ours, Sisimai, ours, ... per shape) and each side's median round is reported.
"""
from __future__ import annotations

import argparse
import base64
import binascii
import random
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

import classifier  # noqa: E402  (bench/classifier.py: its run_ours / run_sisimai / scorer)

SENDER = "news@shop.example.com"
RCPT = "gone.user@mail.example.net"
MX = "mx1.mail.example.net"


def _words(rng: random.Random, count: int) -> str:
    vocab = ("order", "invoice", "weekly", "offer", "garden", "shipping", "account", "update", "spring",
             "catalogue", "reply", "member", "delivery", "summer", "voucher", "newsletter", "price", "list")
    return " ".join(rng.choice(vocab) for _ in range(count))


def _prose(rng: random.Random, size: int, width: int = 72) -> str:
    """About `size` characters of ASCII text in lines of about `width` characters."""
    out, total = [], 0
    while total < size:
        line = _words(rng, max(1, width // 7))[:width]
        out.append(line)
        total += len(line) + 1
    return "\n".join(out)


def _base64_lines(data: bytes) -> str:
    return "\n".join(base64.encodebytes(data).decode("ascii").splitlines())


def _original_headers(subject: str = "Our spring catalogue", extra: str = "") -> str:
    return (f"Return-Path: <{SENDER}>\nReceived: from app1.shop.example.com (app1 [192.0.2.10])\n"
            f"\tby relay.shop.example.com with ESMTP id 4Qx1; Tue, 3 Nov 2026 10:20:30 +0000\n"
            f"From: Shop <{SENDER}>\nTo: <{RCPT}>\nSubject: {subject}\n"
            f"Date: Tue, 3 Nov 2026 10:20:29 +0000\nMessage-ID: <cat-2026-11.{RCPT}@shop.example.com>\n"
            f"MIME-Version: 1.0\n{extra}")


def _dsn(original: str, *, top_headers: str = "", explanation: str = "", original_type: str = "message/rfc822") -> str:
    """An RFC 3464 report: explanation, delivery-status (5.1.1 at RCPT), then the returned original."""
    explanation = explanation or (
        "Your message could not be handed to one or more recipients.\n"
        "The receiving server said the mailbox does not exist; it will not be retried.\n")
    return (
        f"Return-Path: <>\n{top_headers}From: Mail Delivery System <MAILER-DAEMON@relay.shop.example.com>\n"
        f"To: <{SENDER}>\nSubject: Undelivered Mail Returned to Sender\nDate: Tue, 3 Nov 2026 10:20:33 +0000\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="=_report_7d"\n\n'
        "This is a MIME-encapsulated delivery report.\n\n"
        "--=_report_7d\nContent-Type: text/plain; charset=us-ascii\n\n"
        f"{explanation}\n"
        "--=_report_7d\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; relay.shop.example.com\nArrival-Date: Tue, 3 Nov 2026 10:20:30 +0000\n\n"
        f"Final-Recipient: rfc822; {RCPT}\nOriginal-Recipient: rfc822;{RCPT}\nAction: failed\nStatus: 5.1.1\n"
        f"Remote-MTA: dns; {MX}\n"
        f"Diagnostic-Code: smtp; 550 5.1.1 <{RCPT}>: Recipient address rejected: no mailbox by that name\n\n"
        f"--=_report_7d\nContent-Type: {original_type}\n\n{original}\n--=_report_7d--\n"
    )


def _plain_bounce(body_after: str, *, charset_header: str = "", report: str = "") -> str:
    """A non-MIME text bounce from a mailer-daemon: a short report, then the quoted original."""
    report = report or (
        "Hello, this is the mail relay at relay.shop.example.com.\n\n"
        "Your message could not be delivered to one of its recipients. The remote server answered:\n\n"
        f"<{RCPT}>: host {MX}[198.51.100.7] said: 550 5.1.1 <{RCPT}>: mailbox unknown\n"
        "    (in reply to RCPT TO command)\n\n")
    return (f"Return-Path: <>\nFrom: MAILER-DAEMON@relay.shop.example.com (Mail Delivery System)\n"
            f"To: {SENDER}\nSubject: Returned mail: delivery failed\nDate: Tue, 3 Nov 2026 10:20:33 +0000\n"
            f"{charset_header}\n{report}------ This is a copy of the message, including all the headers. ------\n\n"
            f"{body_after}")


def dsn_base64_attachment(scale: float) -> str:
    rng = random.Random(1)
    attachment = _base64_lines(rng.randbytes(int(200_000 * scale)))
    original = (_original_headers(extra='Content-Type: multipart/mixed; boundary="=_orig_1"\n')
                + "\n--=_orig_1\nContent-Type: text/plain; charset=utf-8\n\nPlease find the catalogue attached.\n"
                + "--=_orig_1\nContent-Type: application/pdf; name=catalogue.pdf\n"
                + "Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=catalogue.pdf\n\n"
                + attachment + "\n--=_orig_1--\n")
    return _dsn(original)


def dsn_quoted_printable(scale: float) -> str:
    rng = random.Random(2)
    body = _prose(rng, int(100_000 * scale), width=110).replace(" order ", " order\u00e9 ")
    qp = binascii.b2a_qp(body.encode("utf-8")).decode("ascii")
    original = (_original_headers(extra="Content-Type: text/plain; charset=utf-8\n"
                                        "Content-Transfer-Encoding: quoted-printable\n") + "\n" + qp)
    return _dsn(original)


def dsn_html_original(scale: float) -> str:
    rng = random.Random(3)
    cells = []
    size = 0
    while size < 100_000 * scale:
        cell = f'<tr><td style="padding:4px;color:#333">{_words(rng, 6)}</td><td><a href="https://shop.example.com/p/{size}">more</a></td></tr>'
        cells.append(cell)
        size += len(cell) + 1
    html = "<html><body><table>\n" + "\n".join(cells) + "\n</table></body></html>"
    original = (_original_headers(extra="Content-Type: text/html; charset=utf-8\n") + "\n" + html)
    return _dsn(original)


def dsn_many_parts(scale: float) -> str:
    count = max(2, int(50 * scale))
    parts = "".join(f"--=_orig_2\nContent-Type: text/plain; charset=us-ascii; name=note{n}.txt\n"
                    f"Content-Disposition: attachment; filename=note{n}.txt\n\nNote number {n} of the order.\n"
                    for n in range(count))
    original = (_original_headers(extra='Content-Type: multipart/mixed; boundary="=_orig_2"\n') + "\n"
                + parts + "--=_orig_2--\n")
    return _dsn(original)


def dsn_long_header_block(scale: float) -> str:
    lines = []
    for n in range(int(2000 * scale) // 2):
        lines.append(f"Received: from hop{n}.relay.example.org (hop{n}.relay.example.org [203.0.113.{n % 250}])\n"
                     f"\tby hop{n + 1}.relay.example.org with ESMTP id {n:08x}; Tue, 3 Nov 2026 10:20:30 +0000\n")
    return _dsn(_original_headers() + "\nHello.\n", top_headers="".join(lines))


def html_only_bounce(scale: float) -> str:
    """An Exchange-style report in HTML only (no text/plain part), then the original with a large body."""
    rng = random.Random(4)
    filler = "".join(f"<p>{_words(rng, 10)}</p>\n" for _ in range(int(100_000 * scale) // 80))
    report = (f"<html><body><p><b>Your message to {RCPT} could not be delivered.</b></p>\n"
              f"<p>{RCPT} wasn't found at mail.example.net.</p>\n"
              f"<p>Remote server returned '550 5.1.1 &lt;{RCPT}&gt;: recipient not found'</p>\n</body></html>\n")
    return (f"From: postmaster@mail.example.net\nTo: {SENDER}\nSubject: Undeliverable: Our spring catalogue\n"
            "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"=_ex_1\"\n\n"
            "--=_ex_1\nContent-Type: text/html; charset=utf-8\n\n" + report
            + "--=_ex_1\nContent-Type: message/rfc822\n\n"
            + _original_headers(extra="Content-Type: text/html; charset=utf-8\n") + "\n<html><body>\n"
            + filler + "</body></html>\n--=_ex_1--\n")


def plain_quoted_original(scale: float) -> str:
    rng = random.Random(5)
    return _plain_bounce(_original_headers() + "\n" + _prose(rng, int(100_000 * scale)) + "\n")


def plain_long_lines(scale: float) -> str:
    """A text bounce whose returned original has lines of 2,000 characters (1 MB at scale 1)."""
    rng = random.Random(6)
    rows = [_prose(rng, 2000, width=2000) for _ in range(max(1, int(500 * scale)))]
    return _plain_bounce(_original_headers() + "\n" + "\n".join(rows) + "\n")


def single_line_5mb(scale: float) -> str:
    rng = random.Random(7)
    return _plain_bounce(_original_headers() + "\n" + _prose(rng, int(5_000_000 * scale)).replace("\n", " ") + "\n")


def iso_2022_jp(scale: float) -> str:
    """A Japanese plain-text bounce in ISO-2022-JP, its quoted original Japanese too (30 kB at scale 1)."""
    sentence = "お客様のメールは宛先のメールボックスが見つからないため配信できませんでした。"
    report = (f"{sentence}\n\n<{RCPT}>: host {MX}[198.51.100.7] said: 550 5.1.1 <{RCPT}>: mailbox unknown\n"
              "    (in reply to RCPT TO command)\n\n")
    original = _original_headers() + "\n" + "\n".join(sentence for _ in range(int(30_000 * scale) // 80)) + "\n"
    text = _plain_bounce(original, charset_header="MIME-Version: 1.0\nContent-Type: text/plain; charset=iso-2022-jp\n",
                         report=report)
    return text.encode("iso2022_jp").decode("latin-1")


def _eight_bit(codec: str, label: str, seed: int, scale: float) -> str:
    sentence = {"shift_jis": "宛先のメールボックスが存在しません。", "gb2312": "收件人邮箱不存在，邮件无法投递。"}[codec]
    rng = random.Random(seed)
    report = (f"{sentence}\n\n<{RCPT}>: host {MX}[198.51.100.7] said: 550 5.1.1 <{RCPT}>: mailbox unknown\n"
              "    (in reply to RCPT TO command)\n\n")
    body = "\n".join(f"{sentence} {_words(rng, 4)}" for _ in range(int(30_000 * scale) // 60))
    text = _plain_bounce(_original_headers() + "\n" + body + "\n",
                         charset_header=f"MIME-Version: 1.0\nContent-Type: text/plain; charset={label}\n"
                                        "Content-Transfer-Encoding: 8bit\n", report=report)
    return text.encode(codec).decode("latin-1")


def shift_jis(scale: float) -> str:
    return _eight_bit("shift_jis", "shift_jis", 8, scale)


def gb2312(scale: float) -> str:
    return _eight_bit("gb2312", "gb2312", 9, scale)


def small_dsn(scale: float) -> str:
    """The dev corpus's common case, for reference: a small DSN with the original's headers only."""
    return _dsn(_original_headers(), original_type="text/rfc822-headers")


@dataclass(frozen=True)
class Shape:
    name: str
    describe: str  # at scale 1
    build: Callable[[float], str]  # scale -> the message, one character per byte (latin-1)
    reason: str = "userunknown"
    status: str = "5.1.1"
    scaled: bool = True  # False: the same message at every scale (generated once)


SHAPES: tuple[Shape, ...] = (
    Shape("small-dsn", "a 2 kB DSN, original's headers only (the dev corpus's common case)", small_dsn,
          scaled=False),
    Shape("dsn-base64-attachment", "DSN whose message/rfc822 carries a 200 kB base64 attachment",
          dsn_base64_attachment),
    Shape("dsn-quoted-printable", "DSN whose original has a 100 kB quoted-printable body", dsn_quoted_printable),
    Shape("dsn-html-original", "DSN whose original is 100 kB of HTML", dsn_html_original),
    Shape("dsn-50-parts", "DSN whose original has 50 MIME parts", dsn_many_parts),
    Shape("dsn-2000-header-lines", "DSN with a 2,000-line header block (Received hops)", dsn_long_header_block),
    Shape("html-only-report", "HTML-only report (no text/plain), original with a 100 kB HTML body", html_only_bounce),
    Shape("plain-quoted-original", "plain-text bounce, 100 kB quoted original", plain_quoted_original),
    Shape("plain-long-lines", "plain-text bounce, original of 500 lines of 2,000 characters", plain_long_lines),
    Shape("plain-single-line-5mb", "plain-text bounce, original body one 5 MB line", single_line_5mb),
    Shape("iso-2022-jp", "Japanese plain-text bounce in ISO-2022-JP, 30 kB", iso_2022_jp),
    Shape("shift_jis-8bit", "Japanese plain-text bounce in Shift_JIS (8-bit), 30 kB", shift_jis),
    Shape("gb2312-8bit", "Chinese plain-text bounce in GB2312 (8-bit), 30 kB", gb2312),
)


def expected(shape: Shape) -> dict:
    row = {"index": 1, "recipient": RCPT, "status": shape.status, "replycode": "550", "reason": shape.reason,
           "hardbounce": shape.reason == "userunknown", "status_is_sisimai_pseudo": False,
           "recipient_alternates": []}
    return {**row, "recipients": [row], "recipient_derivation": {"confidence": "high", "method": "synthetic"},
            "source": "bench/shapes.py (synthetic)"}


WARM_UP = "0-warm-up"  # the first case of every folder Sisimai reads: it loads its modules on its first message


def _case(corpus: Path, name: str, shape: Shape, message: str) -> Path:
    case = corpus / name
    case.mkdir(parents=True, exist_ok=True)
    (case / "message.eml").write_bytes(message.replace("\n", "\r\n").encode("latin-1"))
    (case / "expected.json").write_bytes(orjson.dumps(expected(shape), option=orjson.OPT_INDENT_2))
    return case


def write(root: Path, shapes: list[Shape], scales: list[float], budget: int) -> list[tuple[Shape, float, Path, int]]:
    """One corpus folder per (shape, scale) under `root`: the warm-up case, then copies of the shape's
    message, as many as parse about `budget` bytes per round (at least one); also `root/WARM_UP`
    with the warm-up case alone. Returns (shape, scale, folder, bytes of one message) per folder.

    Sisimai's first message in a process costs ~50 ms of module loading, and the peer reports one
    total per folder in whole milliseconds: a shape's time is its folder's total less the warm-up
    folder's (same round), over enough copies that the difference is well above that noise.
    """
    warm_up = SHAPES[0].build(1.0)
    _case(root / WARM_UP, WARM_UP, SHAPES[0], warm_up)
    out = []
    for shape in shapes:
        for scale in scales if shape.scaled else [1.0]:
            corpus = root / f"{shape.name}@{scale:g}"
            _case(corpus, WARM_UP, SHAPES[0], warm_up)
            message = shape.build(scale)
            for copy in range(max(1, min(MAX_COPIES, budget // len(message)))):
                _case(corpus, f"{shape.name}-{copy:03d}", shape, message)
            out.append((shape, scale, corpus, (corpus / f"{shape.name}-000" / "message.eml").stat().st_size))
    return out


MAX_COPIES = 100


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="0.1,1", help="sizes to generate each shape at (1 = as described)")
    parser.add_argument("--repeat", type=int, default=5, help="parse each message this many times per round")
    parser.add_argument("--budget", type=int, default=2_000_000,
                        help="bytes per shape and round: copies of a small message are made up to it (default 2 MB)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds; the median round is reported")
    parser.add_argument("--only", default="", help="comma-separated shape names (default: all)")
    parser.add_argument("--no-sisimai", action="store_true", help="time ours only")
    parser.add_argument("--keep", type=Path, help="write the messages here and keep them (default: a temp folder)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args(argv)
    scales = [float(s) for s in args.scales.split(",") if s.strip()]
    wanted = {n.strip() for n in args.only.split(",") if n.strip()}
    unknown = wanted - {s.name for s in SHAPES}
    if unknown:
        print(f"shapes: unknown shape(s) {', '.join(sorted(unknown))}; known: {', '.join(s.name for s in SHAPES)}",
              file=sys.stderr)
        return 2
    shapes = [s for s in SHAPES if not wanted or s.name in wanted]
    policy = classifier.load_policy("shapes", None)
    if policy is None:
        return 2
    missing = "not asked for (--no-sisimai)" if args.no_sisimai else classifier.sisimai_missing()
    with tempfile.TemporaryDirectory(prefix="bench-shapes-") as tmp:
        root = args.keep or Path(tmp)
        made = write(root, shapes, scales, args.budget)
        results = []
        ours_times: dict[Path, list] = {corpus: [] for _, _, corpus, _ in made}
        peer_times: dict[Path, list] = {corpus: [] for _, _, corpus, _ in made}
        version = ""
        for _shape, _scale, corpus, _size in made:  # warm-up: imports, regex compilation, caches
            classifier.run_ours(_shape_case(corpus), 1, policy)
        for _ in range(max(1, args.rounds)):
            base = None
            if not missing:
                base, version = classifier.run_sisimai(root / WARM_UP, classifier.case_folders(root / WARM_UP),
                                                       args.repeat)
            for _shape, _scale, corpus, _size in made:
                ours_times[corpus].append(classifier.run_ours(_shape_case(corpus), args.repeat, policy))
                if base is not None:
                    report, version = classifier.run_sisimai(corpus, _shape_case(corpus), args.repeat)
                    # This folder's total less the warm-up folder's: the shape's own messages.
                    report.seconds = max(report.seconds - base.seconds, 1e-9)
                    report.messages = report.messages - base.messages
                    peer_times[corpus].append(report)
        for shape, scale, corpus, size in made:
            ours = classifier.median_round(ours_times[corpus])
            peer = classifier.median_round(peer_times[corpus]) if peer_times[corpus] else None
            results.append(_row(shape, scale, size, ours, peer))
    if args.json:
        sys.stdout.buffer.write(orjson.dumps({"repeat": args.repeat, "rounds": args.rounds, "scales": scales,
                                              "sisimai_version": version, "sisimai_missing": missing,
                                              "shapes": results}) + b"\n")
        return 0
    print(f"each message parsed {args.repeat}x per round (copies up to {args.budget} bytes per shape), "
          f"{args.rounds} interleaved rounds (median round shown); "
          f"Sisimai {version or 'NOT RUN: ' + missing}")
    print(f"{'shape':<24}{'scale':>6}{'kB':>8}  {'ours µs':>9}{'µs/kB':>8}  {'sisimai µs':>10}{'µs/kB':>8}"
          f"{'ratio':>7}  agree (ours / sisimai: reason, recipient)")
    for r in results:
        peer = (f"{r['sisimai_us']:>10.0f}{r['sisimai_us_per_kb']:>8.1f}{r['ratio']:>6.2f}x"
                if r["sisimai_us"] is not None else f"{'-':>10}{'-':>8}{'-':>7}")
        print(f"{r['shape']:<24}{r['scale']:>6g}{r['kb']:>8.1f}  {r['ours_us']:>9.0f}{r['ours_us_per_kb']:>8.1f}  "
              f"{peer}  {r['ours_agree']} / {r['sisimai_agree']}")
    ratios = [r["ratio"] for r in results if r["ratio"]]
    if ratios:
        print(f"ratio ours / Sisimai: median over shapes {statistics.median(ratios):.2f}x, "
              f"lowest {min(ratios):.2f}x ({min(results, key=lambda r: r['ratio'] or 1e9)['shape']})")
    return 0


def _shape_case(corpus: Path) -> list[Path]:
    return [case for case in classifier.case_folders(corpus) if case.name != WARM_UP]


def _agree(report) -> str:
    if report is None:
        return "-"
    if report.errors:
        return "error"
    return f"{'ok' if report.reason.ratio == 1 else 'reason-miss'},{'ok' if report.recipient.ratio == 1 else 'rcpt-miss'}"


def _row(shape: Shape, scale: float, size: int, ours, peer) -> dict:
    kb = size / 1024
    ours_us = 1e6 / ours.per_second if ours.per_second else 0.0
    peer_us = 1e6 / peer.per_second if peer and peer.per_second else None
    return {"shape": shape.name, "describe": shape.describe, "scale": scale, "bytes": size, "kb": kb,
            "ours_us": ours_us, "ours_us_per_kb": ours_us / kb,
            "sisimai_us": peer_us, "sisimai_us_per_kb": peer_us / kb if peer_us is not None else None,
            "ratio": peer_us / ours_us if peer_us and ours_us else None,
            "ours_agree": _agree(ours), "sisimai_agree": _agree(peer)}


if __name__ == "__main__":
    sys.exit(main())
