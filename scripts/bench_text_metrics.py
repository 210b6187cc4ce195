#!/usr/bin/env python3
"""Times the standard libraries on the Telephone benchmark's chains and compares their numbers
with Cascade Lab's, in one run (scripts/bench.sh calls this after e2e/bench.mjs).

    python scripts/bench_text_metrics.py CHAINS.jsonl|BROKEN_TELEPHONE.json CASCADE_BINARY [BROWSER_RESULTS.json]

For every chain and step: sacrebleu.sentence_bleu and sentence_chrf (/100) and rouge-score
ROUGE-1/ROUGE-L F against the original (step 0) and against the previous step; then the
per-step mean and population standard deviation across chains, as `cascade telephone analyze
--json` reports them. Prints the seconds each took, the speed ratios (also against the
browser's time when e2e/bench.mjs left it) and the largest difference in any reported number.
"""
import json
import subprocess
import sys
import time
from collections import defaultdict
from statistics import fmean, pstdev

import sacrebleu
from rouge_score import rouge_scorer


def main():
    path, binary = sys.argv[1], sys.argv[2]
    browser = None
    if len(sys.argv) > 3:
        try:
            with open(sys.argv[3], encoding="utf-8") as f:
                browser = json.load(f).get("telephone_150x16_worker_ms")
        except OSError:
            pass
    chains = defaultdict(dict)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        # A Broken Telephone evaluation JSON: {title: {step: {"text": …, metrics…}}}.
        nested = json.loads(text)
        for title, steps in nested.items():
            for step, value in steps.items():
                chains[title][int(step)] = value["text"] if isinstance(value, dict) else value
    except json.JSONDecodeError:
        # JSON lines of chain_id, step, text.
        for line in text.splitlines():
            if line.strip():
                row = json.loads(line)
                chains[row["chain_id"]][int(row["step"])] = row["text"]

    started = time.perf_counter()
    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeL"], use_stemmer=False)
    values = defaultdict(lambda: defaultdict(list))  # (step, against) -> metric -> values
    for steps in chains.values():
        order = sorted(steps)
        for k, step in enumerate(order):
            for against, ref_step in (("original", order[0]), ("previous", order[k - 1] if k else None)):
                if ref_step is None:
                    continue
                hyp, ref = steps[step], steps[ref_step]
                r = scorer.score(ref, hyp)
                v = values[(step, against)]
                v["bleu"].append(sacrebleu.sentence_bleu(hyp, [ref]).score / 100)
                v["chrf"].append(sacrebleu.sentence_chrf(hyp, [ref]).score / 100)
                v["rouge1"].append(r["rouge1"].fmeasure)
                v["rougeL"].append(r["rougeL"].fmeasure)
    python_s = time.perf_counter() - started

    started = time.perf_counter()
    out = subprocess.run([binary, "telephone", "analyze", path, "--json"], check=True,
                         capture_output=True, text=True).stdout
    native_s = time.perf_counter() - started
    ours = json.loads(out)

    worst, where = 0.0, ""
    for s in ours["steps"]:
        for against in ("original", "previous"):
            got = s if against == "original" else s.get("previous")
            if got is None:
                continue
            for metric, xs in values[(s["step"], against)].items():
                for stat, want in (("mean", fmean(xs)), ("std", pstdev(xs))):
                    d = abs(got[metric][stat] - want)
                    if d > worst:
                        worst, where = d, f"step {s['step']} {metric} {stat} against the {against}"
    pairs = sum(len(v["bleu"]) for v in values.values())
    print(f"chains: {len(chains)}, scored pairs: {pairs}")
    print(f"sacrebleu + rouge-score (BLEU, chrF, ROUGE-1, ROUGE-L only): {python_s:.2f} s")
    print(f"cascade telephone analyze (native, every metric, with parsing): {native_s:.2f} s"
          f" — {python_s / native_s:.1f}x faster")
    if browser:
        print(f"Cascade Lab in the browser (worker, every metric, with parsing): {browser / 1000:.2f} s"
              f" — {python_s / (browser / 1000):.1f}x faster")
    print(f"largest difference in any reported mean or std: {worst:.3g} ({where})")


if __name__ == "__main__":
    main()
