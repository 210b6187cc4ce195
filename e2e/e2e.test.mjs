// End-to-end tests of the release build (dist/ and the sub-path build dist-sub/), driven in
// Debian's headless Chromium through playwright-core. Run by scripts/test.sh.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shots = path.join(root, 'docs', 'screenshots');
const cli = process.env.CASCADE_CLI || path.join(root, 'target', 'debug', 'cascade');
const fixture = path.join(root, 'tests', 'fixtures', 'current_command_r_temp0.8.eval_results.json');
fs.mkdirSync(shots, { recursive: true });

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png' };

// A static server on 127.0.0.1 only: dist/ at /, dist-sub/ at /cascade/.
function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let dir = path.join(root, 'dist');
    let p = url.pathname;
    if (p.startsWith('/cascade/')) { dir = path.join(root, 'dist-sub'); p = p.slice('/cascade'.length); }
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(dir, path.normalize(p));
    if (!file.startsWith(dir) || !fs.existsSync(file)) { res.writeHead(404); res.end('not found'); return; }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let server, browser, base;
const foreign = [];
const consoleErrors = [];

before(async () => {
  server = await serve();
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open(url, { width = 1280, height = 900, dark = false } = {}) {
  const ctx = await browser.newContext({ viewport: { width, height }, colorScheme: dark ? 'dark' : 'light', acceptDownloads: true });
  const page = await ctx.newPage();
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(base + url);
  await page.waitForSelector('main[data-lab]');
  return { page, ctx };
}

const metric = (page, name, scope = 'body') =>
  page.locator(`${scope} [data-metric="${name}"]`).first().getAttribute('data-value');

function runCli(args) {
  return JSON.parse(execFileSync(cli, args, { encoding: 'utf8' }));
}

test('loading message is replaced on mount; no request leaves the origin', async () => {
  const { page, ctx } = await open('/');
  assert.equal(await page.locator('#loading').count(), 0);
  assert.equal(await page.locator('#crash').isHidden(), true);
  assert.match(await page.locator('.brand-name').innerText(), /Cascade Lab/);
  assert.ok(Number(await metric(page, 'sim_ceiling')) > 0);
  await ctx.close();
  assert.deepEqual(foreign, []);
});

test('a link with out-of-range values loads with defaults and a visible warning', async () => {
  const { page, ctx } = await open('/?v=1&lam=1e9&k=0&seed=-4&bogus=1&s=%FF');
  const banner = page.locator('#link-warnings');
  await banner.waitFor();
  const text = await banner.innerText();
  assert.match(text, /4 settings in this link were out of range and were reset/);
  assert.match(text, /lam=1e9/);
  // The clamped values are what the page uses and what the link now says.
  assert.equal(await page.locator('#lambda').inputValue(), '20');
  await page.waitForFunction(() => location.search.includes('lam=20'));
  await page.screenshot({ path: path.join(shots, 'link-warning.png') });
  await ctx.close();
});

test('navigation switches labs, keeps the settings and rewrites the URL', async () => {
  const { page, ctx } = await open('/?v=1&lam=2');
  for (const lab of ['snowball', 'telephone', 'search', 'analyze', 'about', 'resampling']) {
    await page.click(`a[data-nav="${lab}"]`);
    await page.waitForSelector(`main[data-lab="${lab}"]`);
    await page.waitForFunction((l) => l === 'resampling' ? !location.search.includes('lab=') : location.search.includes(`lab=${l}`), lab);
    assert.ok((await page.evaluate(() => location.search)).includes('lam=2'));
    assert.equal(await page.locator(`a[data-nav="${lab}"]`).getAttribute('aria-current'), 'page');
  }
  // Keyboard: Tab reaches the navigation with a visible focus ring.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await ctx.close();
});

test('dark mode toggle and screenshots at 1280 and 390 px', async () => {
  for (const [w, h] of [[1280, 900], [390, 844]]) {
    for (const dark of [false, true]) {
      const { page, ctx } = await open('/?v=1&mix=two&lam=0.7', { width: w, height: h, dark });
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), dark ? 'dark' : 'light');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `horizontal overflow of ${overflow}px at ${w}px`);
      await page.screenshot({ path: path.join(shots, `shell-${w}-${dark ? 'dark' : 'light'}.png`) });
      await page.click('#theme-toggle');
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), dark ? 'light' : 'dark');
      await ctx.close();
    }
  }
});

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
  for (const key of ['single_sample_accuracy', 'verifier_pass_rate', 'conditional_accuracy', 'ceiling']) {
    assert.equal(Number(await metric(page, key, card)), want[key], key);
  }
  assert.equal(Number(await metric(page, 'tasks', card)), want.tasks);
  assert.equal(Number(await metric(page, 'samples', card)), want.samples);
  assert.equal(Number(await metric(page, 'optimal_k', card)), want.optimal_k);
  await page.screenshot({ path: path.join(shots, 'resampling-analyze.png'), fullPage: true });
  // The false-negative filter drops the task whose correct sample failed the base tests.
  const filtered = runCli(['resampling', 'analyze', fixture, '--drop-false-negatives', '--json']).files[0];
  await page.check('#drop-fn');
  await page.waitForFunction((n) => document.querySelector('.file-report [data-metric="tasks"]').dataset.value === String(n), filtered.tasks);
  assert.equal(Number(await metric(page, 'dropped_tasks', card)), filtered.dropped_false_negative_tasks.length);
  assert.equal(Number(await metric(page, 'ceiling', card)), filtered.ceiling);
  await page.waitForFunction(() => location.search.includes('fnf=1'));
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

