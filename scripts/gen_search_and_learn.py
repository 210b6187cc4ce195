#!/usr/bin/env python3
"""Writes a search-and-learn output file (huggingface/search-and-learn, test_time_compute.py) in
the released shape: one problem per line with `problem`, `answer` (LaTeX), `completions` (each
ending in a \\boxed{} answer, some without one), `scores` (per-step PRM scores in [0, 1]),
`agg_scores`, and `pred*` fields. Usage: gen_search_and_learn.py PROBLEMS SAMPLES OUT.jsonl
[GENERIC.jsonl] — the optional second file holds the same samples in the generic format
(`problem_id, answer, correct, score`; score = the last step's), for tools that do not grade
LaTeX answers (scripts/search_estimators.py)."""
import json
import random
import sys

problems, samples, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
generic = open(sys.argv[4], "w") if len(sys.argv) > 4 else None
rng = random.Random(7)
with open(out, "w") as f:
    for i in range(problems):
        p = rng.betavariate(0.8, 1.2)
        gold = f"\\frac{{{i + 1}}}{{{i + 7}}}" if i % 3 == 0 else str(i * 13 + 1)
        wrong = [f"{i * 13 + 2 + j}" for j in range(rng.randint(2, 12))]
        weights = [1 / (j + 1) for j in range(len(wrong))]
        completions, scores, graded = [], [], []
        for _ in range(samples):
            right = rng.random() < p
            ans = gold if right else rng.choices(wrong, weights)[0]
            steps = rng.randint(2, 8)
            body = "\n\n".join(f"## Step {s + 1}: work it out\nWe compute the value carefully, step {s + 1}." for s in range(steps))
            if rng.random() < 0.02:
                completions.append(body + "\n\nTherefore the answer is unclear.")
                graded.append(("", False))
            else:
                graded.append((ans, right))
                completions.append(body + f"\n\nTherefore, the final answer is: $\\boxed{{{ans}}}$. I hope it is correct.")
            base = 0.75 if right else 0.45
            scores.append([round(min(1.0, max(0.0, rng.gauss(base, 0.15))), 6) for _ in range(steps)])
        row = {
            "problem": f"Problem {i}: compute the quantity asked for.",
            "solution": "A worked solution.",
            "answer": gold,
            "subject": "Algebra",
            "level": 1 + i % 5,
            "unique_id": f"test/algebra/{i}.json",
            "completions": completions,
            "pred": completions[0],
            "completion_tokens": [len(c) // 4 for c in completions],
            "scores": scores,
            "agg_scores": [s[-1] for s in scores],
        }
        for k in [2 ** j for j in range(0, 9) if 2 ** j <= samples]:
            row[f"pred_weighted@{k}"] = f"\\boxed{{{gold}}}"
            row[f"pred_maj@{k}"] = f"\\boxed{{{gold}}}"
            row[f"pred_naive@{k}"] = f"\\boxed{{{gold}}}"
        f.write(json.dumps(row) + "\n")
        if generic:
            for (ans, right), sc in zip(graded, scores):
                generic.write(json.dumps({"problem_id": f"p{i}", "answer": ans, "correct": right, "score": sc[-1]}) + "\n")
