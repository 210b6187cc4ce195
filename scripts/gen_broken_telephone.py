#!/usr/bin/env python3
"""Writes a Broken Telephone evaluation JSON in the released files' shape (pretty-printed,
{title: {step: {"text", "factscore", "BLEU", "CHR-F"}}}, steps 0 … 100 as evaluated), of CHAINS
150-word passages that drift step by step. For benchmarks of the real upload format:

    python scripts/gen_broken_telephone.py CHAINS OUT.json
"""
import json
import random
import sys


def main():
    chains, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(3000)]
    steps = [0, 2, 4, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 65, 80, 100]
    data = {}
    for c in range(chains):
        base = [rng.choice(vocab) for _ in range(150)]
        chain = {}
        for s in steps:
            words = [w if rng.random() > s / 200 else rng.choice(vocab) for w in base]
            chain[str(s)] = {"text": " ".join(words), "factscore": round(rng.random(), 3),
                             "BLEU": round(rng.random(), 3), "CHR-F": round(rng.random(), 3)}
        data[f"Story {c}: headline"] = chain
    with open(out, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1)


if __name__ == "__main__":
    main()