test('snowball: simulate, read a row, check an answer, and analyse a hand-written HALoGEN file like the CLI', async () => {
  const file = path.join(root, 'tests', 'fixtures', 'snowball_halogen_small.csv');
  const want = runCli(['snowball', 'analyze', file, '--json']);
  const { page, ctx } = await open('/?v=1&lab=snowball&rho=0.67');
  const wrong = Number(await metric(page, 'sb_wrong_answer'));
  assert.ok(Math.abs(wrong - 0.3) < 1e-12, 'answer-first: P(wrong answer) = e');
  assert.ok(Math.abs(Number(await metric(page, 'sb_wrong_answer_mc')) - wrong) < 0.02);
  // Moving e_s changes the amplification; the link follows.
  await page.locator('#sb-es').fill('0.6');
  await page.locator('#sb-es').dispatchEvent('input');
  await page.waitForFunction(() => Math.abs(Number(document.querySelector('[data-metric="sb_amplification"]').dataset.value) - 2) < 1e-9);
  await page.waitForFunction(() => location.search.includes('es=0.6'));
  // Click the 5th row of the chain view.
  await page.locator('#chain-view').scrollIntoViewIfNeeded();
  const box = await page.locator('#chain-view').boundingBox();
  await page.mouse.click(box.x + 20, box.y + (box.width / 640) * 6 * 4.5);
  await page.waitForFunction(() => document.getElementById('chain-explanation').textContent.startsWith('Response 5:'));
  // Check an answer against a generated primality question: 13 × 745 is no factorisation of a prime.
  await page.fill('#sb-response', 'No, it is not prime: it equals 13 × 745.');
  await page.waitForSelector('#sb-claims .claim.false');
  assert.match(await page.locator('#sb-claims').innerText(), /13 × 745 = 9685 ≠ \d+/);
  // A flight puzzle is drawn as two trees of 7 cities.
  await page.selectOption('#sb-dataset', 'graph');
  await page.waitForSelector('.flight-graph svg');
  assert.equal(await page.locator('.flight-graph svg text').count(), 14);
  // Upload the hand-written HALoGEN file: the table shows the CLI's numbers.
  await page.setInputFiles('#sb-upload', file);
  await page.waitForSelector('.snowball-report');
  for (const [name, stats] of Object.entries({ ...want.categories, overall: want.overall })) {
    for (const key of ['n', 'wrong', 'wrong_rate', 'wrong_with_false_claim', 'claims_checked', 'claims_false']) {
      const got = await page.locator(`[data-category="${name}"] [data-metric="${key}"]`).getAttribute('data-value');
      assert.equal(Number(got), stats[key], `${name}.${key}`);
    }
  }
  assert.equal(Number(await metric(page, 'rows', '.snowball-report')), want.rows);
  assert.match(await page.locator('.snowball-report .warnings').innerText(), /weather/);
  await page.screenshot({ path: path.join(shots, 'snowball-lab.png'), fullPage: true });
  await page.click('#sb-fit');
  // Fitted: answer-first with e = the file's wrong-answer rate, so the simulated rate equals it.
  await page.waitForFunction((e) => Number(document.querySelector('[data-metric="sb_wrong_answer"]').dataset.value) === e, want.overall.wrong_rate);
  await ctx.close();
});

test('snowball: a generic CSV with listed claims and a Windows-1252 row, in dark mode, like the CLI', async () => {
  const file = path.join(root, 'tests', 'fixtures', 'snowball_generic_claims.csv');
  const want = runCli(['snowball', 'analyze', file, '--json']);
  const { page, ctx } = await open('/?v=1&lab=snowball&sc=1', { dark: true });
  await page.setInputFiles('#sb-upload', file);
  await page.waitForSelector('.snowball-report');
  for (const [name, stats] of Object.entries({ ...want.categories, overall: want.overall })) {
    for (const key of ['n', 'wrong', 'wrong_with_false_claim', 'claims_checked', 'claims_false', 'claims_unchecked', 'recognition']) {
      const got = await page.locator(`[data-category="${name}"] [data-metric="${key}"]`).getAttribute('data-value');
      assert.equal(Number(got), stats[key], `${name}.${key}`);
    }
  }
  const warnings = await page.locator('.snowball-report .warnings').innerText();
  assert.match(warnings, /line 4: not valid UTF-8 .* read as Windows-1252: .*José/);
  assert.match(warnings, /line 12, field claims/);
  // Moving a slider redraws the chain view at once; the Monte Carlo follows and settles.
  const before = await metric(page, 'sb_wrong_answer');
  await page.locator('#sb-e').fill('0.5');
  await page.locator('#sb-e').dispatchEvent('input');
  await page.waitForFunction((before) => document.querySelector('.snowball .results').dataset.mcPending === 'false'
    && document.querySelector('[data-metric="sb_wrong_answer"]').dataset.value !== before
    && Math.abs(Number(document.querySelector('[data-metric="sb_wrong_answer_mc"]').dataset.value) - Number(document.querySelector('[data-metric="sb_wrong_answer"]').dataset.value)) < 0.03, before);
  await page.screenshot({ path: path.join(shots, 'snowball-lab-dark.png'), fullPage: true });
  await ctx.close();
});

