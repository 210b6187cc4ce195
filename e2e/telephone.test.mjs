// End-to-end: the Telephone lab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, shots, open, metric, runCli, base } from './support.mjs';


test('telephone: a preset lands on its released run, and its link opens on the same numbers natively and in the page', async () => {
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
  await ctx.close();
});

test('telephone: a harder language and fewer iterations move the numbers; the Monte Carlo follows the exact curve', async () => {
  const { page, ctx } = await open('/?v=1&lab=telephone');
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

  await ctx.close();
});

test('telephone: an uploaded chain file shows the CLI numbers, located warnings, previous-step scores and a word diff', async () => {
  const { page, ctx } = await open('/?v=1&lab=telephone');
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

  await ctx.close();
});

test('telephone: a Broken Telephone evaluation JSON shows the file\'s own FActScore and refits the plateau to it like the CLI', async () => {
  const { page, ctx } = await open('/?v=1&lab=telephone');
  // The Broken Telephone evaluation format: the file's own FActScore beside ours, and the
  // plateau fitted to it like the CLI does.
  const bt = path.join(root, 'tests', 'fixtures', 'broken_telephone_eval_small.json');
  const wantBt = runCli(['telephone', 'analyze', bt, '--json', '--fit-metric', 'factscore']);
  await page.setInputFiles('#tel-upload', bt);
  await page.waitForFunction(() => /broken-telephone format/.test(document.querySelector('.telephone-report .meta')?.textContent || ''));
  await page.selectOption('#tel-fit-metric', 'factscore');
  await page.waitForFunction((p) => Math.abs(Number(document.querySelector('.telephone-report [data-metric="plateau"]')?.dataset.value) - p) < 1e-12, wantBt.fit.plateau);
  assert.equal(Number(await page.locator('.telephone-report [data-step="4"] [data-metric="file:factscore"]').getAttribute('data-value')), wantBt.steps[2].carried.factscore.mean);
  // The file carries its own BLEU and CHR-F beside ours: the page says why the two differ.
  assert.match(await page.locator('#tel-conventions').innerText(), /torchmetrics.*sacrebleu/s);
  await ctx.close();
});

test('telephone: a file that holds no chains says so, naming the file; the older report stays, named as the older file\'s', async () => {
  const { page, ctx } = await open('/?v=1&lab=telephone');
  await page.click('#tel-example');
  await page.waitForSelector('.telephone-report');
  const older = await page.locator('.telephone-report').getAttribute('data-file');
  const evalplus = path.join(root, 'tests', 'fixtures', 'current_command_r_temp0.8.eval_results.json');
  await page.setInputFiles('#tel-upload', evalplus);
  await page.waitForSelector('#tel-upload-errors');
  const errors = await page.locator('#tel-upload-errors').innerText();
  assert.match(errors, /current_command_r_temp0\.8\.eval_results\.json/);
  // One rule in every lab: nothing replaced or wiped, and the report on screen named as the
  // older file's.
  assert.ok(errors.includes(older), `the error names the file the report still comes from: ${errors}`);
  assert.equal(await page.locator('.telephone-report').count(), 1);
  assert.equal(await page.locator('.telephone-report').getAttribute('data-file'), older);
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
