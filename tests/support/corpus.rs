//! The malformed-input corpus: small valid files of every upload format, broken in every way
//! seen in the wild or worth fearing — cut short, re-encoded (UTF-16, Windows-1252 bytes, invalid
//! UTF-8, NUL), other line ends, a byte-order mark alone, NaN and infinities, duplicate keys,
//! wrong types, deep nesting, unbalanced quotes, formula cells, letters whose case changes their
//! length, 10⁵ tasks of one sample and one task of 10⁵ samples, a 1 MB text, a 50 MB line.
//!
//! Used by `tests/malformed.rs` (every file through every lab, natively, as the worker runs it)
//! and written to a folder by `cargo run --example malformed_corpus -- DIR` (the end-to-end test
//! drops a selection on the page; the fuzz targets take it as seeds).

/// One file of the corpus.
pub struct Case {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Valid files, one per format (name, content).
pub fn seeds() -> Vec<(&'static str, String)> {
    vec![
        (
            "evalplus_current.json",
            r#"{"date": "2024-01-01 00:00", "eval": {"HumanEval/0": [{"task_id": "HumanEval/0", "solution": "def f():\n    return 1", "base_status": "pass", "plus_status": "fail"}, {"task_id": "HumanEval/0", "base_status": "fail", "plus_status": "fail"}], "HumanEval/1": [{"task_id": "HumanEval/1", "base_status": "pass", "plus_status": "pass"}]}}"#.into(),
        ),
        (
            "evalplus_legacy.json",
            r#"{"eval": {"HumanEval/0": {"nfiles": 2, "base": [["pass", []], ["failed", []]], "plus": [["pass", []], ["timed out", []]]}}}"#.into(),
        ),
        (
            "verifier.csv",
            "task_id,verifier_pass,correct,model\nt1,1,1,a\nt1,0,0,a\nt2,1,0,b\nt2,true,false,b\n".into(),
        ),
        (
            "verifier.jsonl",
            "{\"task_id\": \"t1\", \"verifier_pass\": 1, \"correct\": 1}\n{\"task_id\": \"t1\", \"verifier_pass\": false, \"correct\": false}\n{\"task_id\": \"t2\", \"verifier_pass\": true, \"correct\": 0}\n".into(),
        ),
        (
            "snowball.csv",
            "id,category,question,response,gold,claims\n1,primality,Is 7411 a prime number?,\"No, 7411 = 7 × 1058.7.\",yes,\"['7411 = 7 × 1058.7']\"\n2,senator,Was there a senator from Alabama who went to MIT?,\"Yes, John Smith.\",no,\n3,graph,Is there a path from A to B?,No.,no,[]\n".into(),
        ),
        (
            "snowball.jsonl",
            "{\"id\": 1, \"category\": \"primality\", \"question\": \"Is 7 prime?\", \"response\": \"Yes.\", \"gold\": true}\n{\"id\": 2, \"category\": \"graph\", \"response\": \"No, there is no path.\", \"claims\": [\"A has no flight\"]}\n".into(),
        ),
        (
            "halogen.csv",
            "prompt,category,response,extract_atomic_unit_prompt,parsed_response,atomic_units,true_answer,yesno,hallucinated_atomic_units\nIs 7411 a prime number?,primality,\"No, it is divisible by 3.\",x,y,\"['no', 3]\",['yes'],['no'],\"[3]\"\nIs 13 a prime number?,primality,Yes.,x,y,['yes'],['yes'],[],[]\n".into(),
        ),
        (
            "telephone_eval.json",
            r#"{"A title": {"0": {"text": "The cat sat on the mat and looked at the door.", "BLEU": 1.0, "factscore": 0.9}, "2": {"text": "A cat sat on a mat, looking at the door.", "BLEU": 0.4}, "4": {"text": "", "BLEU": 0.0}}, "Another": {"0": {"text": "Rain fell on the old town all night."}, "2": {"text": "It rained all night in the old town."}}}"#.into(),
        ),
        (
            "telephone_inference.json",
            r#"{"id1": {"prompt": "Translate", "0_en": "The cat sat on the mat.", "1_fr": "Le chat était assis.", "1_en": "The cat was sitting.", "model_sequence": ["m1"]}}"#.into(),
        ),
        (
            "chains.csv",
            "chain_id,step,text,model,factscore\nc1,0,The cat sat on the mat.,m,0.9\nc1,1,\"A cat sat, on a mat.\",m,0.8\nc1,2,A cat sat.,m,0.5\nc2,0,Rain fell all night.,m,1\nc2,1,It rained at night.,m,0.7\n".into(),
        ),
        (
            "chains.jsonl",
            "{\"chain_id\": \"c1\", \"step\": 0, \"text\": \"The cat sat on the mat.\"}\n{\"chain_id\": \"c1\", \"step\": 1, \"text\": \"A cat sat on a mat.\", \"language\": \"fr\"}\n{\"chain_id\": \"c1\", \"step\": 2, \"text\": \"A cat.\"}\n".into(),
        ),
        (
            "search_and_learn.jsonl",
            "{\"problem\": \"1+1?\", \"answer\": \"2\", \"completions\": [\"so \\\\boxed{2}\", \"\\\\boxed{3}\", \"no box\"], \"scores\": [[0.9, 0.8], [0.2], [0.5]], \"agg_scores\": [0.8, 0.2, 0.5], \"pred\": \"\\\\boxed{2}\"}\n{\"problem\": \"\\\\frac{1}{2}?\", \"answer\": \"\\\\frac12\", \"completions\": [\"\\\\boxed{0.5}\", \"\\\\boxed{\\\\frac{1}{2}}\"], \"scores\": [[0.4], [0.7]]}\n".into(),
        ),
        (
            "search_generic.csv",
            "problem_id,answer,correct,score,model,sample_id\np1,4,1,0.9,a,s1\np1,5,0,0.95,a,s2\np2,x,0,0.1,a,s1\np2,y,1,,a,s2\n".into(),
        ),
        (
            "search_generic.jsonl",
            "{\"problem_id\": \"p1\", \"answer\": \"4\", \"correct\": true, \"score\": 0.9}\n{\"problem_id\": \"p1\", \"answer\": \"5\", \"correct\": false, \"score\": 0.3}\n".into(),
        ),
    ]
}

fn utf16(text: &str, bom: bool, big: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if big { b"\xFE\xFF" } else { b"\xFF\xFE" });
    }
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

