// Files from other tools and other labs, dropped on the page: each gets one short message naming
// its format and what to do — a link to the lab that reads it, or what to export instead — and
// no report is made of it (an Inspect log was once read as an EvalPlus file with 0 tasks).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { open, pages, root, cli } from './support.mjs';

const fx = (name) => path.join(root, 'tests', 'fixtures', name);

test('an Inspect log in Analyze is named, with what to export, and no report is made of it', async () => {
  const { page, ctx } = await open('/?v=1&lab=analyze');
  await page.setInputFiles(pages.analyze.input, fx('inspect_arc_easy_qwen2.5-0.5b.json'));
  await page.waitForSelector(pages.analyze.errors);
  const text = await page.locator(pages.analyze.errors).innerText();
  assert.match(text, /inspect_arc_easy_qwen2\.5-0\.5b\.json: this is an Inspect AI eval log/);
  assert.match(text, /task_id, verifier_pass, correct/);
  assert.ok(text.length < 500, text);
  assert.equal(await page.locator(pages.analyze.report()).count(), 0);
  assert.equal(await page.locator('.goto-lab').count(), 0);
  // The command line says the same.
  const run = spawnSync(cli, ['resampling', 'analyze', fx('inspect_arc_easy_qwen2.5-0.5b.json')], { encoding: 'utf8' });
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /inspect_arc_easy_qwen2\.5-0\.5b\.json: this is an Inspect AI eval log/);
  await ctx.close();
});

test('another lab\'s file names that lab, and its link opens it with the settings kept', async () => {
  const { page, ctx } = await open('/?v=1&lab=search&seed=7');
  await page.setInputFiles(pages.search.input, fx('telephone_chains.jsonl'));
  await page.waitForSelector(pages.search.errors);
  assert.match(await page.locator(pages.search.errors).innerText(), /telephone_chains\.jsonl: this is a chain table \(chain_id, step, text\), which the Telephone lab reads\./);
  const link = page.locator(`${pages.search.errors} a.goto-lab[data-goto="telephone"]`);
  assert.equal(await link.innerText(), 'Open the Telephone lab');
  assert.match(await link.getAttribute('href'), /lab=telephone/);
  assert.match(await link.getAttribute('href'), /seed=7/);
  await link.click();
  await page.waitForSelector(pages.telephone.input);
  assert.equal(await page.locator('[data-nav="telephone"]').getAttribute('aria-current'), 'page');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('lab') === 'telephone');
  await ctx.close();
});

test('lm-evaluation-harness samples, a Tree-of-Thoughts log and a Broken Telephone JSON in Snowball', async () => {
  const { page, ctx } = await open('/?v=1&lab=snowball');
  for (const [file, said] of [
    ['lm_eval_gpqa_first3.jsonl', /this is an lm-evaluation-harness samples file \(--log_samples\), not a file any lab reads\. To use it here, write one row per answer/],
    ['tot_game24_first3.json', /this is a Tree-of-Thoughts result log/],
    ['broken_telephone_eval_small.json', /this is a Broken Telephone evaluation JSON, which the Telephone lab reads/],
  ]) {
    await page.setInputFiles(pages.snowball.input, fx(file));
    await page.waitForFunction(([sel, f]) => document.querySelector(sel)?.innerText.includes(f), [pages.snowball.errors, file]);
    const item = page.locator(`${pages.snowball.errors} li`, { hasText: file });
    assert.match(await item.innerText(), said);
  }
  assert.equal(await page.locator(pages.snowball.report).count(), 0);
  await ctx.close();
});

test('markup in a file stays text: on the page, in the chart legend and in the exported SVG', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-hostile-'));
  const name = 'hostile.csv';
  const evil = '<img src=x onerror=alert(1)>';
  const rows = ['problem_id,answer,correct,score,model'];
  for (let p = 0; p < 4; p += 1) {
    for (let s = 0; s < 4; s += 1) {
      rows.push(`<b>p${p}</b>,${s},${s === p % 4 ? 1 : 0},${(s + 1) / 10},"${evil}"`);
      rows.push(`<b>p${p}</b>,${s},${s === 0 ? 1 : 0},${(4 - s) / 10},"<script>alert(2)</script>"`);
    }
  }
  fs.writeFileSync(path.join(dir, name), `${rows.join('\n')}\n`);
  const { page, ctx } = await open('/?v=1&lab=search');
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.setInputFiles(pages.search.input, path.join(dir, name));
  await page.waitForSelector(pages.search.report());
  const chart = page.locator(pages.search.chart);
  assert.match(await chart.evaluate((e) => e.textContent), /<img src=x onerror=alert\(1\)>/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    chart.getByRole('button', { name: 'SVG', exact: true }).click(),
  ]);
  const svg = fs.readFileSync(await download.path(), 'utf8');
  assert.match(svg, /&lt;img src=x onerror=alert\(1\)&gt;/);
  assert.doesNotMatch(svg, /<img|<script/);
  // The file parses as XML, and no element came from the file's words.
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, made: doc.querySelectorAll('img, script, b').length };
  }, svg);
  assert.deepEqual(parsed, { error: null, made: 0 });
  assert.equal(await page.locator('main img[src="x"], main script, main b').count(), 0);
  assert.deepEqual(dialogs, []);
  await ctx.close();
});