test('telephone: presets land on the released runs, sliders and links, and uploads match the CLI', async () => {
  // A preset reproduces its released run within 0.03, and its link opens on the same numbers.
  const { page, ctx } = await open('/?v=1&lab=telephone');
  await page.click('#tel-preset-hot');
  await page.waitForFunction(() => location.search.includes('tt=1'));
  const sim = Number(await metric(page, 'tel_factscore'));
  const real = Number(await metric(page, 'tel_released'));
  assert.ok(Math.abs(sim - real) <= 0.03, `T = 1.0: simulated ${sim}, released ${real}`);
  const link = await page.evaluate(() => location.href);
  const { page: again, ctx: ctx2 } = await open(new URL(link).pathname + new URL(link).search);
  assert.equal(await metric(again, 'tel_factscore'), String(sim));
  await ctx2.close();
  // The CLI decodes the same link to the same number, bit for bit.
  assert.equal(runCli(['link', link, '--json']).numbers.telephone.tel_factscore, sim);
  // Thai loses more than French; the Monte Carlo follows the exact curve after the paint.
  await page.click('#tel-preset-llama-th');
  await page.waitForFunction(() => document.querySelector('.telephone .results').dataset.mcPending === 'false'
    && Number(document.querySelector('[data-metric="tel_factscore"]').dataset.value) < 0.5);
  const th = Number(await metric(page, 'tel_factscore'));
  assert.ok(Math.abs(Number(await metric(page, 'tel_factscore_mc')) - th) < 0.03);
  // Fewer iterations: the slider moves the numbers and the link.
  await page.locator('#tel-iterations').fill('10');
  await page.locator('#tel-iterations').dispatchEvent('input');
  await page.waitForFunction(() => location.search.includes('ti=10'));
  assert.ok(Number(await metric(page, 'tel_factscore')) > th);
  await page.screenshot({ path: path.join(shots, 'telephone-lab.png'), fullPage: true });

  // Upload a small hand-written chain file with every kind of trouble: the table shows the
  // CLI's numbers under the same names, and the warnings say where.
  const file = path.join(root, 'tests', 'fixtures', 'telephone_bad_chains.jsonl');
  const want = runCli(['telephone', 'analyze', file, '--json']);
  await page.setInputFiles('#tel-upload', file);
  await page.waitForSelector('.telephone-report');
  assert.equal(Number(await metric(page, 'chains', '.telephone-report')), want.chains);
  for (const step of want.steps) {
    for (const key of ['n', 'bleu', 'chrf', 'rouge1', 'rougeL', 'length_ratio']) {
      const cell = page.locator(`.telephone-report [data-step="${step.step}"] [data-metric="${key}"]`);
      const got = Number(await cell.getAttribute('data-value'));
      const expected = key === 'n' ? step.n : step[key].mean;
      assert.ok(Math.abs(got - expected) < 1e-12, `step ${step.step} ${key}: page ${got}, CLI ${expected}`);
      if (key !== 'n') assert.ok(Math.abs(Number(await cell.getAttribute('data-std')) - step[key].std) < 1e-12);
    }
  }
  for (const key of ['plateau', 'amplitude', 'tau', 'half_life']) {
    assert.ok(Math.abs(Number(await metric(page, key, '.telephone-report')) - want.fit[key]) < 1e-12, key);
  }
  const warnings = await page.locator('.telephone-report .warnings').innerText();
  for (const needle of [/no step 0/, /step 2 of chain "a" again/, /line 7, field text: empty/, /line 9: not a JSON object/, /Windows-1252/]) {
    assert.match(warnings, needle);
  }
  // Against the previous step, then a diff of two steps with insertions and deletions.
  await page.click('#tel-against-previous');
  const prev = want.steps.find((s) => s.step === 2).previous;
  await page.waitForFunction((v) => Math.abs(Number(document.querySelector('.telephone-report [data-step="2"] [data-metric="bleu"]').dataset.value) - v) < 1e-12, prev.bleu.mean);
  assert.ok(Math.abs(Number(await page.locator('.telephone-report [data-step="2"] [data-metric="rougeL"]').getAttribute('data-value')) - prev.rougeL.mean) < 1e-12);
  await page.selectOption('#tel-diff-chain', '0');
  await page.selectOption('#tel-diff-a', '0');
  await page.selectOption('#tel-diff-b', '2');
  await page.waitForSelector('#tel-diff ins');
  assert.ok(await page.locator('#tel-diff del').count() > 0);

  // The Broken Telephone evaluation format: the file's own FActScore beside ours, and the
  // plateau fitted to it like the CLI does.
  const bt = path.join(root, 'tests', 'fixtures', 'broken_telephone_eval_small.json');
  const wantBt = runCli(['telephone', 'analyze', bt, '--json', '--fit-metric', 'factscore']);
  await page.setInputFiles('#tel-upload', bt);
  await page.waitForFunction(() => /broken-telephone format/.test(document.querySelector('.telephone-report .meta')?.textContent || ''));
  await page.selectOption('#tel-fit-metric', 'factscore');
  await page.waitForFunction((p) => Math.abs(Number(document.querySelector('.telephone-report [data-metric="plateau"]')?.dataset.value) - p) < 1e-12, wantBt.fit.plateau);
  assert.equal(Number(await page.locator('.telephone-report [data-step="4"] [data-metric="file:factscore"]').getAttribute('data-value')), wantBt.steps[2].carried.factscore.mean);
  await ctx.close();
});

