// End-to-end: the Snowball lab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { root, shots, open, metric, runCli } from './support.mjs';


test('snowball: the exact wrong-answer rate, its Monte Carlo beside it, and a slider that moves the amplification and the link', async () => {
  const { page, ctx } = await open('/?v=1&lab=snowball&rho=0.67');
  const wrong = Number(await metric(page, 'sb_wrong_answer'));
  assert.ok(Math.abs(wrong - 0.3) < 1e-12, 'answer-first: P(wrong answer) = e');
  assert.ok(Math.abs(Number(await metric(page, 'sb_wrong_answer_mc')) - wrong) < 0.02);
  // Moving e_s changes the amplification (e_s / ε, with ε = 0.05 for a small step); the link follows.
  await page.locator('#sb-es').fill('0.6');
  await page.locator('#sb-es').dispatchEvent('input');
  await page.waitForFunction(() => Math.abs(Number(document.querySelector('[data-metric="sb_amplification"]').dataset.value) - 0.6 / 0.05) < 1e-9);
  await page.waitForFunction(() => location.search.includes('es=0.6'));
  await ctx.close();
});

test('snowball: a click on a row of the chain view reads that response', async () => {
  const { page, ctx } = await open('/?v=1&lab=snowball');
  // Click the 5th row of the chain view.
  await page.locator('#chain-view').scrollIntoViewIfNeeded();
  const box = await page.locator('#chain-view').boundingBox();
  await page.mouse.click(box.x + 20, box.y + (box.width / 640) * 6 * 4.5);
  await page.waitForFunction(() => document.getElementById('chain-explanation').textContent.startsWith('Response 5:'));
  await ctx.close();
});

test('snowball: the answer checker catches a false factorisation, and a flight puzzle is drawn', async () => {
  const { page, ctx } = await open('/?v=1&lab=snowball');
  // Check an answer against a generated primality question: 13 × 745 is no factorisation of a prime.
  await page.fill('#sb-response', 'No, it is not prime: it equals 13 × 745.');
  await page.waitForSelector('#sb-claims .claim.false');
  assert.match(await page.locator('#sb-claims').innerText(), /13 × 745 = 9685 ≠ \d+/);
  // A flight puzzle is drawn as two trees of 7 cities.
  await page.selectOption('#sb-dataset', 'graph');
  await page.waitForSelector('.flight-graph svg');
  assert.equal(await page.locator('.flight-graph svg text').count(), 14);
  await ctx.close();
});

test('snowball: a hand-written HALoGEN file is analysed like the CLI, and the simulator can be fitted to it', async () => {
  const file = path.join(root, 'tests', 'fixtures', 'snowball_halogen_small.csv');
  const want = runCli(['snowball', 'analyze', file, '--json']);
  const { page, ctx } = await open('/?v=1&lab=snowball&rho=0.67');
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
  // Fitted: answer-first with e = the file's wrong-answer rate, so the simulated rate equals it;
  // the model stays possible (errors no less likely after an error: e_s ≥ ε); undoable.
  await page.waitForFunction((e) => Number(document.querySelector('[data-metric="sb_wrong_answer"]').dataset.value) === e, want.overall.wrong_rate);
  const eps = Number(await page.locator('#sb-eps').inputValue());
  const es = Number(await page.locator('#sb-es').inputValue());
  assert.ok(es >= eps, `e_s ${es} ≥ ε ${eps}`);
  assert.match(await page.locator('#sb-fit-status').innerText(), /snowball_halogen_small\.csv/);
  await page.click('#sb-fit-undo');
  await page.waitForFunction(() => Math.abs(Number(document.querySelector('[data-metric="sb_wrong_answer"]').dataset.value) - 0.3) < 1e-12);
  assert.ok(!(await page.evaluate(() => new URLSearchParams(location.search).has('e'))), 'the link is back to the settings before the fit');
  // A file of another lab after a good one: refused and named; the report stays, named as the
  // older file's (one rule in every lab), never a "0 rows read" table with a Fit button.
  await page.setInputFiles('#sb-upload', path.join(root, 'tests', 'fixtures', 'current_command_r_temp0.8.eval_results.json'));
  await page.waitForSelector('#sb-upload-errors');
  const errors = await page.locator('#sb-upload-errors').innerText();
  assert.match(errors, /current_command_r_temp0\.8\.eval_results\.json/);
  assert.match(errors, /snowball_halogen_small\.csv/);
  assert.equal(await page.locator('.snowball-report').getAttribute('data-file'), 'snowball_halogen_small.csv');
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
