// End-to-end: the Resampling lab and its Analyze page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, shots, fixture, open, metric, runCli, base } from './support.mjs';


test('moving a slider updates the numbers and the link', async () => {
  const { page, ctx } = await open('/?v=1&mix=two');
  const before = await metric(page, 'sim_optimal_k');
  assert.equal(before, '2'); // λ = 1 → k* = 2 (science.md §3.4)
  await page.locator('#lambda').fill('0.7');
  await page.locator('#lambda').dispatchEvent('input');
  await page.waitForFunction(() => document.querySelector('[data-metric="sim_optimal_k"]').dataset.value === '3');
  await page.waitForFunction(() => location.search.includes('lam=0.7'));
  await page.locator('#lambda').focus();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight'); // 0.7 + 6 × 0.05 = 1.0
  await page.waitForFunction(() => document.querySelector('[data-metric="sim_optimal_k"]').dataset.value === '2');
  await ctx.close();
});


test('the paper\'s 17 models: the least-squares fit is computed in the page', async () => {
  const { page, ctx } = await open('/');
  assert.ok(Math.abs(Number(await metric(page, 'fit_slope')) - 0.218) < 0.0005);
  assert.ok(Math.abs(Number(await metric(page, 'fit_intercept')) - 0.725) < 0.0005);
  assert.ok(Math.abs(Number(await metric(page, 'fit_r_squared')) - 0.892) < 0.0005);
  assert.equal(await page.locator('[data-chart="resampling-models"] .chart-svg circle').count(), 17);
  await ctx.close();
});


test('share link with λ = 2 shows the same optimal k as the CLI', async () => {
  const link = '/?v=1&mix=two&lam=2&seed=7&mc=100';
  const want = runCli(['link', base + link, '--json']);
  const { page, ctx } = await open(link);
  assert.equal(await metric(page, 'sim_optimal_k'), String(want.numbers.optimal_k));
  assert.equal(Number(await metric(page, 'sim_ceiling')), want.numbers.ceiling);
  assert.equal(Number(await metric(page, 'sim_single_sample_accuracy')), want.numbers.single_sample_accuracy);
  assert.equal(await metric(page, 'sim_benchmarks'), '100');
  // The Monte Carlo run finishes in chunks between frames; then its dots are drawn.
  await page.waitForSelector('[data-metric="sim_mc_tasks"][data-value="16400"]');
  assert.ok((await page.locator('[data-chart="resampling-outcomes"] .chart-svg circle').count()) > 0, 'Monte Carlo dots drawn');
  await page.screenshot({ path: path.join(shots, 'resampling-simulate.png'), fullPage: true });
  await ctx.close();
});


test('uploading an EvalPlus file shows the CLI numbers', async () => {
  const want = runCli(['resampling', 'analyze', fixture, '--json']).files[0];
  const { page, ctx } = await open('/?v=1&lab=analyze');
  await page.setInputFiles('#upload-input', fixture);
  const card = `.file-report[data-file="${want.name}"]`;
  await page.waitForSelector(card);
  for (const key of ['single_sample_accuracy', 'verifier_pass_rate', 'conditional_accuracy', 'ceiling', 'accuracy_at_n_max']) {
    assert.equal(Number(await metric(page, key, card)), want[key], key);
  }
  // The ceiling is the limit k → ∞, shown with the range one sample per task leaves open; the
  // measured accuracy at k = 1 is named apart, and the page says what such a file can tell.
  const hint = await page.locator(`${card} [data-metric="ceiling"] + .metric-hint`).innerText();
  assert.match(hint, new RegExp(`95 % range ${(100 * want.ceiling_range.lo).toFixed(1)}–${(100 * want.ceiling_range.hi).toFixed(1)} %: ${want.tasks_never_passed} of ${want.tasks} tasks never passed`));
  assert.match(await page.locator(`${card} #one-sample-note`).innerText(), /One sample per task/);
  assert.equal(Number(await metric(page, 'tasks', card)), want.tasks);
  assert.equal(Number(await metric(page, 'samples', card)), want.samples);
  assert.equal(Number(await metric(page, 'optimal_k', card)), want.optimal_k);
  await page.screenshot({ path: path.join(shots, 'resampling-analyze.png'), fullPage: true });
  await ctx.close();
});

test('a file in which no sample passes is named as what it most likely is', async () => {
  const file = path.join(root, 'tests', 'fixtures', 'legacy_10_samples_all_failed.eval_results.json');
  const want = runCli(['resampling', 'analyze', file, '--json']).files[0];
  assert.match(want.warnings[0], /sanitize/);
  const { page, ctx } = await open('/?v=1&lab=analyze');
  await page.setInputFiles('#upload-input', file);
  const card = `.file-report[data-file="${want.name}"]`;
  await page.waitForSelector(card);
  assert.match(await page.locator(`${card} .warnings`).innerText(), /Not one of the \d+ samples passes the verifier/);
  await ctx.close();
});

