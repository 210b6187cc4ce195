// The Search lab: uploads of search-and-learn and generic files, read in the worker; the page's
// numbers equal the command line's; the chart, the problem table and its drill-down.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { open, metric, runCli, pages, root, shots } from './support.mjs';

const { search } = pages;
const sal = path.join(root, 'tests', 'fixtures', 'search_and_learn_beam_math500_first10.jsonl');
const generic = path.join(root, 'tests', 'fixtures', 'search_generic.csv');

async function numbers(page, name) {
  const scope = search.report(name);
  const out = {};
  for (const m of ['search_problems', 'search_samples', 'search_single', 'search_unextracted', 'search_coverage', 'search_majority', 'search_best', 'search_weighted', 'search_gap']) {
    const v = await metric(page, m, scope);
    out[m] = v === '' ? null : Number(v);
  }
  return out;
}

function fromCli(file) {
  const last = file.curve[file.curve.length - 1];
  return {
    search_problems: file.problems,
    search_samples: file.samples,
    search_single: file.single_sample_accuracy,
    search_unextracted: file.unextracted_answers,
    search_coverage: last.coverage,
    search_majority: last.majority,
    search_best: last.best_of_k,
    search_weighted: last.weighted_majority,
    search_gap: last.best_of_k == null ? null : last.coverage - last.best_of_k,
  };
}

test('a search-and-learn file and a generic file: the page shows the command line\'s numbers, one chart for both', async () => {
  const { page, ctx } = await open('/?v=1&lab=search');
  await page.setInputFiles(search.input, [sal, generic]);
  await page.waitForSelector(search.report('search_generic.csv'));
  await page.waitForSelector(search.report('search_and_learn_beam_math500_first10.jsonl'));
  const cli = runCli(['search', 'analyze', sal, generic, '--json']).files;
  for (const file of cli) {
    const shown = await numbers(page, file.name);
    const want = fromCli(file);
    for (const [k, v] of Object.entries(want)) {
      if (v == null) assert.equal(shown[k], null, `${file.name} ${k}`);
      else assert.ok(Math.abs(shown[k] - v) < 1e-12, `${file.name} ${k}: page ${shown[k]}, CLI ${v}`);
    }
  }
  // Real numbers, not placeholders: the beam-search file's 10 problems × 16 completions.
  assert.equal(cli[0].problems, 10);
  assert.equal(cli[0].samples, 160);
  // The generic file's bad rows are named by line and field.
  const warnings = await page.locator(`${search.report('search_generic.csv')} .warnings`).innerText();
  assert.match(warnings, /line 16, field score/);
  // One chart, curves of both files, the gap shaded.
  // (textContent: a chart off screen is not rendered, so it has no innerText.)
  const legend = await page.locator(`${search.chart} .chart-legend`).textContent();
  assert.match(legend, /search_generic\.csv/);
  assert.match(legend, /selection gap/);
  // The screenshot shows the upload: its chart and the top of its report.
  await page.locator(search.chart).scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(shots, 'search-upload.png'), fullPage: false });
  await ctx.close();
});

test('the problem table sorts and a problem opens its samples as text', async () => {
  const { page, ctx } = await open('/?v=1&lab=search');
  await page.setInputFiles(search.input, generic);
  const report = search.report('search_generic.csv');
  await page.waitForSelector(report);
  await page.click(`${report} .problem-table summary`);
  // Sorted by right samples, most first: gsm-3 and gsm-5 have 3 each.
  const first = await page.locator(`${report} tbody tr`).first().locator('td').nth(2).innerText();
  assert.equal(first, '3');
  await page.click(`${report} th:nth-child(1) button`);
  const ids = await page.locator(`${report} tbody tr td:first-child`).allInnerTexts();
  assert.deepEqual(ids.slice(0, 5), ['gsm-5', 'gsm-4', 'gsm-3', 'gsm-2', 'gsm-1']);
  await page.click(`${report} tbody tr td:first-child button >> text=gsm-1`);
  await page.waitForSelector(search.drill);
  const rows = await page.locator(`${search.drill} tbody tr`).allInnerTexts();
  assert.equal(rows.length, 4);
  // Best score first: the wrong 20 at 0.95.
  assert.match(rows[0], /20/);
  assert.match(rows[0], /0\.9500/);
  await page.locator(search.drill).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'search-drill-down.png'), fullPage: false });
  await ctx.close();
});

