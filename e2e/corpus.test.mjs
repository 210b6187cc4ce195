// The malformed-input corpus (tests/support/corpus.rs, written by `cargo run --example
// malformed_corpus`) dropped on every upload point of the release build, file by file: the page
// never crashes, never runs a script from a file (a dialog listener that must never fire), never
// blocks its main thread over 250 ms (long tasks observed; the files of 10⁵ rows have a wider
// bound, see below), answers every file — a report or a
// message naming it — in messages of under 600 characters, and keeps working after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { open, pages, root } from './support.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-corpus-'));
execFileSync('cargo', ['run', '--quiet', '--offline', '--example', 'malformed_corpus', '--', dir], { cwd: root, stdio: 'inherit' });
const files = fs.readdirSync(dir);

const VARIANT = /^(?:cut\d_|crlf_|cr_|utf16le_|utf16be_|utf16_nobom_|bad_utf8_|cp1252_|nul_|bom_|case_|num\d_|type\d_|quote_|formula_|hostile_|ragged_|header_only_|dupkeys_|deep_|deepobj_|twice_)?/;
const of = (seeds, extra) => files
  .filter((f) => seeds.includes(f.replace(VARIANT, '')) || extra.includes(f))
  .sort((a, b) => a.length - b.length || a.localeCompare(b));

const POINTS = {
  analyze: of(['evalplus_current.json', 'evalplus_legacy.json', 'verifier.csv', 'verifier.jsonl'],
    ['tasks_1e5.eval_results.json', 'samples_1e5.eval_results.json', 'verifier_1e5.csv', 'bom_only.csv', 'nul_only.json', 'empty.jsonl', 'whitespace.csv', 'odd_utf16.json', 'utf16_bom_only.json']),
  snowball: of(['snowball.csv', 'snowball.jsonl', 'halogen.csv'], ['response_1mb.csv']),
  telephone: of(['telephone_eval.json', 'telephone_inference.json', 'chains.csv', 'chains.jsonl'], ['steps_1e5.csv', 'text_1mb.jsonl']),
  search: of(['search_and_learn.jsonl', 'search_generic.csv', 'search_generic.jsonl'], ['samples_1e5.csv', 'problems_1e5.csv']),
};

for (const [lab, list] of Object.entries(POINTS)) {
  test(`${lab}: ${list.length} broken files, one by one, each answered without a long task or a script run`, { timeout: 900_000 }, async () => {
    assert.ok(list.length > 20, `${lab}: ${list.length} files`);
    const { page, ctx } = await open(`/?v=1&lab=${lab}`);
    const dialogs = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask' });
    });
    const point = pages[lab];
    const slow = [];
    for (const name of list) {
      await page.evaluate(() => { window.__long = []; });
      await page.setInputFiles(point.input, path.join(dir, name));
      // Answered: a report of that file, or a message naming it.
      await page.waitForFunction(([n, errors]) => {
        const report = [...document.querySelectorAll('[data-file]')].some((e) => e.dataset.file === n || e.dataset.file.startsWith(`${n} `));
        const said = [...document.querySelectorAll(`${errors} li`)].some((li) => li.textContent.includes(n));
        return report || said;
      }, [name, point.errors], { timeout: 120_000 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
      const longest = await page.evaluate(() => Math.max(0, ...window.__long));
      // A frame's budget, but for the files of 10⁵ rows: their reply is copied from the worker
      // and read into the page's structures on the main thread in one go (0.3–2.7 s measured,
      // README: not met) — bounded here so that it cannot grow unseen.
      const budget = /_1e5/.test(name) ? 4000 : 250;
      if (longest > budget) slow.push(`${name}: ${Math.round(longest)} ms (budget ${budget} ms)`);
    }
    // Every message is short, every warning line too.
    const texts = await page.evaluate(() => [...document.querySelectorAll('.banner li, .warnings li')].map((li) => li.textContent));
    const long = texts.filter((t) => t.length > 600).map((t) => `${t.length}: ${t.slice(0, 120)}…`);
    assert.deepEqual(long, [], 'messages over 600 characters');
    assert.deepEqual(slow, [], 'main-thread tasks over budget');
    assert.deepEqual(dialogs, [], 'a file ran a script');
    // Markup from a file is text: no element a file named was made.
    assert.equal(await page.locator('main img[src="x"], main script, main svg[onload]').count(), 0);
    // The page still works: another lab opens.
    await page.click('[data-nav="about"]');
    await page.waitForSelector('main[data-lab="about"]');
    await ctx.close();
  });
}