test('the false-negative filter drops the task whose correct sample failed the base tests, like the CLI', async () => {
  const want = runCli(['resampling', 'analyze', fixture, '--json']).files[0];
  const { page, ctx } = await open('/?v=1&lab=analyze');
  await page.setInputFiles('#upload-input', fixture);
  const card = `.file-report[data-file="${want.name}"]`;
  await page.waitForSelector(card);
  // The false-negative filter drops the task whose correct sample failed the base tests.
  const filtered = runCli(['resampling', 'analyze', fixture, '--drop-false-negatives', '--json']).files[0];
  await page.check('#drop-fn');
  await page.waitForFunction((n) => document.querySelector('.file-report [data-metric="tasks"]').dataset.value === String(n), filtered.tasks);
  assert.equal(Number(await metric(page, 'dropped_tasks', card)), filtered.dropped_false_negative_tasks.length);
  assert.equal(Number(await metric(page, 'ceiling', card)), filtered.ceiling);
  await page.waitForFunction(() => location.search.includes('fnf=1'));
  await ctx.close();
});


test('runs add up: "Run 1" twice draws two benchmarks, the link reproduces both, Clear starts over', async () => {
  const { page, ctx } = await open('/?v=1&mix=two');
  await page.click('#mc-1');
  await page.waitForSelector('[data-metric="sim_mc_tasks"][data-value="164"]');
  await page.click('#mc-1');
  await page.waitForSelector('[data-metric="sim_mc_tasks"][data-value="328"]');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('mc') === '2');
  const table = async (p) => {
    const chart = p.locator('[data-chart="resampling-outcomes"]');
    await chart.locator('.chart-tools button').first().click();
    const text = await chart.locator('.data-table').innerText();
    await chart.locator('.chart-tools button').first().click();
    return text;
  };
  const here = await table(page);
  const again = await open(`/${await page.evaluate(() => location.search)}`);
  await again.page.waitForSelector('[data-metric="sim_mc_tasks"][data-value="328"]');
  assert.equal(await table(again.page), here, 'the link draws the same two benchmarks');
  await again.ctx.close();
  // 100 more go on from the two (benchmarks 3 … 102), the same as a link of 102.
  await page.click('#mc-100');
  await page.waitForSelector('[data-metric="sim_mc_tasks"][data-value="16728"]', { timeout: 30000 });
  await page.click('#mc-clear');
  await page.waitForFunction(() => !new URLSearchParams(location.search).has('mc'));
  assert.equal(await metric(page, 'sim_benchmarks'), '0');
  await ctx.close();
});

test('10 000 Monte Carlo benchmarks run in chunks with a progress bar, and can be cancelled', async () => {
  const { page, ctx } = await open('/?v=1&mix=two');
  await page.click('#mc-10000');
  await page.waitForSelector('#mc-progress');
  await page.click('#mc-cancel');
  await page.waitForFunction(() => !location.search.includes('mc='));
  assert.equal(await page.locator('#mc-progress').count(), 0);
  await page.click('#mc-10000');
  // While it runs, every counter says what has been drawn so far, never the request or an
  // older run: "N of 10000 benchmarks drawn so far" and tasks simulated = N × 164.
  await page.waitForFunction(() => {
    const p = document.getElementById('mc-progress');
    const tasks = Number(document.querySelector('[data-metric="sim_mc_tasks"]').dataset.value);
    return p && tasks > 0 && tasks < 1640000;
  }, null, { timeout: 60000 });
  const during = await page.evaluate(() => ({
    done: Number(document.getElementById('mc-progress').value),
    tasks: Number(document.querySelector('[data-metric="sim_mc_tasks"]').dataset.value),
    said: document.querySelector('[data-metric="sim_benchmarks"]').textContent,
  }));
  assert.match(during.said, /of 10000 benchmarks drawn so far/);
  assert.ok(during.tasks <= during.done * 164, `tasks ${during.tasks} ≤ ${during.done} drawn × 164`);
  await page.waitForSelector('[data-metric="sim_mc_tasks"][data-value="1640000"]', { timeout: 60000 });
  // With 1.64 million tasks the dots sit on the exact curve.
  const dots = await page.locator('[data-chart="resampling-outcomes"] .chart-svg circle').count();
  assert.ok(dots > 0);
  await ctx.close();
});