test('one short problem leaves the curves to the others, a broken join is said above the numbers, an estimated vote carries its interval', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-e2e-'));
  // Ten problems of 16 samples and one of a single sample.
  let rows = ['problem_id,answer,correct,score'];
  for (let p = 0; p < 10; p++) for (let j = 0; j < 16; j++) rows.push(`p${p},${j % 3 === 0 ? 'a' : `b${j % 2}`},${j % 3 === 0 ? 1 : 0},${(j % 5) / 10}`);
  rows.push('lonely,a,1,0.5');
  const short = path.join(dir, 'short.csv');
  fs.writeFileSync(short, rows.join('\n') + '\n');
  // Twelve problems whose eight samples are all different wrong answers.
  rows = ['problem_id,answer,correct'];
  for (let p = 0; p < 12; p++) for (let j = 0; j < 8; j++) rows.push(`q${p},${100 * p + j},0`);
  const joined = path.join(dir, 'joined.csv');
  fs.writeFileSync(joined, rows.join('\n') + '\n');
  // One problem of 200 samples in three answers: the weighted vote is estimated from k = 4.
  rows = ['problem_id,answer,correct,score'];
  for (let j = 0; j < 200; j++) rows.push(`big,${j % 3},${j % 3 === 0 ? 1 : 0},${((j * 7) % 11) / 10}`);
  const big = path.join(dir, 'big.csv');
  fs.writeFileSync(big, rows.join('\n') + '\n');

  const { page, ctx } = await open('/?v=1&lab=search');
  await page.setInputFiles(search.input, [short, joined, big]);
  for (const n of ['short.csv', 'joined.csv', 'big.csv']) await page.waitForSelector(search.report(n));
  const cli = runCli(['search', 'analyze', short, joined, big, '--json']).files;
  // The short file: curves to k = 16, the lonely problem named; the page's numbers are the CLI's.
  assert.equal(cli[0].curve.length, 16);
  assert.deepEqual(cli[0].left_out, [{ problem: 'lonely', samples: 1, from_k: 2 }]);
  assert.equal(Number(await metric(page, 'search_coverage', search.report('short.csv'))), cli[0].curve[15].coverage);
  assert.match(await page.locator(`${search.report('short.csv')} .warnings`).innerText(), /lonely \(1\)/);
  assert.equal(await page.locator(`${search.report('short.csv')} [data-flag="suspect-join"]`).count(), 0);
  // The broken join: flagged above the numbers, in words.
  assert.equal(cli[1].suspect_join, true);
  const flag = await page.locator(`${search.report('joined.csv')} [data-flag="suspect-join"]`).innerText();
  assert.match(flag, /joined to the wrong problems: in 12 of 12 problems/);
  // The estimated vote: an interval in --json, shaded on the chart.
  const at50 = cli[2].curve.find((p) => p.k === 50);
  assert.ok(at50.weighted_majority_interval[0] < at50.weighted_majority && at50.weighted_majority < at50.weighted_majority_interval[1]);
  assert.equal(cli[2].curve[0].weighted_majority_interval, null);
  const legend = await page.locator(`${search.chart} .chart-legend`).textContent();
  assert.match(legend, /weighted vote: 95 % interval where estimated/);
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('thousands of rows with one problem are said once: one folded line with the count and the first places, as in --json', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'search-e2e-'));
  // 100 problems × 24 samples; three in four have no answer (1 800 rows), one row a bad score.
  const rows = ['problem_id,answer,correct,score'];
  for (let p = 0; p < 100; p++) for (let j = 0; j < 24; j++) rows.push(`p${p},${j % 4 ? '' : 'a'},${j % 4 ? 0 : 1},${p === 7 && j === 3 ? 'high' : 0.5}`);
  const file = path.join(dir, 'unanswered.csv');
  fs.writeFileSync(file, rows.join('\n') + '\n');
  const cli = runCli(['search', 'analyze', file, '--json']).files[0];
  const noAnswer = cli.warning_groups.find((g) => g.kind === 'search.ingest.no_answer');
  assert.equal(noAnswer.count, 1800);
  assert.equal(noAnswer.field, 'answer');
  assert.deepEqual(noAnswer.first, ['line 3', 'line 4', 'line 5', 'line 7', 'line 8']);
  // The list keeps the first five of a kind and counts the rest in one line: nothing lost.
  assert.ok(cli.warnings.includes('file, field answer: 1795 more like this, not listed: no answer: the sample counts for coverage and best-of-k, and votes for no answer'), cli.warnings.join('\n'));
  assert.equal(cli.warnings.length, 8);

  const { page, ctx } = await open('/?v=1&lab=search');
  await page.setInputFiles(search.input, file);
  const report = search.report('unanswered.csv');
  await page.waitForSelector(report);
  // Headed by every warning's count (the counted ones included), one line per kind, not 1 802.
  assert.match(await page.locator(`${report} .warnings > summary`).innerText(), /^1802 warning/);
  assert.equal(await page.locator(`${report} .warnings > ul > li`).count(), cli.warning_groups.length);
  const group = page.locator(`${report} .warning-group[data-kind="search.ingest.no_answer"]`);
  assert.equal(await group.getAttribute('data-count'), '1800');
  assert.match(await group.locator('summary').innerText(), /^1800 like this — the first: line 3, field answer: no answer/);
  await group.locator('summary').click();
  assert.equal(await group.locator('p').innerText(), 'at line 3, line 4, line 5, line 7, line 8, and 1795 more');
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('choosing another score aggregation reads the files again and the command line agrees', async () => {
  const { page, ctx } = await open('/?v=1&lab=search');
  await page.setInputFiles(search.input, sal);
  const name = 'search_and_learn_beam_math500_first10.jsonl';
  await page.waitForSelector(search.report(name));
  const stored = await metric(page, 'search_best', search.report(name));
  await page.selectOption(search.aggregate, 'min');
  await page.waitForFunction(([sel, before]) => {
    const el = document.querySelector(`${sel} [data-metric="search_best"]`);
    return el && el.getAttribute('data-value') !== before;
  }, [search.report(name), stored]);
  const shown = Number(await metric(page, 'search_best', search.report(name)));
  const cli = runCli(['search', 'analyze', sal, '--aggregate', 'min', '--json']).files[0];
  assert.ok(Math.abs(shown - cli.curve[cli.curve.length - 1].best_of_k) < 1e-12);
  await ctx.close();
});

