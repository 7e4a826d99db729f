"""Agreement of classified rows with labelled cases (the corpus format of ../shared/corpus/README.md). Pure.

A case is a message with `expected.json` rows (Sisimai's labels). Rows are paired per case by
recipient, else by position; every expected row is scored, and a row we did not report is a miss.
The scorer takes answers from any classifier (ours, or Sisimai's JSON lines in bench/), so both
are measured by the same rules.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from streams.bounces.address import normalise

MISSING = "(no row)"  # what we "said" for an expected row we did not report
ERROR = "(error)"  # ... and for every row of a case we could not read


@dataclass(frozen=True, slots=True)
class Expected:
    """One labelled row of a case."""

    recipient: str  # normalised; "" when the label has none
    alternates: tuple[str, ...]
    status: str
    status_is_pseudo: bool  # Sisimai invented a 5.0.9xx status: compare the first digit only
    reason: str
    hardbounce: bool
    high_confidence: bool  # the recipient is certain: scored strictly

    def names(self) -> tuple[str, ...]:
        return tuple(r for r in (self.recipient, *self.alternates) if r)


@dataclass(frozen=True, slots=True)
class Answer:
    """One row a classifier reported."""

    recipient: str
    status: str
    reply_code: str
    reason: str
    hard: bool
    rule: str = ""  # the id of the rule that gave the reason, when the classifier tells it


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a classifier answered for one case; `error` is set when it answered nothing."""

    case: str
    expected: tuple[Expected, ...]
    answers: tuple[Answer, ...] = ()
    error: str = ""


@dataclass(slots=True)
class Tally:
    agree: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.agree += ok
        self.total += 1

    @property
    def ratio(self) -> float:
        return self.agree / self.total if self.total else 0.0


@dataclass(slots=True)
class Report:
    cases: int = 0
    rows: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (case, error)
    reason: Tally = field(default_factory=Tally)
    status: Tally = field(default_factory=Tally)
    recipient: Tally = field(default_factory=Tally)  # high-confidence rows only
    hard: Tally = field(default_factory=Tally)
    # (Sisimai's hardbounce, ours) -> rows, only where they differ; with the reasons behind them
    hard_differs: Counter[tuple[str, str, bool, bool]] = field(default_factory=Counter)
    reason_misses: Counter[tuple[str, str]] = field(default_factory=Counter)  # (expected, ours)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (expected, ours), every row
    by_reason: dict[str, Tally] = field(default_factory=dict)  # expected reason -> its rows' agreement
    rules: Counter[str] = field(default_factory=Counter)  # rule id -> rows whose reason it got right
    status_misses: Counter[tuple[str, str]] = field(default_factory=Counter)
    missing_rows: int = 0
    extra_rows: int = 0
    disagreements: list[dict[str, str]] = field(default_factory=list)  # per case and field
    messages: int = 0
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.messages / self.seconds if self.seconds > 0 else 0.0


def expected_rows(doc: Mapping[str, Any]) -> tuple[Expected, ...]:
    """The labelled rows of one `expected.json` document."""
    high = (doc.get("recipient_derivation") or {}).get("confidence") == "high"
    return tuple(
        Expected(
            recipient=normalise(row.get("recipient") or ""),
            alternates=tuple(normalise(a or "") for a in row.get("recipient_alternates") or ()),
            status=row.get("status") or "",
            status_is_pseudo=bool(row.get("status_is_sisimai_pseudo")),
            reason=row.get("reason") or "",
            hardbounce=bool(row.get("hardbounce")),
            high_confidence=high,
        )
        for row in doc.get("recipients") or ()
    )


def pair(expected: Iterable[Expected], answers: Iterable[Answer]) -> list[tuple[Expected, Answer | None]]:
    """Each expected row with the answer for the same recipient, else the next unpaired answer in order."""
    expected, left = list(expected), list(answers)
    chosen: list[Answer | None] = []
    for row in expected:
        names = row.names()
        found = next((a for a in left if a.recipient in names), None)
        if found is not None:
            left.remove(found)
        chosen.append(found)
    # Rows whose recipient matched nothing take the remaining answers by position.
    for i, found in enumerate(chosen):
        if found is None and left:
            chosen[i] = left.pop(0)
    return list(zip(expected, chosen))


def status_agrees(row: Expected, answer: Answer) -> bool:
    if row.status_is_pseudo:
        # Sisimai made the status up from its reason; only the class digit carries meaning, and
        # ours may come from the reply code when the message had no enhanced status.
        ours = answer.status or answer.reply_code
        return ours[:1] == row.status[:1]
    return answer.status == row.status


def score(outcomes: Iterable[Outcome], seconds: float = 0.0, messages: int | None = None) -> Report:
    """Agreement over every case; the classifier took `seconds` for `messages` (default: one per case)."""
    report = Report(seconds=seconds)
    for outcome in outcomes:
        report.cases += 1
        if outcome.error:
            report.errors.append((outcome.case, outcome.error))
        report.extra_rows += max(0, len(outcome.answers) - len(outcome.expected))
        for row, answer in pair(outcome.expected, outcome.answers):
            report.rows += 1
            _score_row(report, outcome, row, answer)
    report.messages = report.cases if messages is None else messages
    return report


