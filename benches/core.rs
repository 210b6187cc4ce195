//! Native benchmarks of the core (criterion). Browser timings: `node e2e/bench.mjs` (see README).
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use cascade_lab::labs::resampling::analysis::{analyze, permutation_curve, AnalyzeOptions};
    use cascade_lab::labs::resampling::ingest::read_results;
    use cascade_lab::labs::resampling::results::ResultsFile;
    use cascade_lab::labs::resampling::sim::{monte_carlo, ResamplingParams, TaskMix};
    use cascade_lab::rng::Stream;
    use criterion::{black_box, Criterion};

    /// A synthetic EvalPlus file: `tasks` × `samples` in the current schema, with solutions.
    pub fn synthetic_evalplus(tasks: usize, samples: usize, seed: u64) -> String {
        let mut rng = Stream::new(seed, "bench/evalplus");
        let mut out = String::from("{\"date\":\"2024-01-01 00:00\",\"hash\":\"x\",\"eval\":{");
        for t in 0..tasks {
            if t > 0 {
                out.push(',');
            }
            let p = rng.beta(0.6, 0.5);
            out.push_str(&format!("\"HumanEval/{t}\":["));
            for s in 0..samples {
                if s > 0 {
                    out.push(',');
                }
                let correct = rng.bernoulli(p);
                let base = if correct || rng.bernoulli(0.25) {
                    "pass"
                } else {
                    "fail"
                };
                let plus = if correct { "pass" } else { "fail" };
                out.push_str(&format!(
                    "{{\"task_id\":\"HumanEval/{t}\",\"solution\":\"def f(x):\\n    return x + {s}  # a typical solution body of a few hundred bytes, padded to look realistic .................................................................\\n\",\"base_status\":\"{base}\",\"plus_status\":\"{plus}\",\"base_fail_tests\":[],\"plus_fail_tests\":[]}}"
                ));
            }
            out.push(']');
        }
        out.push_str("}}");
        out
    }

    /// The closed form against the authors' 1 000-permutation method on the same 164 × 200 file:
    /// speed ratio and the largest difference between the two utility curves (λ = 1).
    pub fn compare_with_authors() {
        let text = synthetic_evalplus(164, 200, 1);
        let file = read_results("bench.json", text.as_bytes())
            .unwrap()
            .remove(0);
        let opts = AnalyzeOptions::default();
        let t0 = std::time::Instant::now();
        let reps = 50;
        let mut exact = analyze(&file, &opts);
        for _ in 1..reps {
            exact = analyze(black_box(&file), &opts);
        }
        let exact_time = t0.elapsed().as_secs_f64() / reps as f64;
        let t1 = std::time::Instant::now();
        let perm = permutation_curve(&file, 200, 1.0, 1000, 7);
        let perm_time = t1.elapsed().as_secs_f64();
        let max_diff = exact
            .curve
            .iter()
            .zip(&perm)
            .map(|(e, p)| (e.utility.unwrap_or(0.0) - p).abs())
            .fold(0.0f64, f64::max);
        println!(
            "closed form vs authors' 1000 permutations (164 x 200, k = 1..200, lambda = 1): \
             {:.3} ms vs {:.1} ms ({:.0}x faster); largest utility difference {:.4}",
            exact_time * 1e3,
            perm_time * 1e3,
            perm_time / exact_time,
            max_diff
        );
    }

    pub fn benches(c: &mut Criterion) {
        let text = synthetic_evalplus(164, 200, 1);
        let mb = text.len() as f64 / 1e6;
        c.bench_function(&format!("parse EvalPlus 164x200 ({mb:.1} MB)"), |b| {
            b.iter(|| read_results("bench.json", black_box(text.as_bytes())))
        });
        let file: ResultsFile = read_results("bench.json", text.as_bytes())
            .unwrap()
            .remove(0);
        let opts = AnalyzeOptions::default();
        c.bench_function("exact curves 164x200, k=1..200", |b| {
            b.iter(|| analyze(black_box(&file), &opts))
        });
        c.bench_function(
            "authors' method: 1000 permutations per task, k=1..200",
            |b| b.iter(|| permutation_curve(black_box(&file), 200, 1.0, 1000, 7)),
        );
        let p = ResamplingParams::default();
        c.bench_function("simulator exact curves (Beta, k=1..1000)", |b| {
            b.iter(|| TaskMix::from_params(black_box(&p), None).curve(1000, 1.0, 0.0))
        });
        let mc = ResamplingParams {
            benchmarks: 100,
            ..ResamplingParams::default()
        };
        c.bench_function("Monte Carlo 100 benchmarks x 164 tasks", |b| {
            b.iter(|| monte_carlo(black_box(&mc), None, 3))
        });
        snowball(c);
        search_beam(c);
        search_uploads(c);
        search_uploads_16(c);
        telephone(c);
    }

    /// A generic search file (problem_id, answer, correct, score) of `problems` × `samples`,
    /// drawn as scripts/gen_search_and_learn.py draws its files: p ~ Beta(0.8, 1.2), 2 … 12
    /// wrong answers with weights 1/(j + 1), scores N(0.75 or 0.45, 0.15) clamped to [0, 1],
    /// 2 % of samples without an answer.
    pub fn synthetic_search(problems: usize, samples: usize, seed: u64) -> String {
        use cascade_lab::rng::Stream;
        let mut rng = Stream::new(seed, "bench/search-file");
        let mut out = String::from("problem_id,answer,correct,score\n");
        for i in 0..problems {
            let p = rng.beta(0.8, 1.2);
            let wrong = 2 + rng.below(11) as usize;
            let total: f64 = (0..wrong).map(|j| 1.0 / (j + 1) as f64).sum();
            for _ in 0..samples {
                let right = rng.bernoulli(p);
                let answer = if rng.bernoulli(0.02) {
                    String::new()
                } else if right {
                    format!("{}", i * 13 + 1)
                } else {
                    let mut u = rng.uniform() * total;
                    let mut j = 0;
                    while j + 1 < wrong && u >= 1.0 / (j + 1) as f64 {
                        u -= 1.0 / (j + 1) as f64;
                        j += 1;
                    }
                    format!("{}", i * 13 + 2 + j)
                };
                let correct = right && !answer.is_empty();
                let base = if right { 0.75 } else { 0.45 };
                let score = (base + 0.15 * rng.normal()).clamp(0.0, 1.0);
                out.push_str(&format!("p{i},{answer},{correct},{score:.6}\n"));
            }
        }
        out
    }

    /// [`synthetic_search`] read as the page and the CLI read it.
    fn search_file(
        problems: usize,
        samples: usize,
    ) -> Option<cascade_lab::labs::search::ingest::SearchFile> {
        use cascade_lab::labs::search::ingest::{read_search, Aggregate};
        let text = synthetic_search(problems, samples, 1);
        read_search(
            "bench.csv",
            text.as_bytes(),
            Aggregate::Stored,
            &mut |_, _| {},
        )
        .into_iter()
        .next()
    }

    /// The Search lab's upload analysis on 500 problems × 256 samples, k = 1 … 256: the whole
    /// report, and each selector alone.
    pub fn search_uploads(c: &mut Criterion) {
        use cascade_lab::labs::search::analysis::analyze;
        use cascade_lab::labs::search::estimators as e;
        use cascade_lab::rng::Stream;
        let Some(file) = search_file(500, 256) else {
            return;
        };
        c.bench_function("search uploads 500x256: the whole report, k=1..256", |b| {
            b.iter(|| analyze(black_box(&file), &[], 1))
        });
        // The selectors' inputs, as the report builds them.
        let problems: Vec<Vec<e::Sample>> = file
            .problems
            .iter()
            .map(cascade_lab::labs::search::analysis::samples_of)
            .collect();
        c.bench_function("search uploads 500x256: coverage", |b| {
            b.iter(|| {
                for p in &problems {
                    let right = p.iter().filter(|s| s.correct).count();
                    black_box(e::coverage(p.len(), right, 256));
                }
            })
        });
        c.bench_function("search uploads 500x256: best-of-k", |b| {
            b.iter(|| {
                let mut sum = vec![0.0; 256];
                for p in &problems {
                    let pairs: Vec<(f64, bool)> = p
                        .iter()
                        .map(|s| (s.score.unwrap_or(0.0), s.correct))
                        .collect();
                    for (a, w) in sum.iter_mut().zip(e::best_of_k_weights(&pairs)) {
                        *a += w;
                    }
                }
                black_box(e::best_of_k_ranked(&sum, 256))
            })
        });
        c.bench_function("search uploads 500x256: majority", |b| {
            b.iter(|| {
                for p in &problems {
                    black_box(e::majority(&e::groups(p), 256));
                }
            })
        });
        c.bench_function(
            &format!(
                "search uploads 500x256: weighted majority ({} orderings)",
                e::WEIGHTED_DRAWS
            ),
            |b| {
                b.iter(|| {
                    for (i, p) in problems.iter().enumerate() {
                        let mut rng = Stream::indexed(1, "bench/weighted", i as u64);
                        black_box(e::weighted_majority(p, 256, &mut rng));
                    }
                })
            },
        );
    }

    /// 500 problems × 16 samples (a MATH-500 run of search-and-learn's size): the whole report
    /// and the weighted vote counted over all 2¹⁶ subsets of each problem.
    pub fn search_uploads_16(c: &mut Criterion) {
        use cascade_lab::labs::search::analysis::analyze;
        use cascade_lab::labs::search::estimators as e;
        use cascade_lab::rng::Stream;
        let Some(file) = search_file(500, 16) else {
            return;
        };
        c.bench_function("search uploads 500x16: the whole report, k=1..16", |b| {
            b.iter(|| analyze(black_box(&file), &[], 1))
        });
        let problems: Vec<Vec<e::Sample>> = file
            .problems
            .iter()
            .map(cascade_lab::labs::search::analysis::samples_of)
            .collect();
        c.bench_function(
            "search uploads 500x16: weighted majority, every subset",
            |b| {
                b.iter(|| {
                    for p in &problems {
                        black_box(e::weighted_majority_within(
                            p,
                            16,
                            1 << 16,
                            2,
                            &mut Stream::new(1, "bench"),
                        ));
                    }
                })
            },
        );
    }

    /// The Telephone lab: the exact curves and Monte Carlo of one slider move, and scoring
    /// 150 chains × 16 steps of 150-word passages (every metric, against the original and the
    /// previous step).
    fn telephone(c: &mut Criterion) {
        use cascade_lab::labs::telephone::analysis::analyze;
        use cascade_lab::labs::telephone::ingest::read_chains;
        use cascade_lab::labs::telephone::sim as tel;
        let p = tel::TelephoneParams::default();
        c.bench_function("telephone exact, 100 iterations", |b| {
            b.iter(|| tel::exact(black_box(&p)))
        });
        c.bench_function(
            "telephone Monte Carlo, 300 passages x 100 iterations",
            |b| b.iter(|| tel::monte_carlo(black_box(&p), 7, 300)),
        );
        let mut rng = Stream::new(3, "bench/chains");
        let vocab: Vec<String> = (0..400).map(|i| format!("w{i}")).collect();
        let mut text = String::new();
        for c in 0..150 {
            let mut words: Vec<String> = (0..150)
                .map(|_| vocab[rng.below(400) as usize].clone())
                .collect();
            for step in 0..16 {
                text.push_str(&format!(
                    "{{\"chain_id\":\"c{c}\",\"step\":{step},\"text\":\"{}.\"}}\n",
                    words.join(" ")
                ));
                for w in words.iter_mut() {
                    if rng.bernoulli(0.05) {
                        *w = vocab[rng.below(400) as usize].clone();
                    }
                }
            }
        }
        let file = read_chains(text.as_bytes());
        c.bench_function("telephone: score 150 chains x 16 steps x 150 words", |b| {
            b.iter(|| analyze(black_box(&file), "chrf"))
        });
    }

    /// What one Snowball slider move computes: the exact chain, the 1 000-row chain view and
    /// the 10 000-response Monte Carlo.
    fn snowball(c: &mut Criterion) {
        use cascade_lab::labs::snowball::sim as sb;
        let p = sb::SnowballParams::default();
        c.bench_function("snowball exact (dynamic programming)", |b| {
            b.iter(|| sb::exact(black_box(&p)))
        });
        c.bench_function("snowball chain view, 1 000 responses", |b| {
            b.iter(|| {
                let mut rng = Stream::new(7, "snowball/chain-view");
                (0..1000)
                    .map(|_| sb::sample_response(black_box(&p), &mut rng))
                    .collect::<Vec<_>>()
            })
        });
        c.bench_function("snowball Monte Carlo, 10 000 responses", |b| {
            b.iter(|| sb::monte_carlo(black_box(&p), 7, 10_000))
        });
    }

    /// Beam search's Monte Carlo as the page runs it: 2 000 problems, budgets up to 256 and
    /// 1 024 (each step draws its valid count and the kept order statistics, not N candidates).
    pub fn search_beam(c: &mut Criterion) {
        use cascade_lab::labs::search::beam::{monte_carlo, BEAM_PROBLEMS};
        use cascade_lab::labs::search::sim::SearchParams;
        for n_max in [256, 1024] {
            let p = SearchParams {
                n_max,
                ..SearchParams::default()
            };
            c.bench_function(
                &format!("search beam search, {BEAM_PROBLEMS} problems, N <= {n_max}"),
                |b| b.iter(|| monte_carlo(black_box(&p), 7, BEAM_PROBLEMS)),
            );
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::compare_with_authors();
    let mut c = criterion::Criterion::default()
        .sample_size(10)
        .configure_from_args();
    native::benches(&mut c);
    c.final_summary();
}

#[cfg(target_arch = "wasm32")]
fn main() {}