test('a file that is not a search file is named with the reason, and nothing else is shown', async () => {
  const { page, ctx } = await open('/?v=1&lab=search');
  await page.setInputFiles(search.input, path.join(root, 'tests', 'fixtures', 'telephone_bad_chains.jsonl'));
  await page.waitForSelector(search.errors);
  const text = await page.locator(search.errors).innerText();
  assert.match(text, /telephone_bad_chains\.jsonl/);
  assert.equal(await page.locator(search.report()).count(), 0);
  await ctx.close();
});

test('the simulator: presets land on their numbers, a slider moves them within the frame and the link keeps them', async () => {
  const golden = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'golden_links.json'), 'utf8'));
  const { page, ctx } = await open('/?v=1&lab=search');
  // The OVM preset: the released points drawn beside the curves, numbers as pinned natively.
  await page.click('#search-preset-ovm');
  await page.waitForFunction(() => location.search.includes('sm=10'));
  await page.waitForSelector('[data-mc-pending="false"]');
  const ovm = golden.links.find((l) => l.name === 'search: ovm');
  for (const name of ['search_sim_coverage', 'search_sim_majority', 'search_sim_best', 'search_sim_best_mc']) {
    assert.equal(Number(await metric(page, name)), ovm.numbers[name], name);
  }
  const legend = await page.locator('[data-chart="search-sim-curves"] .chart-legend').innerText();
  assert.match(legend, /OVM release: verifier best-of-n/);
  await page.screenshot({ path: path.join(shots, 'search-simulate.png'), fullPage: false });
  // Chen et al.'s rise then fall: the vote at N = 101 is exactly one half (the checked vector).
  await page.click('#search-preset-chen-rise');
  await page.waitForFunction(() => location.search.includes('sn=101'));
  assert.ok(Math.abs(Number(await metric(page, 'search_sim_majority')) - 0.5) < 1e-4);
  // A biased scorer: best-of-N ends below where it peaked.
  await page.click('#search-preset-reward-hacking');
  await page.waitForFunction(() => location.search.includes('sbi=3'));
  const fallen = Number(await metric(page, 'search_sim_best'));
  assert.ok(fallen < 0.7, `best-of-N at 256 under reward hacking: ${fallen}`);
  // A stronger scorer helps: the exact number moves with the slider, and the link follows.
  await page.fill('#search-dprime-num', '4');
  await page.press('#search-dprime-num', 'Enter');
  await page.waitForFunction((before) => Number(document.querySelector('[data-metric="search_sim_best"]').dataset.value) > before + 0.05, fallen);
  await page.waitForFunction(() => location.search.includes('sdp=4'));
  const link = await page.evaluate(() => location.search);
  const again = await open(`/${link}`);
  assert.equal(await metric(again.page, 'search_sim_best'), await metric(page, 'search_sim_best'));
  await again.ctx.close();
  await ctx.close();
});

