#!/usr/bin/env python3
"""Writes tests/data/text_metric_vectors.json: BLEU and chrF from sacrebleu, ROUGE-1 and
ROUGE-L F-measure from rouge-score, for hypothesis/reference pairs that exercise the
tokenisers' corners. The Rust metrics (src/analysis/text_metrics.rs) must reproduce them.

    python3 -m venv /tmp/v && /tmp/v/bin/pip install sacrebleu==2.6.0 rouge-score==0.1.2
    /tmp/v/bin/python scripts/text_metric_vectors.py

Conventions (the libraries' defaults): sacrebleu.sentence_bleu (13a tokeniser, exp smoothing,
effective order) and sacrebleu.sentence_chrf (character 6-grams, beta 2, whitespace removed),
both divided by 100; rouge_score.RougeScorer(['rouge1', 'rougeL'], use_stemmer=False)
(lowercase, non-alphanumerics as separators), F-measure.
"""
import json
import random
import sys

import sacrebleu
from rouge_score import rouge_scorer

PASSAGE = (
    "A lorry driver from Leeds was fined £1,200 on Tuesday after his truck shed 3.5 tonnes of "
    "gravel across the M62, closing two lanes for nearly four hours. West Yorkshire Police said "
    "nobody was hurt, although a 24-year-old cyclist was treated for shock. The driver, who "
    "admitted failing to secure his load, told magistrates he had been working 14-hour shifts "
    "since March. \"It was a mistake & I am sorry,\" he said. The haulage firm has since "
    "introduced random checks (weekly) and a new training course; its director called the "
    "incident 'unacceptable'."
)

PAIRS = [
    ("the cat sat on the mat", "the cat sat on the mat"),
    ("the cat is on the mat", "the cat sat on the mat"),
    ("", "the cat sat on the mat"),
    ("the cat sat on the mat", ""),
    ("completely different words here", "the cat sat on the mat"),
    ("cat", "the cat sat on the mat"),
    ("mat the on sat cat the", "the cat sat on the mat"),
    ("It costs $1,000.50 (about 3-4 days' pay).", "It costs $1,000.50, about 3-4 days' pay."),
    ("Hello, world. Goodbye,world.x", "Hello , world . Goodbye , world . x"),
    ("Tom &amp; Jerry &lt;3 &quot;cartoons&quot;", "Tom & Jerry <3 \"cartoons\""),
    ("state-of-the-\nart models\nwork", "state-of-the-art models work"),
    ("Café naïve résumé — déjà vu", "Cafe naive resume - deja vu"),
    ("东京是日本的首都。", "日本的首都是东京。"),
    ("กรุงเทพมหานครเป็นเมืองหลวง", "เมืองหลวงคือกรุงเทพมหานคร"),
    ("The KELVIN sign K and İstanbul", "the kelvin sign k and istanbul"),
    ("tabs\tand\u00a0non-breaking\u2003spaces  ", "tabs and non-breaking spaces"),
    ("<skipped> words remain", "words remain"),
    ("a b c d e f g h", "a b c d e f g h i j k l"),
    ("2024-11-26 at 10.30am, 5,000 people", "On 2024-11-26 at 10:30, 5000 people"),
    ("x", "x"),
    ("x y", "x y z"),
    ("!!!", "???"),
]


def mutate(text, rng, rate):
    words = text.split()
    out = []
    for w in words:
        r = rng.random()
        if r < rate / 3:
            continue  # deletion
        if r < 2 * rate / 3:
            out.append(rng.choice(["the", "a", "reportedly", "large", "several", "officials"]))
            continue  # substitution
        out.append(w)
        if r > 1 - rate / 3:
            out.append(rng.choice(["also", "however,", "then", "new", "local"]))  # insertion
    return " ".join(out)


def main():
    rng = random.Random(20251126)
    pairs = list(PAIRS)
    text = PASSAGE
    for step in range(12):
        text = mutate(text, rng, 0.08)
        pairs.append((text, PASSAGE))
    prev = PASSAGE
    for rate in (0.02, 0.1, 0.3, 0.6):
        cur = mutate(prev, rng, rate)
        pairs.append((cur, prev))
        prev = cur
    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeL"], use_stemmer=False)
    vectors = []
    for hyp, ref in pairs:
        r = scorer.score(ref, hyp)
        vectors.append({
            "hypothesis": hyp,
            "reference": ref,
            "bleu": sacrebleu.sentence_bleu(hyp, [ref]).score / 100.0,
            "chrf": sacrebleu.sentence_chrf(hyp, [ref]).score / 100.0,
            "rouge1": r["rouge1"].fmeasure,
            "rougeL": r["rougeL"].fmeasure,
        })
    out = {
        "produced_by": "scripts/text_metric_vectors.py with sacrebleu %s and rouge-score 0.1.2" % sacrebleu.__version__,
        "vectors": vectors,
    }
    path = sys.argv[1] if len(sys.argv) > 1 else "tests/data/text_metric_vectors.json"
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(vectors)} vectors written to {path}")


if __name__ == "__main__":
    main()
