#!/usr/bin/env python3
"""The Search lab's selection curves written plainly in Python (numpy), to compare with
`cascade search analyze` on the same file: speed, and agreement.

Reads a generic CSV (problem_id, answer, correct[, score]); for k = 1 .. the most samples nine in
ten problems have (shorter problems left out of the k above their count, as the lab does):

- coverage@k = 1 - C(n - c, k) / C(n, k);
- best-of-k: the sample at score rank r (ties: the group's correct share) tops a k-subset with
  chance C(n - 1 - r, k - 1) / C(n, k);
- majority@k: for each answer G drawn c times, every other answer H drawn fewer than c times or
  exactly c (a tie, split evenly): [y^d] of prod_H (L_c(H) + t C(h, c) y^c) integrated over t in
  [0, 1] (Gauss-Legendre, exact for the degree in t), L_c(H) = sum_{x<c} C(h, x) y^x;
- weighted majority@k: every k-subset enumerated where C(n, k) <= 3000, else the mean over 64
  random orderings of the samples (every prefix of a random ordering is a random k-subset).

Usage: search_estimators.py FILE.csv [--compare CASCADE_BINARY]
With --compare, runs `cascade search analyze FILE --json` too, prints both times and the
largest differences (coverage, best-of-k and majority exact in both; the weighted vote within
the estimates' intervals)."""
import csv
import json
import math
import subprocess
import sys
import time

import numpy as np


def read(path):
    problems = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            answer = row["answer"].strip() or None
            correct = row["correct"].strip().lower() in ("1", "true", "yes") and answer is not None
            score = row.get("score")
            score = float(score) if score not in (None, "") else 0.0
            problems.setdefault(row["problem_id"], []).append((answer, correct, score))
    return problems


