"""Measure the classifier on a folder of labelled bounces: one folder per case, CASE/message.eml and
CASE/expected.json (the recipients with their status, reply code, reason, hard or soft). Prints how
often reason, status, recipient and hard/soft agree, the misses per reason, a table of expected
reasons against the classifier's, and messages per second (parse and classify alone, not the file
reads). With --min-reason, --min-status or --min-recipient PCT it exits 1 when that agreement is
below PCT percent, so a CI job can fail on a regression.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import orjson

from streams import evaluation
from streams.bounces.address import normalise
from streams.commands import fail
from streams.model import BounceClass, Classified, ParseError, Policy
from streams.settings import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("evaluate", help="measure the classifier on a folder of labelled bounces",
                            description=__doc__)
    parser.add_argument("--corpus", required=True, type=Path,
                        help="folder of cases: CASE/message.eml + CASE/expected.json")
    parser.add_argument("--policy", type=Path, help="policy file (default: HYGIENE_POLICY, else the packaged one)")
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.add_argument("--misses", action="store_true", help="also list every disagreement by case")
    for name, what in _MINIMA:
        parser.add_argument(f"--min-{name}", type=_percent, metavar="PCT",
                            help=f"exit 1 when {what} agreement is below PCT percent")
    parser.set_defaults(func=run)


# (option name, what it measures): each --min-NAME bounds the report's tally of the same name.
_MINIMA = (("reason", "the reason"), ("status", "the enhanced status"),
           ("recipient", "the recipient (high-confidence rows)"))


def _percent(text: str) -> float:
    try:
        value = float(text.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a percentage") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text!r} is not between 0 and 100")
    return value


def below_minima(report: evaluation.Report, minima: dict[str, float | None]) -> list[str]:
    """One sentence per agreement of `report` below its minimum (name -> percent, None: not checked)."""
    failed = []
    for name, what in _MINIMA:
        minimum = minima.get(name)
        tally: evaluation.Tally = getattr(report, name)
        if minimum is not None and 100 * tally.ratio < minimum:
            failed.append(f"{what} agreement {100 * tally.ratio:.2f}% ({tally.agree}/{tally.total}) "
                          f"is below --min-{name} {minimum:g}%")
    return failed


def cases(corpus: Path) -> Iterator[tuple[str, bytes, dict]]:
    """(case name, message bytes, expected document) for every case folder, sorted by name."""
    for folder in sorted(p for p in corpus.iterdir() if (p / "message.eml").is_file()):
        expected = orjson.loads((folder / "expected.json").read_bytes())
        yield folder.name, (folder / "message.eml").read_bytes(), expected


def answers(rows: list[Classified]) -> tuple[evaluation.Answer, ...]:
    return tuple(
        evaluation.Answer(
            recipient=normalise(row.bounce.recipient),
            status=row.bounce.status,
            reply_code=row.bounce.reply_code,
            reason=str(row.verdict.reason),
            hard=row.bounce_class is BounceClass.HARD,
            rule=row.verdict.rule_id,
        )
        for row in rows
    )


def outcome(case: str, data: bytes, expected: dict, policy: Policy) -> tuple[evaluation.Outcome, float]:
    """Our answer for one case and the seconds parse + classify took."""
    from streams.analyze import analyze
    from streams.bounces.detect import detect

    expected_rows = evaluation.expected_rows(expected)
    start = time.perf_counter()
    try:
        fmt, payload = detect(data)
        rows = analyze(fmt, payload, policy)
    except ParseError as exc:
        return evaluation.Outcome(case, expected_rows, error=f"not decoded: {exc}"), time.perf_counter() - start
    except Exception as exc:  # noqa: BLE001 - a crash is measured and shown, not fatal to the run
        error = f"crash: {type(exc).__name__}: {exc}"
        return evaluation.Outcome(case, expected_rows, error=error), time.perf_counter() - start
    elapsed = time.perf_counter() - start
    return evaluation.Outcome(case, expected_rows, answers(rows)), elapsed


def load_policy(command: str, path: Path | None) -> Policy | None:
    """The default policy of the policy file (or the built-in one); None, with the error printed, if unreadable."""
    from streams import policyfile

    try:
        if path is None:
            return policyfile.default_policy()
        return policyfile.parse(path.read_text("utf-8"), str(path)).default
    except (OSError, policyfile.PolicyError) as exc:
        fail(command, f"policy: {exc}")
        return None


def run(args: argparse.Namespace, settings: Settings) -> int:
    policy = load_policy("evaluate", args.policy or settings.policy_file)
    if policy is None:
        return 2
    if not args.corpus.is_dir():
        return fail("evaluate", f"{args.corpus} is not a folder: give --corpus a folder of CASE/message.eml"
                                " and CASE/expected.json", 2)
    outcomes, seconds = [], 0.0
    for case, data, expected in cases(args.corpus):
        result, elapsed = outcome(case, data, expected, policy)
        outcomes.append(result)
        seconds += elapsed
    report = evaluation.score(outcomes, seconds)
    if args.json:
        sys.stdout.buffer.write(orjson.dumps(evaluation.to_dict(report)) + b"\n")
    else:
        print(evaluation.render(report))
        if args.misses:
            print("\ndisagreements")
            for item in report.disagreements:
                print(f"  {item['case']}: {item['field']} expected {item['expected']!r}, ours {item['ours']!r}")
    failed = below_minima(report, {name: getattr(args, f"min_{name}") for name, _ in _MINIMA})
    for sentence in failed:
        fail("evaluate", sentence)
    return 1 if failed else 0