def _score_row(report: Report, outcome: Outcome, row: Expected, answer: Answer | None) -> None:
    if answer is None:
        report.missing_rows += not outcome.error
        said = ERROR if outcome.error else MISSING
        answer = Answer(recipient="", status=said, reply_code="", reason=said, hard=False)

    def differ(what: str, expected: str, ours: str) -> None:
        report.disagreements.append({"case": outcome.case, "field": what, "expected": expected, "ours": ours})

    report.reason.add(answer.reason == row.reason)
    report.by_reason.setdefault(row.reason, Tally()).add(answer.reason == row.reason)
    report.confusion[(row.reason, answer.reason)] += 1
    if answer.reason == row.reason and answer.rule:
        report.rules[answer.rule] += 1
    if answer.reason != row.reason:
        report.reason_misses[(row.reason, answer.reason)] += 1
        differ("reason", row.reason, answer.reason)
    ok = status_agrees(row, answer)
    report.status.add(ok)
    if not ok:
        wanted = f"{row.status[:1]}.x.x (pseudo)" if row.status_is_pseudo else row.status
        report.status_misses[(wanted, answer.status or answer.reply_code)] += 1
        differ("status", wanted, answer.status or answer.reply_code)
    if row.high_confidence and row.recipient:
        ok = answer.recipient in row.names()
        report.recipient.add(ok)
        if not ok:
            differ("recipient", row.recipient, answer.recipient)
    report.hard.add(answer.hard == row.hardbounce)
    if answer.hard != row.hardbounce:
        report.hard_differs[(row.reason, answer.reason, row.hardbounce, answer.hard)] += 1


def _percent(tally: Tally) -> str:
    return f"{100 * tally.ratio:6.2f}%  {tally.agree}/{tally.total}"


def render(report: Report, name: str = "ours") -> str:
    """The report as text for people; `name` is the classifier measured."""
    lines = [
        f"cases {report.cases}, rows {report.rows}, cases not decoded {len(report.errors)}, "
        f"rows missing {report.missing_rows}, extra rows {report.extra_rows}",
        f"reason     {_percent(report.reason)}",
        f"status     {_percent(report.status)}",
        f"recipient  {_percent(report.recipient)}  (high-confidence rows)",
        f"hard/soft  {_percent(report.hard)}  ({name}: hard or not; expected: Sisimai's hardbounce)",
        f"speed      {report.messages} messages in {report.seconds:.3f} s: {report.per_second:.0f} msg/s",
    ]
    if report.reason_misses:
        lines += ["", f"reason misses (expected -> {name}: rows)"]
        for expected, total, ours in _by_expected(report.reason_misses):
            lines.append(f"  {expected:<16} {total:>4}  " + ", ".join(f"{r} {n}" for r, n in ours))
    if report.status_misses:
        lines += ["", f"status misses (expected -> {name}: rows)"]
        for expected, total, ours in _by_expected(report.status_misses):
            lines.append(f"  {expected:<16} {total:>4}  " + ", ".join(f"{r or '(empty)'} {n}" for r, n in ours))
    if report.hard_differs:
        lines += ["", f"hard/soft differences (expected reason -> {name}: rows)"]
        for (expected, ours, expected_hard, ours_hard), n in sorted(report.hard_differs.items()):
            lines.append(f"  {expected:<16} -> {ours:<16} expected {'hard' if expected_hard else 'soft'}, "
                         f"{name} {'hard' if ours_hard else 'not hard'}: {n}")
    if report.confusion:
        lines += ["", f"reasons: expected (rows) x {name} (columns, numbered as the rows)"]
        lines += confusion_table(report.confusion)
    if report.errors:
        lines += ["", "not decoded"] + [f"  {case}: {error}" for case, error in report.errors]
    return "\n".join(lines)


def confusion_table(confusion: Counter[tuple[str, str]]) -> list[str]:
    """Expected reason x answered reason as text lines: one numbered row per reason, the columns
    numbered the same way, "." for no row; the diagonal is agreement."""
    names = sorted({name for pair in confusion for name in pair})
    width = max(3, len(str(max(confusion.values()))) + 1)
    label = max(len(name) for name in names) + 4
    lines = [" " * label + "".join(f"{i:>{width}}" for i in range(1, len(names) + 1))]
    for i, expected in enumerate(names, 1):
        cells = "".join(f"{confusion.get((expected, ours), 0) or '.':>{width}}" for ours in names)
        lines.append(f"{i:>3} {expected:<{label - 4}}" + cells)
    return lines


def _by_expected(misses: Counter[tuple[str, str]]) -> list[tuple[str, int, list[tuple[str, int]]]]:
    grouped: dict[str, Counter[str]] = {}
    for (expected, ours), n in misses.items():
        grouped.setdefault(expected, Counter())[ours] += n
    return sorted(
        ((e, sum(c.values()), sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) for e, c in grouped.items()),
        key=lambda item: (-item[1], item[0]),
    )


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain data for --json."""

    def tally(t: Tally) -> dict[str, Any]:
        return {"agree": t.agree, "total": t.total, "ratio": round(t.ratio, 6)}

    return {
        "cases": report.cases,
        "rows": report.rows,
        "missing_rows": report.missing_rows,
        "extra_rows": report.extra_rows,
        "reason": tally(report.reason),
        "status": tally(report.status),
        "recipient_high_confidence": tally(report.recipient),
        "hard": tally(report.hard),
        "reason_misses": {e: dict(ours) for e, _n, ours in _by_expected(report.reason_misses)},
        "confusion": {e: dict(ours) for e, _n, ours in _by_expected(report.confusion)},
        "by_reason": {reason: tally(t) for reason, t in sorted(report.by_reason.items())},
        "status_misses": {e: dict(ours) for e, _n, ours in _by_expected(report.status_misses)},
        "hard_differs": [
            {"expected_reason": e, "reason": o, "expected_hard": eh, "hard": oh, "rows": n}
            for (e, o, eh, oh), n in sorted(report.hard_differs.items())
        ],
        "errors": [{"case": c, "error": e} for c, e in report.errors],
        "disagreements": report.disagreements,
        "messages": report.messages,
        "seconds": round(report.seconds, 6),
        "messages_per_second": round(report.per_second, 1),
    }