def reach(sizes):
    s = sorted(sizes)
    return s[len(s) // 10]


def comb_row(m):
    return np.array([math.comb(m, x) for x in range(m + 1)], dtype=float)


def majority(groups, kmax):
    """groups: list of (size, correct share); returns majority@k for k = 1 .. kmax (n >= kmax)."""
    n = sum(g for g, _ in groups)
    kmax = min(kmax, n)
    nodes, weights = np.polynomial.legendre.leggauss(len(groups) // 2 + 2)
    nodes, weights = (nodes + 1) / 2, weights / 2
    counts = np.zeros(kmax + 1)
    for i, (g, share) in enumerate(groups):
        if share == 0:
            continue
        others = [h for j, (h, _) in enumerate(groups) if j != i]
        for c in range(1, min(g, kmax) + 1):
            top = kmax - c
            ways = np.zeros(top + 1)
            for t, w in zip(nodes, weights):
                poly = np.zeros(top + 1)
                poly[0] = 1.0
                for h in others:
                    row = comb_row(h)
                    factor = np.zeros(min(c, h + 1) + (1 if h >= c else 0))
                    factor[: min(c, h + 1)] = row[: min(c, h + 1)]
                    if h >= c:
                        factor[c] = t * row[c]
                    poly = np.convolve(poly, factor)[: top + 1]
                ways[: len(poly)] += w * poly
            counts[c : c + top + 1] += share * math.comb(g, c) * ways
    return [counts[k] / math.comb(n, k) for k in range(1, kmax + 1)]


def weighted(samples, kmax, rng):
    n = len(samples)
    kmax = min(kmax, n)
    names = {}
    group = np.array([names.setdefault(a, len(names)) for a, _, _ in samples])
    score = np.array([s for _, _, s in samples])
    share = np.zeros(len(names))
    size = np.zeros(len(names))
    for (a, c, _), g in zip(samples, group):
        size[g] += 1
        share[g] += c
    share /= size

    def pick(idx):
        sums = {}
        for i in idx:
            sums[group[i]] = sums.get(group[i], 0.0) + score[i]
        best = max(sums.values())
        tied = [g for g, v in sums.items() if v == best]
        return sum(share[g] for g in tied) / len(tied)

    out = []
    sampled_from = kmax + 1
    for k in range(1, kmax + 1):
        if math.comb(n, k) > 3000:
            sampled_from = k
            break
        subsets = list(__import__("itertools").combinations(range(n), k))
        out.append(sum(pick(s) for s in subsets) / len(subsets))
    if sampled_from <= kmax:
        totals = np.zeros(kmax + 1)
        for _ in range(64):
            order = rng.permutation(n)[:kmax]
            sums = {}
            for pos, i in enumerate(order):
                sums[group[i]] = sums.get(group[i], 0.0) + score[i]
                k = pos + 1
                if k >= sampled_from:
                    best = max(sums.values())
                    tied = [g for g, v in sums.items() if v == best]
                    totals[k] += sum(share[g] for g in tied) / len(tied)
        out.extend(totals[sampled_from:] / 64)
    return out


def curves(problems):
    sizes = [len(s) for s in problems.values()]
    kmax = reach(sizes)
    sums = {name: np.zeros(kmax) for name in ("coverage", "best", "majority", "weighted")}
    at_k = np.zeros(kmax)
    rng = np.random.default_rng(1)
    for samples in problems.values():
        n = len(samples)
        kk = min(kmax, n)
        at_k[:kk] += 1
        c = sum(1 for _, ok, _ in samples if ok)
        sums["coverage"][:kk] += [1 - math.comb(n - c, k) / math.comb(n, k) for k in range(1, kk + 1)]
        # best-of-k: descending scores, ties share their group's correct rate.
        ranked = sorted(samples, key=lambda s: -s[2])
        w = np.zeros(n)
        i = 0
        while i < n:
            j = i
            while j < n and ranked[j][2] == ranked[i][2]:
                j += 1
            w[i:j] = sum(1 for s in ranked[i:j] if s[1]) / (j - i)
            i = j
        for k in range(1, kk + 1):
            f = np.array([math.comb(n - 1 - r, k - 1) for r in range(n)], dtype=float) / math.comb(n, k)
            sums["best"][k - 1] += float(w @ f)
        groups = {}
        for a, ok, _ in samples:
            size, right = groups.get(a, (0, 0))
            groups[a] = (size + 1, right + ok)
        sums["majority"][:kk] += majority([(g, r / g) for g, r in groups.values()], kk)
        sums["weighted"][:kk] += weighted(samples, kk, rng)
    return {name: (v / at_k).tolist() for name, v in sums.items()}


def main():
    path = sys.argv[1]
    start = time.perf_counter()
    problems = read(path)
    result = curves(problems)
    python_s = time.perf_counter() - start
    print(f"python (numpy {np.__version__}): {python_s:.2f} s for {len(problems)} problems")
    if "--compare" in sys.argv:
        binary = sys.argv[sys.argv.index("--compare") + 1]
        start = time.perf_counter()
        out = subprocess.run([binary, "search", "analyze", path, "--json"], capture_output=True, text=True, check=True)
        cli_s = time.perf_counter() - start
        curve = json.loads(out.stdout)["files"][0]["curve"]
        print(f"cascade search analyze: {cli_s:.3f} s (whole run) — {python_s / cli_s:.0f}x faster")
        for name, key in (("coverage", "coverage"), ("best", "best_of_k"), ("majority", "majority")):
            diff = max(abs(a - p[key]) for a, p in zip(result[name], curve))
            print(f"  {key}: largest difference {diff:.1e}")
        outside = 0
        for a, p in zip(result["weighted"], curve):
            lo, hi = p["weighted_majority_interval"] or (p["weighted_majority"], p["weighted_majority"])
            # Both estimates carry sampling error: compare at twice the interval.
            half = (hi - lo) / 2
            if abs(a - p["weighted_majority"]) > 2 * half + 1e-9:
                outside += 1
        print(f"  weighted_majority: {outside} of {len(curve)} k outside twice the CLI's 95 % interval")


if __name__ == "__main__":
    main()