test('telephone: a 200 MB chain file is read in the worker while the page keeps painting, and can be cancelled', async () => {
  const file = path.join(os.tmpdir(), `cascade-e2e-chains-${process.pid}.jsonl`);
  const base = 'The council approved a new bike lane on Main Street on Monday, costing 2 million dollars, and residents said the work would start in spring after a public consultation. '.repeat(5);
  const out = fs.openSync(file, 'w');
  let written = 0;
  for (let c = 0; written < 200e6; c++) {
    const lines = [];
    for (let step = 0; step < 16; step++) lines.push(JSON.stringify({ chain_id: `c${c}`, step, text: step ? base.slice(step) : base }));
    const chunk = lines.join('\n') + '\n';
    fs.writeSync(out, chunk);
    written += chunk.length;
  }
  fs.closeSync(out);
  const { page, ctx } = await open('/?v=1&lab=telephone');
  await page.evaluate(() => {
    window.__longestFrame = 0;
    let last = performance.now();
    const tick = (now) => { window.__longestFrame = Math.max(window.__longestFrame, now - last); last = now; if (!window.__stopFrames) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await page.setInputFiles('#tel-upload', file);
  await page.waitForSelector('#tel-progress');
  // The bar moves past the reading phase (30 %) into scoring, frames keep coming, then cancel.
  await page.waitForFunction(() => Number(document.getElementById('tel-progress')?.value) > 0.31, null, { timeout: 120000 });
  const longest = await page.evaluate(() => { window.__stopFrames = true; return window.__longestFrame; });
  assert.ok(longest < 250, `the tab froze for ${longest} ms while reading 200 MB`);
  await page.click('#tel-cancel');
  await page.waitForFunction(() => /Cancelled reading/.test(document.querySelector('#tel-uploads-h').parentElement.querySelector('.status').textContent));
  assert.equal(await page.locator('.telephone-report').count(), 0);
  fs.unlinkSync(file);
  await ctx.close();
});

test('telephone in dark mode at phone width', async () => {
  const { page, ctx } = await open('/?v=1&lab=telephone&tm=llama,mistral&tl=th,fr', { width: 390, height: 844, dark: true });
  await page.waitForSelector('[data-metric="tel_factscore"]');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no horizontal overflow');
  await page.click('#tel-example');
  await page.waitForSelector('.telephone-report');
  await page.screenshot({ path: path.join(shots, 'telephone-lab-390-dark.png'), fullPage: true });
  await ctx.close();
});

test('golden links: every preset link shows its pinned numbers, bit for bit', async () => {
  const golden = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'golden_links.json'), 'utf8'));
  assert.ok(golden.links.length >= 20);
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  for (const link of golden.links) {
    await page.goto(`${base}/?${link.query}`);
    await page.waitForSelector('main[data-lab]');
    const names = Object.keys(link.numbers);
    await page.waitForFunction((names) => names.every((n) => document.querySelector(`[data-metric="${n}"]`)), names);
    for (const [name, want] of Object.entries(link.numbers)) {
      const got = await page.locator(`[data-metric="${name}"]`).first().getAttribute('data-value');
      if (want === null) assert.equal(got, '', `${link.name}: ${name}`);
      else assert.equal(Number(got), want, `${link.name}: ${name} shows ${got}, pinned ${want}`);
    }
  }
  await ctx.close();
});

