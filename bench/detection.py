"""Figures for the detection of personal data in residents' texts.

    .venv/bin/python bench/detection.py [--verbose]

Prints the size of the corpus (tests/dialogue/redaction_corpus.py), recall on the texts where personal
data must be found (overall and per kind), the false-positive rate on the texts that must be left alone,
and the processor time the detection takes per 1,000 texts (processor time rather than wall-clock time, so
that a busy shared machine does not inflate the figure). --verbose also lists every miss and false positive.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "framsteg.settings")


def main(verbose: bool) -> None:
    import django

    django.setup()
    from framsteg.dialogue.redaction import find_personal_data
    from tests.dialogue.redaction_corpus import KEEP, REDACT, evaluate

    figures = evaluate(find_personal_data)
    print(
        f"Corpus: {figures['must_be_found_texts']} texts where personal data must be found "
        f"({figures['must_be_found_spans']} spans), {figures['must_be_left_alone_texts']} texts that "
        f"must be left alone; {figures['must_be_found_texts'] + figures['must_be_left_alone_texts']} in all."
    )
    print(f"Recall, exact span and kind: {figures['recall_exact']:.1%}")
    print(f"Recall, span covered by findings of any kind: {figures['recall_covered']:.1%}")
    for kind, (hit, total) in figures["recall_per_kind"].items():
        print(f"  {kind:<18} {hit:>3}/{total:<3} {hit / total:.1%}")
    print(
        "Findings beyond the expected ones in must-be-found texts:",
        len(figures["extra_findings_in_must_be_found"]),
    )
    print(
        f"False positives on must-be-left-alone texts: {len(figures['false_positives'])}/"
        f"{figures['must_be_left_alone_texts']} = {figures['false_positive_rate']:.1%}"
    )

    texts = [(text, names) for text, names, _ in REDACT] + list(KEEP)
    rounds = max(1, 3000 // len(texts))
    started = time.process_time()
    for _ in range(rounds):
        for text, names in texts:
            find_personal_data(text, names)
    elapsed = time.process_time() - started
    count = rounds * len(texts)
    print(
        f"Time: {elapsed / count * 1000:.3f} ms per text, "
        f"{elapsed / count * 1000 * 1000:.0f} ms per 1,000 texts "
        f"({count} texts measured)"
    )
    long_text = " ".join(text for text, _ in texts)
    started = time.process_time()
    find_personal_data(long_text)
    print(f"One text of {len(long_text):,} characters: {(time.process_time() - started) * 1000:.1f} ms")

    if verbose:
        print("\nMisses:")
        for text, substring, kind in figures["misses"]:
            print(f"  {kind}: {substring!r} in {text!r}")
        print("\nFindings beyond the expected ones:")
        for text, substring, kind in figures["extra_findings_in_must_be_found"]:
            print(f"  {kind}: {substring!r} in {text!r}")
        print("\nFalse positives:")
        for text, findings in figures["false_positives"]:
            print(f"  {findings} in {text!r}")


if __name__ == "__main__":
    main("--verbose" in sys.argv[1:])
