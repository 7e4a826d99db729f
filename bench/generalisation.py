"""Benchmark: how broadly the classifier's agreement rests on its rules, per MTA family and per reason.

A classifier tuned one message at a time can agree with every label of a family while each of its
hits rests on a row written for that message: such rows do not carry over to mail it has not seen.
This bench shows it. For each family of the corpus (the case name less its labeller prefix, its
"lhost-" and its number: sisimai-lhost-postfix-03 -> postfix, sisimai-rhost-google-01 ->
rhost-google) and for each expected reason, it prints the agreement (scored by streams.evaluation,
the code behind `bounce-hygiene evaluate`) and the rule rows the agreeing rows rest on:

- `rules`: distinct rule rows behind the family's agreeing rows (a rule id less its ":transient" /
  ":not-at-rcpt" reading);
- `own`: how many of those no other family's agreeing rows use: rows that, on this corpus, only
  this family's messages need;
- `generic`: agreeing rows decided by codes alone (enhanced status, reply code, action, command),
  not by a phrase, a provider's rule or a format's own statement.

A family at 100% with as many own rules as rows is one whose figure says little about unseen mail.

    .venv/bin/python bench/generalisation.py [--corpus DIR] [--policy FILE] [--json] [--rules]
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from streams import evaluation  # noqa: E402
from streams.commands.evaluate import cases, load_policy, outcome  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
_NUMBER = re.compile(r"-\d+$")
_LABELLER = re.compile(r"^(?:sisimai-)?(?:lhost-)?")
# Readings added to a rule id (streams.classify): the same row read under a temporary status or
# away from RCPT; the row is the same.
_READINGS = (":transient", ":not-at-rcpt")
# Rule ids decided by a code, not by words: generic by construction.
_GENERIC = ("status:", "reply:", "action:", "command:", "fallback:")


def family(case: str) -> str:
    """The MTA family of a case name: sisimai-lhost-postfix-03 -> postfix."""
    return _LABELLER.sub("", _NUMBER.sub("", case)) or case


def rule_row(rule_id: str) -> str:
    """The rule row behind a rule id: its readings removed."""
    for reading in _READINGS:
        rule_id = rule_id.replace(reading, "")
    return rule_id


def measure(outcomes: list[evaluation.Outcome]) -> dict[str, Any]:
    """Per family and per expected reason: agreement, distinct rule rows, own rows, generic hits."""
    by_family: dict[str, list[evaluation.Outcome]] = defaultdict(list)
    for item in outcomes:
        by_family[family(item.case)].append(item)
    reports = {name: evaluation.score(items) for name, items in by_family.items()}
    rules_of = {name: Counter({rule_row(r): n for r, n in report.rules.items()}) for name, report in reports.items()}
    families_of_rule: dict[str, set[str]] = defaultdict(set)
    for name, rules in rules_of.items():
        for rule in rules:
            families_of_rule[rule].add(name)

    families = []
    for name, report in sorted(reports.items(), key=lambda kv: (-kv[1].rows, kv[0])):
        rules = rules_of[name]
        families.append({
            "family": name, "cases": report.cases, "rows": report.rows,
            "reason": _tally(report.reason), "status": _tally(report.status),
            "rules": len(rules),
            "own_rules": sum(1 for rule in rules if families_of_rule[rule] == {name}),
            "generic_rows": sum(n for rule, n in rules.items() if rule.startswith(_GENERIC)),
            "rule_rows": dict(rules.most_common()),
        })

    whole = evaluation.score(outcomes)
    rules_of_reason: dict[str, Counter[str]] = defaultdict(Counter)
    families_of_reason: dict[str, set[str]] = defaultdict(set)
    for name, items in by_family.items():
        for item in items:
            for row, answer in evaluation.pair(item.expected, item.answers):
                families_of_reason[row.reason].add(name)
                if answer is not None and answer.reason == row.reason and answer.rule:
                    rules_of_reason[row.reason][rule_row(answer.rule)] += 1
    reasons = [
        {"reason": reason, "rows": tally.total, "agreement": _tally(tally),
         "families": len(families_of_reason[reason]), "rules": len(rules_of_reason[reason]),
         "generic_rows": sum(n for rule, n in rules_of_reason[reason].items() if rule.startswith(_GENERIC)),
         "rule_rows": dict(rules_of_reason[reason].most_common())}
        for reason, tally in sorted(whole.by_reason.items(), key=lambda kv: (-kv[1].total, kv[0]))
    ]
    return {"cases": whole.cases, "rows": whole.rows, "reason": _tally(whole.reason), "status": _tally(whole.status),
            "rules": len({rule_row(r) for r in whole.rules}),
            "families": families, "reasons": reasons}


def _tally(tally: evaluation.Tally) -> dict[str, Any]:
    return {"agree": tally.agree, "total": tally.total, "ratio": round(tally.ratio, 6)}


def _pct(tally: dict[str, Any]) -> str:
    return f"{100 * tally['ratio']:6.1f}% {tally['agree']:>3}/{tally['total']:<3}"


def render(result: dict[str, Any], with_rules: bool = False) -> str:
    lines = [f"{result['cases']} cases, {result['rows']} rows: reason {_pct(result['reason']).strip()}, "
             f"status {_pct(result['status']).strip()}, on {result['rules']} distinct rule rows",
             "",
             f"{'family':<22}{'cases':>6}{'rows':>6}  {'reason':<16}{'status':<16}{'rules':>6}{'own':>5}{'generic':>9}"]
    for item in result["families"]:
        lines.append(f"{item['family']:<22}{item['cases']:>6}{item['rows']:>6}  {_pct(item['reason']):<16}"
                     f"{_pct(item['status']):<16}{item['rules']:>6}{item['own_rules']:>5}{item['generic_rows']:>9}")
        if with_rules:
            lines += [f"{'':26}{n:>3}  {rule}" for rule, n in item["rule_rows"].items()]
    lines += ["", f"{'reason':<22}{'rows':>6}  {'agreement':<16}{'families':>9}{'rules':>6}{'generic':>9}"]
    for item in result["reasons"]:
        lines.append(f"{item['reason']:<22}{item['rows']:>6}  {_pct(item['agreement']):<16}{item['families']:>9}"
                     f"{item['rules']:>6}{item['generic_rows']:>9}")
        if with_rules:
            lines += [f"{'':26}{n:>3}  {rule}" for rule, n in item["rule_rows"].items()]
    lines += ["", "rules: distinct rule rows behind the agreeing rows; own: of those, rows no other family's "
              "hits use; generic: agreeing rows decided by a code alone (status, reply, action, command)"]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--policy", type=Path, help="policy file for our classes (default: the packaged one)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the tables")
    parser.add_argument("--rules", action="store_true", help="list each family's and reason's rule rows")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"bench: corpus {args.corpus} is not a folder", file=sys.stderr)
        return 2
    policy = load_policy("bench", args.policy)
    if policy is None:
        return 2
    outcomes = [outcome(case, data, expected, policy)[0] for case, data, expected in cases(args.corpus)]
    result = measure(outcomes)
    if args.json:
        sys.stdout.buffer.write(orjson.dumps(result) + b"\n")
    else:
        print(render(result, args.rules))
    return 0


if __name__ == "__main__":
    sys.exit(main())