test('every headline is at exactly the N set (N = 500 is not the grid point 464), like the command line', async () => {
  const want = runCli(['link', '?v=1&lab=search&sn=500', '--json']).page;
  const { page, ctx } = await open('/?v=1&lab=search&sn=500');
  await page.waitForSelector('[data-mc-pending="false"]');
  assert.equal(Number(await metric(page, 'search_sim_coverage')), want.search_sim_coverage);
  // The closed form 1 − B(α, β + 500)/B(α, β) is computed natively (tests); here the page says N.
  assert.match(await page.locator('.verdict').filter({ hasText: /^At N =/ }).first().innerText(), /^At N = 500,/);
  await ctx.close();
});

test('fit the simulator to a file, then undo: the link follows both ways', async () => {
  const { page, ctx } = await open('/?v=1&lab=search');
  await page.setInputFiles(search.input, sal);
  const report = search.report('search_and_learn_beam_math500_first10.jsonl');
  await page.waitForSelector(report);
  await page.click(`${report} .search-fit`);
  await page.waitForSelector('#search-fit-status');
  assert.match(await page.locator('#search-fit-status').innerText(), /α = .*d′ = /);
  await page.waitForFunction(() => /sa=/.test(location.search) && /sn=16/.test(location.search));
  // The simulator now shows coverage at N = 16 close to the file's own coverage@16.
  const file = Number(await metric(page, 'search_coverage', report));
  const sim = Number(await metric(page, 'search_sim_coverage'));
  assert.ok(Math.abs(file - sim) < 0.05, `file ${file}, fitted simulator ${sim}`);
  await page.click('#search-fit-undo');
  await page.waitForFunction(() => !/sa=/.test(location.search) && !/sn=/.test(location.search));
  await ctx.close();
});

test('beam search: the Scaling Flaws preset is ahead then behind, as pinned natively; a wider beam moves it', async () => {
  const golden = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'golden_links.json'), 'utf8'));
  const pinned = golden.links.find((l) => l.name === 'search: scaling-flaws');
  const { page, ctx } = await open('/?v=1&lab=search');
  await page.click('#search-preset-scaling-flaws');
  await page.waitForFunction(() => location.search.includes('sn=1024'));
  await page.waitForSelector('.beam [data-mc-pending="false"]');
  for (const name of ['search_beam_any', 'search_beam_top', 'search_beam_lead', 'search_beam_lead_n', 'search_beam_behind']) {
    const v = await metric(page, name);
    assert.equal(v === '' ? null : Number(v), pinned.numbers[name], name);
  }
  assert.ok(pinned.numbers.search_beam_lead > 0 && pinned.numbers.search_beam_behind > pinned.numbers.search_beam_lead_n);
  const legend = await page.locator('[data-chart="search-beam-curves"] .chart-legend').textContent();
  assert.match(legend, /repeated sampling: coverage@N/);
  await page.locator('.beam').screenshot({ path: path.join(shots, 'search-beam.png') });
  // A beam as wide as 64 paths prunes less: the link follows, and the numbers move.
  await page.fill('#search-beams-num', '64');
  await page.press('#search-beams-num', 'Enter');
  await page.waitForFunction(() => location.search.includes('sbw=64'));
  await page.waitForSelector('.beam [data-mc-pending="false"]');
  assert.notEqual(Number(await metric(page, 'search_beam_any')), pinned.numbers.search_beam_any);
  await ctx.close();
});
