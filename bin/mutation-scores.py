#!/usr/bin/env python3
"""Per-package mutation scores from PIT's CSV reports (target/pit/PACKAGE/mutations.csv), as a Markdown table.

PIT's CSV has one row per mutant: file, class, mutator, method, line, status, killing test. The score is PIT's
own: mutants detected (KILLED, TIMED_OUT, MEMORY_ERROR, RUN_ERROR) over all mutants except NON_VIABLE ones
(mutants that did not load). NO_COVERAGE mutants count as survivors, as in PIT's report.
"""
import csv
import pathlib
import sys

DETECTED = {"KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR"}


def main(root):
    rows = []
    for report in sorted(pathlib.Path(root).glob("*/mutations.csv")):
        counts = {}
        with open(report, newline="") as f:
            for rec in csv.reader(f):
                if len(rec) >= 6:
                    counts[rec[5]] = counts.get(rec[5], 0) + 1
        total = sum(n for s, n in counts.items() if s != "NON_VIABLE")
        detected = sum(n for s, n in counts.items() if s in DETECTED)
        rows.append((report.parent.name, total, detected, counts.get("SURVIVED", 0), counts.get("NO_COVERAGE", 0)))
    print("| package | mutants | killed | survived | no coverage | score |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, total, detected, survived, uncovered in rows:
        score = f"{100.0 * detected / total:.0f} %" if total else "n/a"
        print(f"| cartan.{name} | {total} | {detected} | {survived} | {uncovered} | {score} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/pit")