fn insert(bytes: &[u8], at: usize, what: &[u8]) -> Vec<u8> {
    let at = at.min(bytes.len());
    [&bytes[..at], what, &bytes[at..]].concat()
}

/// Each seed broken in every way, plus the files that are big by construction. `big` adds
/// the 50 MB single line (left out where a run must stay quick).
pub fn corpus(big: bool) -> Vec<Case> {
    let mut out = Vec::new();
    let mut add = |name: String, bytes: Vec<u8>| out.push(Case { name, bytes });
    for (seed, text) in seeds() {
        let bytes = text.as_bytes();
        let n = bytes.len();
        let csv = seed.ends_with(".csv");
        add(seed.to_string(), bytes.to_vec());
        for (k, cut) in [n / 3, n / 2, n.saturating_sub(1), 1]
            .into_iter()
            .enumerate()
        {
            add(format!("cut{k}_{seed}"), bytes[..cut].to_vec());
        }
        add(
            format!("crlf_{seed}"),
            text.replace('\n', "\r\n").into_bytes(),
        );
        add(format!("cr_{seed}"), text.replace('\n', "\r").into_bytes());
        add(format!("utf16le_{seed}"), utf16(&text, true, false));
        add(format!("utf16be_{seed}"), utf16(&text, true, true));
        add(format!("utf16_nobom_{seed}"), utf16(&text, false, false));
        add(
            format!("bad_utf8_{seed}"),
            insert(bytes, n / 2, b"\xFF\xC3\x28\x80"),
        );
        add(
            format!("cp1252_{seed}"),
            insert(bytes, n / 2, b"caf\xE9 \x93quoted\x94"),
        );
        add(format!("nul_{seed}"), insert(bytes, n / 2, b"\0\0"));
        add(
            format!("bom_{seed}"),
            [b"\xEF\xBB\xBF".as_slice(), bytes].concat(),
        );
        // Letters whose case changes their length, in names and values.
        add(
            format!("case_{seed}"),
            text.replacen("id", "\u{130}d", 1)
                .replace("a", "\u{1E9E}a\u{130}")
                .into_bytes(),
        );
        // Numbers that are not: NaN, infinities, -0, out of range.
        for (k, (from, to)) in [
            ("1", "NaN"),
            ("0", "-0"),
            ("1", "1e999"),
            ("0", "Infinity"),
            ("1", "-inf"),
        ]
        .into_iter()
        .enumerate()
        {
            add(
                format!("num{k}_{seed}"),
                text.replace(from, to).into_bytes(),
            );
        }
        // Wrong types where values are.
        for (k, (from, to)) in [
            ("\"pass\"", "7"),
            (": \"", ": [\""),
            (": [", ": {\"x\": ["),
            ("true", "\"maybe\""),
            (": 1", ": null"),
        ]
        .into_iter()
        .enumerate()
        {
            if text.contains(from) {
                add(
                    format!("type{k}_{seed}"),
                    text.replacen(from, to, 2).into_bytes(),
                );
            }
        }
        if csv {
            // An unbalanced quote, a formula in every cell of a row, a ragged row.
            let mut lines: Vec<&str> = text.lines().collect();
            let second = lines.get(1).copied().unwrap_or("");
            let quoted = second.replacen(',', ",\"", 1);
            let width = lines.first().map_or(1, |h| h.split(',').count());
            let formulas = vec![
                "=HYPERLINK(\"http://x\",\"y\")",
                "+cmd|' /C calc'!A0",
                "@SUM(1+1)",
                "-2+3",
            ]
            .into_iter()
            .cycle()
            .take(width)
            .collect::<Vec<_>>()
            .join(",");
            if lines.len() > 1 {
                lines[1] = &quoted;
            }
            add(format!("quote_{seed}"), lines.join("\n").into_bytes());
            add(
                format!("formula_{seed}"),
                format!("{text}{formulas}\n").into_bytes(),
            );
            // Markup and script in every cell: shown as text, never run.
            let hostile = vec![
                "<img src=x onerror=alert(1)>",
                "<script>alert(2)</script>",
                "\"><svg onload=alert(3)>",
                "javascript:alert(4)",
            ]
            .into_iter()
            .cycle()
            .take(width)
            .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(",");
            add(
                format!("hostile_{seed}"),
                format!("{text}{hostile}\n{hostile}\n").into_bytes(),
            );
            add(
                format!("ragged_{seed}"),
                format!("{text}a\nb,c,d,e,f,g,h,i,j,k,l\n,,,,\n").into_bytes(),
            );
            add(
                format!("header_only_{seed}"),
                format!("{}\n", text.lines().next().unwrap_or("")).into_bytes(),
            );
        } else {
            // Duplicate keys; a line of nested arrays; the file twice.
            add(
                format!("dupkeys_{seed}"),
                text.replacen(
                    "{\"",
                    "{\"eval\": 1, \"eval\": {}, \"task_id\": 1, \"task_id\": 2, \"",
                    1,
                )
                .into_bytes(),
            );
            add(
                format!("deep_{seed}"),
                format!("{}{}\n{text}", "[".repeat(100_000), "]".repeat(99_999)).into_bytes(),
            );
            add(
                format!("deepobj_{seed}"),
                format!("{text}\n{}", "{\"a\":".repeat(50_000)).into_bytes(),
            );
            add(
                format!("twice_{seed}"),
                format!("{text}{text}").into_bytes(),
            );
        }
    }
    add("bom_only.csv".into(), b"\xEF\xBB\xBF".to_vec());
    add("utf16_bom_only.json".into(), b"\xFF\xFE".to_vec());
    add("empty.jsonl".into(), Vec::new());
    add("whitespace.csv".into(), b" \r\n\t\n".to_vec());
    add("nul_only.json".into(), vec![0; 4096]);
    add("odd_utf16.json".into(), b"\xFF\xFE{\0}".to_vec());
    // Sizes: 10⁵ tasks of one sample, one task of 10⁵ samples, a chain of 10⁵ steps, a 1 MB text.
    let many = 100_000;
    let tasks: String = (0..many)
        .map(|i| format!("\"T/{i}\": [{{\"base_status\": \"pass\", \"plus_status\": \"fail\"}}]"))
        .collect::<Vec<_>>()
        .join(", ");
    add(
        "tasks_1e5.eval_results.json".into(),
        format!("{{\"eval\": {{{tasks}}}}}").into_bytes(),
    );
    let samples: String = (0..many)
        .map(|i| {
            format!(
                "{{\"base_status\": \"{}\", \"plus_status\": \"pass\"}}",
                if i % 3 == 0 { "pass" } else { "fail" }
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    add(
        "samples_1e5.eval_results.json".into(),
        format!("{{\"eval\": {{\"T/0\": [{samples}]}}}}").into_bytes(),
    );
    let rows: String = (0..many)
        .map(|i| format!("p{i},{},{}\n", i % 7, i % 2))
        .collect();
    add(
        "problems_1e5.csv".into(),
        format!("problem_id,answer,correct\n{rows}").into_bytes(),
    );
    let rows: String = (0..many)
        .map(|i| {
            format!(
                "p0,{},{},{}\n",
                i % 7,
                (i % 7 == 3) as u8,
                (i % 101) as f64 / 100.0
            )
        })
        .collect();
    add(
        "samples_1e5.csv".into(),
        format!("problem_id,answer,correct,score\n{rows}").into_bytes(),
    );
    let rows: String = (0..many)
        .map(|i| format!("c1,{i},step {i} of the chain\n"))
        .collect();
    add(
        "steps_1e5.csv".into(),
        format!("chain_id,step,text\n{rows}").into_bytes(),
    );
    let rows: String = (0..many)
        .map(|i| format!("t{i},{},{}\n", i % 2, i % 3 == 0))
        .collect();
    add(
        "verifier_1e5.csv".into(),
        format!("task_id,verifier_pass,correct\n{rows}").into_bytes(),
    );
    let words: String = (0..200_000).map(|i| format!("w{} ", i % 60_000)).collect();
    add(
        "text_1mb.jsonl".into(),
        format!("{{\"chain_id\": 1, \"step\": 0, \"text\": \"{words}\"}}\n{{\"chain_id\": 1, \"step\": 1, \"text\": \"{}\"}}\n", &words[..words.len() / 2]).into_bytes(),
    );
    let response: String = "No. ".repeat(250_000);
    add(
        "response_1mb.csv".into(),
        format!("id,category,question,response\n1,primality,Is 7 prime?,\"{response}\"\n")
            .into_bytes(),
    );
    if big {
        // One line of 50 MB: a single completion that long.
        let long = "x".repeat(50 << 20);
        add(
            "line_50mb.jsonl".into(),
            format!("{{\"problem\": \"1+1?\", \"answer\": \"2\", \"completions\": [\"{long} \\\\boxed{{2}}\"], \"scores\": [[0.5]]}}\n").into_bytes(),
        );
    }
    out
}