const axeSource = fs.readFileSync(path.join(root, 'e2e', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

test('accessibility: axe-core finds no serious or critical violation on any page, idle or in use, light or dark', async () => {
  const states = {
    resampling: async () => {},
    about: async () => {},
    search: async () => {},
    snowball: async (page) => {
      await page.fill('#sb-response', 'No, it equals 13 × 745.');
      await page.setInputFiles('#sb-upload', path.join(root, 'tests', 'fixtures', 'snowball_generic_claims.csv'));
      await page.waitForSelector('.snowball-report');
    },
    telephone: async (page) => {
      await page.click('#tel-example');
      await page.waitForSelector('.telephone-report #tel-diff');
    },
    analyze: async (page) => {
      await page.setInputFiles('#upload-input', fixture);
      await page.waitForSelector('.file-report');
    },
    'resampling&lesson=resampling&stage=3': async () => {},
    'snowball&lesson=snowball&stage=2': async () => {},
    'telephone&lesson=telephone&stage=4': async (page) => {
      await page.fill('#lesson-guess', '90');
      await page.click('#lesson-reveal');
    },
  };
  const found = [];
  for (const dark of [false, true]) {
    for (const [lab, act] of Object.entries(states)) {
      // The page's CSP forbids injected scripts; this context lets axe in.
      const ctx = await browser.newContext({ bypassCSP: true, colorScheme: dark ? 'dark' : 'light', viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      await page.goto(`${base}/?v=1&lab=${lab}`);
      await page.waitForSelector('main[data-lab]');
      await act(page);
      await page.evaluate(axeSource);
      const result = await page.evaluate(() => axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
      for (const v of result.violations) {
        found.push(`${dark ? 'dark' : 'light'} ${lab}: ${v.impact} ${v.id} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
      }
      await ctx.close();
    }
  }
  const severe = found.filter((f) => / (serious|critical) /.test(f));
  assert.deepEqual(severe, [], severe.join('\n'));
  if (found.length) console.log(`axe, minor findings:\n${found.join('\n')}`);
});

test('keyboard only: reach the navigation, open a lab, press a preset, move a slider', async () => {
  const { page, ctx } = await open('/?v=1');
  // Tab until the Telephone link has focus, then follow it with Enter.
  for (let i = 0; i < 30 && !(await page.evaluate(() => document.activeElement?.textContent === 'Telephone')); i++) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Telephone');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('main')?.dataset.lab === 'telephone');
  // Tab on to the first preset button and press it with the space bar.
  for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.id === 'tel-preset-llama-th')); i++) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tel-preset-llama-th');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.getElementById('tel-preset-llama-th').getAttribute('aria-pressed') === 'true');
  // Reach the iterations slider and lower it with the arrow keys.
  for (let i = 0; i < 60 && !(await page.evaluate(() => document.activeElement?.id === 'tel-iterations')); i++) {
    await page.keyboard.press('Tab');
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tel-iterations');
  const focusRing = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(focusRing, 'none', 'the focused control shows a focus ring');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => location.search.includes('ti=98'));
  await ctx.close();
});

test('sessions: save parameters, seed and file hashes; open them again; a different file is flagged', async () => {
  const chains = path.join(root, 'tests', 'fixtures', 'telephone_bad_chains.jsonl');
  const { page, ctx } = await open('/?v=1&lab=telephone&tl=th&seed=77');
  await page.setInputFiles('#tel-upload', chains);
  await page.waitForSelector('.telephone-report');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-session')]);
  const saved = path.join(os.tmpdir(), `cascade-session-${process.pid}.json`);
  await download.saveAs(saved);
  const session = JSON.parse(fs.readFileSync(saved, 'utf8'));
  assert.equal(session.format, 'cascade-lab-session');
  assert.match(session.link, /lab=telephone/);
  assert.match(session.link, /tl=th/);
  assert.match(session.link, /seed=77/);
  assert.deepEqual(session.files.map((f) => [f.lab, f.name]), [['telephone', 'telephone_bad_chains.jsonl']]);
  assert.ok(!fs.readFileSync(saved, 'utf8').includes('bike lane'), 'no file contents in a session');
  // The share link names the file's hash too: its recipient is warned on a different file.
  await page.waitForFunction(() => /files=telephone%3A[0-9a-f]{16}/.test(location.search));
  const shared = await page.evaluate(() => location.pathname + location.search);
  await ctx.close();
  const { page: p1, ctx: c1 } = await open(shared);
  await p1.setInputFiles('#tel-upload', path.join(root, 'tests', 'fixtures', 'broken_telephone_eval_small.json'));
  await p1.waitForFunction(() => /is not the file this link was made with/.test(document.getElementById('session-warnings')?.textContent || ''));
  await c1.close();

  // Open it in a fresh page: the settings come back and the expected file is named.
  const { page: p2, ctx: c2 } = await open('/?v=1');
  await p2.setInputFiles('#open-session', saved);
  await p2.waitForFunction(() => document.querySelector('main').dataset.lab === 'telephone' && location.search.includes('tl=th') && location.search.includes('seed=77'));
  assert.match(await p2.locator('#session-warnings').innerText(), /telephone_bad_chains\.jsonl \(telephone, hash [0-9a-f]{16}\)/);
  // Loading another file than the one saved is flagged.
  await p2.setInputFiles('#tel-upload', path.join(root, 'tests', 'fixtures', 'broken_telephone_eval_small.json'));
  await p2.waitForFunction(() => /is not the file the session was saved with/.test(document.getElementById('session-warnings')?.textContent || ''));
  // A session from a future version with a bad value: read as far as possible, with warnings.
  const future = path.join(os.tmpdir(), `cascade-session-future-${process.pid}.json`);
  fs.writeFileSync(future, JSON.stringify({ format: 'cascade-lab-session', version: 9, link: 'v=1&lab=snowball&rho=7' }));
  await p2.setInputFiles('#open-session', future);
  await p2.waitForFunction(() => /newer version/.test(document.getElementById('session-warnings')?.textContent || ''));
  assert.match(await p2.locator('#session-warnings').innerText(), /rho=7 is out of range/);
  assert.equal(await p2.evaluate(() => document.querySelector('main').dataset.lab), 'snowball');
  fs.unlinkSync(saved);
  fs.unlinkSync(future);
  await c2.close();
});

test('projector and embed modes, and the print stylesheet', async () => {
  const { page, ctx } = await open('/?v=1&lab=telephone&proj=1');
  assert.ok(await page.evaluate(() => document.querySelector('.shell').classList.contains('projector')));
  const big = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.shell')).fontSize));
  assert.ok(big >= 19, `projector type is large (${big}px)`);
  const stroke = await page.evaluate(() => getComputedStyle(document.querySelector('[data-chart="telephone-decay"] .chart-svg polyline')).strokeWidth);
  assert.equal(stroke, '5px');
  await page.screenshot({ path: path.join(shots, 'telephone-projector.png') });
  // The toggle turns it off and the link follows.
  await page.click('#projector-toggle');
  await page.waitForFunction(() => !location.search.includes('proj=1') && !document.querySelector('.shell').classList.contains('projector'));
  // Printing hides the controls' chrome but keeps the numbers and charts.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#copy-link').isVisible(), false);
  assert.ok(await page.locator('[data-chart="telephone-decay"] .chart-svg svg').isVisible());
  await ctx.close();
  const { page: e, ctx: c2 } = await open('/?v=1&lab=snowball&embed=1');
  assert.equal(await e.locator('header.header').count(), 0, 'no header when embedded');
  assert.ok(await e.locator('[data-metric="sb_wrong_answer"]').isVisible());
  await e.screenshot({ path: path.join(shots, 'snowball-embed.png') });
  await c2.close();
});

test('lessons: one per lab — predict, reveal the truth and the miss, go on; stage links; bad stages', async () => {
  for (const lab of ['resampling', 'snowball', 'telephone']) {
    const { page, ctx } = await open(`/?v=1&lab=${lab}`);
    await page.click('#lesson-start');
    await page.waitForSelector('#lesson-h');
    const stages = Number(/of (\d+)/.exec(await page.locator('.lesson-progress').innerText())[1]);
    assert.ok(stages >= 4 && stages <= 6, `${lab}: ${stages} stages`);
    for (let k = 1; k <= stages; k++) {
      await page.waitForFunction((k) => document.querySelector('.lesson')?.dataset.stage === String(k) && location.search.includes(`lesson=`), k);
      // Before the reveal the lab's numbers are hidden; the link names the stage.
      assert.equal(await page.locator('main.predicting').count(), 1, `${lab} stage ${k}: numbers hidden`);
      await page.waitForFunction((k) => k === 1 ? !/stage=/.test(location.search) : location.search.includes(`stage=${k}`), k);
      await page.fill('#lesson-guess', '50');
      await page.click('#lesson-reveal');
      const result = await page.locator('#lesson-result').innerText();
      assert.match(result, /It is .*(spot on|points (high|low)|off by)/, `${lab} stage ${k}: ${result}`);
      assert.equal(await page.locator('main.predicting').count(), 0, 'numbers shown after the reveal');
      if (k === 1) await page.screenshot({ path: path.join(shots, `lesson-${lab}.png`), fullPage: false });
      if (k < stages) await page.click('#lesson-next');
    }
    assert.ok(await page.locator('#lesson-next').isDisabled());
    // A share can be guessed by dragging instead of typing: the box follows the slider (the last
    // stage of every lesson asks for a share).
    await page.waitForSelector('#lesson-guess-range');
    await page.locator('#lesson-guess-range').fill('37');
    await page.locator('#lesson-guess-range').dispatchEvent('input');
    assert.equal(await page.inputValue('#lesson-guess'), '37');
    await page.click('#lesson-reveal');
    assert.match(await page.locator('#lesson-result').innerText(), /you said 37\.0 %|spot on/);
    await ctx.close();
  }
  // The revealed truth is the page's own number: a stage link agrees with the golden numbers.
  const golden = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'golden_links.json'), 'utf8'));
  const stage = golden.links.find((l) => /^lesson telephone, stage 2/.test(l.name));
  assert.ok(stage, 'lesson stages are golden links');
  const { page, ctx } = await open(`/?${stage.query}`);
  await page.fill('#lesson-guess', '38.9');
  await page.click('#lesson-reveal');
  assert.match(await page.locator('#lesson-result').innerText(), new RegExp(`It is ${(100 * stage.numbers.tel_factscore).toFixed(1)} %`));
  await ctx.close();
  // A stage that does not exist, or a lesson that does not: a specific warning and sensible defaults.
  const { page: p2, ctx: c2 } = await open('/?v=1&lesson=telephone&stage=9');
  assert.match(await p2.locator('#link-warnings').innerText(), /stage=9 is out of range; using 5/);
  assert.equal(await p2.locator('.lesson').getAttribute('data-stage'), '5');
  await c2.close();
  const { page: p3, ctx: c3 } = await open('/?v=1&lesson=chemistry');
  assert.match(await p3.locator('#link-warnings').innerText(), /lesson=chemistry is not a valid value; using no lesson \(lessons: resampling, snowball, telephone\)/);
  await c3.close();
});

test('lesson-link builder: hidden groups, text off, embed and projector; the link opens that way', async () => {
  const { page, ctx } = await open('/?v=1&lesson=telephone&stage=2');
  await page.locator('#link-builder-telephone summary').click();
  await page.check('#hide-chain');
  await page.check('#hide-uploads');
  await page.uncheck('#builder-text');
  await page.check('#builder-projector');
  const link = await page.inputValue('#builder-link');
  assert.match(link, /hide=chain%2Cuploads/);
  assert.match(link, /text=0/);
  assert.match(link, /embed=1/);
  assert.match(link, /proj=1/);
  assert.match(link, /lesson=telephone&stage=2/);
  const iframe = await page.inputValue('#builder-iframe');
  assert.ok(iframe.startsWith('<iframe src="') && iframe.includes(link.replace(/&/g, '&amp;')), iframe);
  // The current view is unchanged by the builder.
  assert.ok(await page.locator('[data-group="chain"]').isVisible());
  await ctx.close();
  const u = new URL(link);
  const { page: p2, ctx: c2 } = await open(u.pathname + u.search, { width: 1280, height: 800 });
  assert.equal(await p2.locator('header.header').count(), 0, 'embedded: no header');
  assert.equal(await p2.locator('[data-group="chain"]').isVisible(), false, 'the chain controls are hidden');
  assert.equal(await p2.locator('[data-group="uploads"]').isVisible(), false, 'the uploads are hidden');
  assert.ok(await p2.locator('[data-group="decoding"]').isVisible(), 'other controls stay');
  assert.equal(await p2.locator('.lab-intro .lead').isVisible(), false, 'narrative text off');
  assert.ok(await p2.locator('.shell.projector').count());
  await p2.screenshot({ path: path.join(shots, 'lesson-telephone-embed-projector.png') });
  await c2.close();
  const { page: p3, ctx: c3 } = await open('/?v=1&lesson=snowball&stage=3&proj=1');
  await p3.fill('#lesson-guess', '60');
  await p3.click('#lesson-reveal');
  await p3.screenshot({ path: path.join(shots, 'lesson-snowball-projector.png') });
  await c3.close();
  // A group that does not exist: a specific warning, the known ones still hidden.
  const { page: p4, ctx: c4 } = await open('/?v=1&lab=telephone&hide=chain,sliders');
  assert.match(await p4.locator('#link-warnings').innerText(), /hide=sliders is not a valid value; using hiding only known groups/);
  assert.equal(await p4.locator('[data-group="chain"]').isVisible(), false);
  await c4.close();
});

// Every word the page shows (text and aria-label, title, placeholder, alt) must come from text/:
// in the pseudo-language en-XA each catalog text is wrapped in ⟦ ⟧, so what is left outside the
// brackets, once they are taken away, is text that bypasses the catalog. Proper names marked
// translate="no", code, cited papers and hidden elements are left out.
async function textOutsideCatalog(page) {
  return page.evaluate(() => {
    const strip = (s) => { let p; do { p = s; s = s.replace(/⟦[^⟦⟧]*⟧/g, ''); } while (s !== p); return s; };
    const SKIP = 'code, pre, cite, .who, .url, script, style, noscript, [translate=no], [hidden], textarea';
    const out = [];
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (w.nextNode()) {
      const el = w.currentNode.parentElement;
      if (!el || el.closest(SKIP)) continue;
      const rest = strip(w.currentNode.textContent);
      if (/[A-Za-z]{2,}/.test(rest)) out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}: ${rest.trim().slice(0, 80)}`);
    }
    for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[alt],[data-note]')) {
      if (el.closest(SKIP)) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'data-note']) {
        const v = el.getAttribute(a);
        if (v != null && /[A-Za-z]{2,}/.test(strip(v))) out.push(`${el.tagName.toLowerCase()}[${a}]: ${strip(v).slice(0, 80)}`);
      }
    }
    return [...new Set(out)];
  });
}

test('interface text: every word on every page, idle and in use, comes from text/ (pseudo-language en-XA)', async () => {
  const check = async (page, where) => {
    const bad = await textOutsideCatalog(page);
    assert.deepEqual(bad, [], `${where}: text outside text/en.json`);
  };
  // English by default; the language picker switches the whole page and the link follows.
  {
    const { page, ctx } = await open('/?v=1&lab=snowball');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal(await page.locator('h1').first().innerText(), 'Hallucination snowballing');
    await page.selectOption('#lang', 'en-XA');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent.startsWith('⟦'));
    await page.waitForFunction(() => location.search.includes('lang=en-XA'));
    assert.equal(await page.locator('html').getAttribute('lang'), 'en-XA');
    // The numbers do not depend on the language.
    assert.equal(Number(await metric(page, 'sb_wrong_answer')), 0.3);
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Hallucination snowballing');
    await ctx.close();
  }
  for (const lab of ['resampling', 'snowball', 'telephone', 'analyze', 'about', 'search']) {
    const { page, ctx } = await open(`/?v=1&lab=${lab}&lang=en-XA`);
    await check(page, `${lab}, idle`);
    if (['resampling', 'snowball', 'telephone'].includes(lab)) {
      await page.click('.link-builder summary');
      await page.locator('.chart-tools button[aria-pressed]').first().click();
      await check(page, `${lab}, link builder and chart table open`);
      await page.click('#lesson-start');
      await page.fill('#lesson-guess', '50');
      await page.click('#lesson-reveal');
      await check(page, `${lab}, lesson revealed`);
      await page.fill('#lesson-guess', '');
      await page.click('#lesson-next');
      await page.click('#lesson-reveal');
      await check(page, `${lab}, lesson stage 2 without a guess`);
    }
    if (lab === 'resampling') {
      await page.click('#mc-100');
      await page.waitForSelector('#mc-progress', { state: 'detached' });
      await check(page, 'resampling, Monte Carlo run');
    }
    if (lab === 'snowball') {
      await page.setInputFiles('#sb-upload', path.join(root, 'tests', 'fixtures', 'snowball_generic_claims.csv'));
      await page.waitForSelector('.snowball-report');
      for (const kind of ['primality', 'graph', 'senator']) {
        await page.selectOption('#sb-dataset', kind);
        await page.fill('#sb-response', kind === 'graph' ? 'Yes: A → B → C.' : 'No, 7 × 3 = 22.');
        await check(page, `snowball, report and ${kind} checker`);
      }
      // The report survives a visit to another lab and a change of language.
      await page.click('a[data-nav="telephone"]');
      await page.waitForSelector('main[data-lab="telephone"]');
      await page.click('a[data-nav="snowball"]');
      await page.waitForSelector('.snowball-report');
      await page.selectOption('#lang', 'en');
      await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Hallucination snowballing');
      assert.equal(await page.locator('.snowball-report').count(), 1);
      await page.selectOption('#lang', 'en-XA');
      await page.waitForFunction(() => document.querySelector('h1')?.textContent.startsWith('⟦'));
    }
    if (lab === 'telephone') {
      await page.click('#tel-example');
      await page.waitForSelector('.telephone-report');
      await page.click('#tel-against-previous');
      await check(page, 'telephone, example chains read');
    }
    if (lab === 'analyze') {
      await page.click('#try-example');
      await page.waitForSelector('.file-report');
      await page.click('.task-table summary');
      await check(page, 'analyze, simulated example');
      await page.setInputFiles('#upload-input', path.join(root, 'tests', 'fixtures', 'telephone_bad_chains.jsonl'));
      await page.waitForSelector('#upload-errors');
      await check(page, 'analyze, an upload error');
    }
    await ctx.close();
  }
  // A link with warnings: the banner and its details.
  const { page, ctx } = await open('/?v=1&lab=telephone&lang=en-XA&ti=1000&lesson=nope&hide=bogus');
  await page.waitForSelector('.banner');
  await check(page, 'link warnings');
  await page.screenshot({ path: path.join(shots, 'pseudo-language.png') });
  await ctx.close();
  // An unknown language: English, with a warning naming the key.
  const other = await open('/?v=1&lab=about&lang=xx');
  assert.equal(await other.page.locator('h1').first().innerText(), 'About Cascade Lab');
  assert.match(await other.page.locator('.banner').first().innerText(), /lang=xx/);
  await other.ctx.close();
});

test('reduced motion: nothing on the page animates when the system asks for less motion', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const page = await ctx.newPage();
  await page.goto(base + '/?v=1&lab=telephone');
  await page.waitForSelector('main[data-lab]');
  assert.equal(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), true);
  await page.click('#tel-preset-llama-th');
  await page.click('#tel-example');
  await page.waitForSelector('.telephone-report');
  await page.click('a[data-nav="snowball"]');
  await page.waitForSelector('main[data-lab="snowball"]');
  const motion = await page.evaluate(() => ({
    animations: document.getAnimations().length,
    transitions: [...document.querySelectorAll('*')].filter((e) => {
      const s = getComputedStyle(e);
      return s.transitionDuration.split(',').some((d) => parseFloat(d) > 0) || s.animationName !== 'none';
    }).length,
    smooth: getComputedStyle(document.documentElement).scrollBehavior,
  }));
  assert.deepEqual(motion, { animations: 0, transitions: 0, smooth: 'auto' });
  await ctx.close();
});

test('the sub-path build works from /cascade/', async () => {
  const { page, ctx } = await open('/cascade/?v=1&lab=about');
  assert.match(await page.locator('main h1').innerText(), /About Cascade Lab/);
  await page.click('a[data-nav="resampling"]');
  await page.waitForFunction(() => location.pathname === '/cascade/');
  await ctx.close();
  assert.deepEqual(foreign, []);
  assert.deepEqual(consoleErrors.filter((e) => !/favicon/.test(e)), []);
});