test('charts export SVG, PNG and CSV and show a table', async () => {
  const { page, ctx } = await open('/?v=1&mix=two');
  const chart = page.locator('[data-chart="resampling-outcomes"]');
  for (const [label, ext] of [['SVG', 'svg'], ['PNG', 'png'], ['CSV', 'csv']]) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name: label, exact: true }).click(),
    ]);
    assert.equal(download.suggestedFilename(), `resampling-outcomes.${ext}`);
    const bytes = fs.readFileSync(await download.path());
    if (ext === 'svg') assert.match(bytes.toString(), /^<svg[^>]*role="img"/);
    if (ext === 'png') assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
    if (ext === 'csv') assert.match(bytes.toString(), /^series,x,y,lo,hi\naccuracy \(exact\),1,/);
  }
  await chart.getByRole('button', { name: 'Show as table' }).click();
  assert.equal(await chart.locator('tbody tr').count(), 200);
  await ctx.close();
});


test('a simulated example is analysed and can be the weak model', async () => {
  const { page, ctx } = await open('/?v=1&lab=analyze&mix=two&lam=2');
  await page.click('#try-example');
  const card = '.file-report';
  await page.waitForSelector(card);
  assert.equal(await metric(page, 'samples_per_task_min', card), '100');
  assert.equal(await metric(page, 'tasks', card), '164');
  const k = Number(await metric(page, 'optimal_k', card));
  assert.ok(k >= 1 && k <= 5, `λ = 2 on the two-type example peaks early, got k* = ${k}`);
  await page.screenshot({ path: path.join(shots, 'resampling-analyze-simulated.png'), fullPage: true });
  await page.click('a[data-nav="resampling"]');
  await page.waitForSelector('main[data-lab="resampling"]');
  const value = await page.locator('#weak option', { hasText: 'upload: simulated' }).getAttribute('value');
  await page.selectOption('#weak', value);
  await page.waitForFunction(() => /simulated/.test(document.querySelector('[data-metric="weak_strong_crossing"]').textContent));
  assert.equal(await metric(page, 'weak_strong_crossing'), 'never'); // ceiling ≈ .72 < GPT-4o's .855
  // The uploaded model is named on its point of the HumanEval+ scatter (and in its legend).
  const scatter = page.locator('[data-chart="resampling-models"]');
  await scatter.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-chart="resampling-models"] .chart-dots svg text')]
    .some((t) => /simulated/.test(t.textContent)));
  assert.match(await scatter.locator('.chart-legend').textContent(), /simulated/);
  await ctx.close();
});


// A synthetic EvalPlus file (current schema) of tasks × samples.
function syntheticEvalplus(tasks, samples) {
  const parts = [];
  for (let t = 0; t < tasks; t++) {
    const list = [];
    for (let s = 0; s < samples; s++) {
      const correct = (t * 7 + s * 13) % 10 < 6;
      list.push(JSON.stringify({ task_id: `HumanEval/${t}`, solution: `def f(x):\n    return x + ${s}  # ${'.'.repeat(200)}`,
        base_status: correct || s % 4 === 0 ? 'pass' : 'fail', plus_status: correct ? 'pass' : 'fail', base_fail_tests: [], plus_fail_tests: [] }));
    }
    parts.push(`"HumanEval/${t}": [${list.join(',')}]`);
  }
  return `{"date": "2024-01-01 00:00", "eval": {${parts.join(',')}}}`;
}

test('a large upload is parsed off the main thread with progress, and can be cancelled', async () => {
  const file = path.join(os.tmpdir(), `cascade-e2e-large-${process.pid}.json`);
  fs.writeFileSync(file, syntheticEvalplus(164, 600)); // ≈ 45 MB
  const { page, ctx } = await open('/?v=1&lab=analyze');
  // Cancel one parse…
  await page.setInputFiles('#upload-input', file);
  await page.waitForSelector('#upload-cancel');
  await page.click('#upload-cancel');
  await page.waitForFunction(() => /Cancelled reading/.test(document.getElementById('upload-status').textContent));
  assert.equal(await page.locator('.file-report').count(), 0);
  // …then let one finish while the page keeps painting frames.
  await page.evaluate(() => {
    window.__longestFrame = 0;
    let last = performance.now();
    const tick = (now) => { window.__longestFrame = Math.max(window.__longestFrame, now - last); last = now; if (!window.__stopFrames) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await page.setInputFiles('#upload-input', file);
  await page.waitForSelector('.file-report', { timeout: 60000 });
  const longest = await page.evaluate(() => { window.__stopFrames = true; return window.__longestFrame; });
  assert.equal(await metric(page, 'samples', '.file-report'), String(164 * 600));
  assert.ok(longest < 250, `the tab froze for ${longest} ms while parsing`);
  fs.unlinkSync(file);
  await ctx.close();
});
