// End-to-end: "watch it happen" in every lab — play and step advance and stop, reduced motion
// steps without playing, and what a play draws lands on the lab's chart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { open, metric, shots } from './support.mjs';

const text = (page, sel) => page.locator(sel).innerText();

test('play: Resampling draws one task sample by sample until the verifier accepts, then many tasks whose dots join the chart', async () => {
  const { page, ctx } = await open('/?v=1&k=20');
  // Step: one draw of the first task at a time.
  await page.click('#rs-play-step');
  assert.equal(await page.locator('#rs-draws li').count(), 1);
  assert.match(await text(page, '#rs-play-status'), /^Task 1 \(P\(correct sample\) = [\d.]+\)(, sample 1: |: .* at sample 1\.$)/);
  let steps = 1;
  while (!(await page.locator('#rs-play-tally').count())) {
    await page.click('#rs-play-step');
    steps += 1;
    const drawn = await page.locator('#rs-draws li').count();
    assert.ok(drawn >= 1 && drawn <= 20, `draws shown: ${drawn}`);
    assert.ok(steps < 80, 'the first task ends within k = 20 samples');
  }
  // The task ended: accepted (✓ or ✗ last) or 20 rejections; the tally counts one task.
  assert.equal(Number(await metric(page, 'play_tasks')), 1);
  const marks = await page.locator('#rs-draws li').allInnerTexts();
  assert.ok(marks.slice(0, -1).every((m) => m === '·'), `only the last draw is accepted: ${marks}`);
  assert.ok(['✓', '✗'].includes(marks.at(-1)) || marks.length === 20);
  // Play runs on by itself (faster later) and the played tasks appear as a series on the chart.
  await page.click('#rs-play-play');
  assert.equal(await page.locator('#rs-play-play').getAttribute('aria-pressed'), 'true');
  await page.waitForFunction(() => Number(document.querySelector('[data-metric="play_tasks"]')?.dataset.value) >= 30, null, { timeout: 30000 });
  await page.click('#rs-play-play'); // pause
  assert.equal(await page.locator('#rs-play-play').getAttribute('aria-pressed'), 'false');
  const paused = Number(await metric(page, 'play_tasks'));
  await page.waitForTimeout(800);
  assert.equal(Number(await metric(page, 'play_tasks')), paused, 'paused means stopped');
  // The chart's table has the played column, its last row the tally's accuracy.
  const chart = page.locator('[data-chart="resampling-outcomes"]');
  await chart.locator('.chart-tools button', { hasText: /table/i }).first().click();
  const heads = await chart.locator('table thead th').allInnerTexts();
  const col = heads.findIndex((h) => /tasks played/.test(h));
  assert.ok(col > 0, `a played column: ${heads}`);
  const last = await chart.locator('table tbody tr').last().locator('td, th').nth(col).innerText();
  const acc = Number(await metric(page, 'play_accuracy'));
  assert.ok(Math.abs(Number(last.split(' ')[0]) - acc) < 1e-4, `${last} vs ${acc}`);
  // Start over clears it; a new model starts over too.
  await page.click('#rs-play-reset');
  assert.equal(await page.locator('#rs-play-tally').count(), 0);
  await page.click('#rs-play-step');
  await page.locator('#alpha').fill('2');
  await page.locator('#alpha').dispatchEvent('input');
  await page.waitForFunction(() => document.querySelectorAll('#rs-draws li').length === 0);
  await ctx.close();
});

test('play: the same seed plays the same tasks (a link reproduces them)', async () => {
  const run = async () => {
    const { page, ctx } = await open('/?v=1&k=20&seed=7');
    for (let i = 0; i < 40; i++) await page.click('#rs-play-step');
    const out = [await text(page, '#rs-play-status'), await text(page, '#rs-play-tally')];
    await ctx.close();
    return out;
  };
  assert.deepEqual(await run(), await run());
});

test('play: Snowball writes one response claim by claim; its dots join P(claim false) by position', async () => {
  const { page, ctx } = await open('/?v=1&lab=snowball');
  const steps = Number(await page.locator('#sb-steps').inputValue());
  for (let k = 1; k <= steps; k++) {
    await page.click('#sb-play-step');
    assert.equal(await page.locator('#sb-play-claims li').count(), k);
    assert.match(await text(page, '#sb-play-status'), new RegExp(`^Response 1, claim ${k} of ${steps}: `));
  }
  // The answer is marked; once written, the response counts.
  assert.equal(await page.locator('#sb-play-claims li.answer').count(), 1);
  assert.equal(Number(await metric(page, 'play_responses')), 1);
  await page.click('#sb-play-play');
  await page.waitForFunction(() => Number(document.querySelector('[data-metric="play_responses"]')?.dataset.value) >= 40, null, { timeout: 30000 });
  await page.click('#sb-play-play');
  const legend = await text(page, '[data-chart="snowball-by-position"] .chart-legend');
  assert.match(legend, /responses written: any claim/);
  assert.match(legend, /responses written: after a false claim/);
  await ctx.close();
});

test('play: Telephone plays the story iteration by iteration', async () => {
  const { page, ctx } = await open('/?v=1&lab=telephone');
  await page.click('#tel-play-reset');
  assert.equal(await page.locator('#tel-text-iteration').inputValue(), '0');
  await page.click('#tel-play-step');
  await page.click('#tel-play-step');
  assert.equal(await page.locator('#tel-text-iteration').inputValue(), '2');
  assert.match(await text(page, '#tel-play-status'), /^After iteration 2 of \d+\./);
  await page.click('#tel-play-play');
  await page.waitForFunction(() => Number(document.getElementById('tel-text-iteration').value) >= 6);
  await page.click('#tel-play-play');
  await ctx.close();
});

test('play: a play stops by itself at its end (Telephone, 8 iterations)', async () => {
  const { page, ctx } = await open('/?v=1&lab=telephone&ti=8');
  await page.click('#tel-play-reset');
  await page.click('#tel-play-play');
  await page.waitForFunction(() => document.getElementById('tel-play-play').getAttribute('aria-pressed') === 'false', null, { timeout: 10000 });
  assert.equal(await page.locator('#tel-text-iteration').inputValue(), '8');
  assert.match(await page.locator('#tel-play-status').innerText(), /^After iteration 8 of 8\./);
  await page.waitForTimeout(700);
  assert.equal(await page.locator('#tel-text-iteration').inputValue(), '8', 'and stays there');
  await ctx.close();
});

test('play: Telephone steps an uploaded chain, each step against the one before it', async () => {
  const { page, ctx } = await open('/?v=1&lab=telephone');
  // An uploaded chain: the diff steps through it, each step against the one before.
  await page.setInputFiles('#tel-upload', path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'tests', 'fixtures', 'telephone_chains.jsonl'));
  await page.waitForSelector('.telephone-report');
  await page.click('#tel-diff-play-reset');
  await page.click('#tel-diff-play-step');
  assert.match(await text(page, '#tel-diff-play-status'), /^Step 1 against step 0 /);
  assert.equal(await page.locator('#tel-diff-a').inputValue(), '0');
  assert.equal(await page.locator('#tel-diff-b').inputValue(), '1');
  await page.click('#tel-diff-play-step');
  assert.equal(await page.locator('#tel-diff-a').inputValue(), '1');
  assert.equal(await page.locator('#tel-diff-b').inputValue(), '2');
  // Step to the last step; one more starts over.
  const steps = await page.locator('#tel-diff-b option').evaluateAll((os) => os.map((o) => o.value));
  for (let i = 2; i < steps.length - 1; i++) await page.click('#tel-diff-play-step');
  assert.equal(await page.locator('#tel-diff-b').inputValue(), steps.at(-1));
  assert.equal(await page.locator('#tel-diff-a').inputValue(), steps.at(-2), 'each step against the one before it');
  await page.click('#tel-diff-play-step');
  assert.equal(await page.locator('#tel-diff-b').inputValue(), '0');
  await ctx.close();
});

test('play: under reduced motion nothing plays by itself — Step only, in every lab', async () => {
  for (const [url, id] of [['/?v=1', 'rs-play'], ['/?v=1&lab=snowball', 'sb-play'], ['/?v=1&lab=telephone', 'tel-play']]) {
    const { page, ctx } = await open(url, { reducedMotion: 'reduce' });
    assert.equal(await page.locator(`#${id}-play`).count(), 0, `${url}: no Play under reduced motion`);
    assert.ok(await page.locator(`#${id}-reduced`).isVisible());
    const before = await text(page, `#${id}-status`);
    await page.click(`#${id}-step`);
    await page.waitForTimeout(400);
    const after = await text(page, `#${id}-status`);
    assert.notEqual(after, before, `${url}: Step moves on`);
    await page.waitForTimeout(800);
    assert.equal(await text(page, `#${id}-status`), after, `${url}: and nothing moves by itself`);
    await ctx.close();
  }
});

test('screenshots: every lab at 1280 and 390 px, light and dark, playing, with a readout on its main chart', async () => {
  const labs = [['resampling', 'rs-play'], ['snowball', 'sb-play'], ['telephone', null], ['search', null]];
  for (const [lab, play] of labs) {
    for (const [w, h] of [[1280, 800], [390, 844]]) {
      for (const dark of [false, true]) {
        const { page, ctx } = await open(`/?v=1&lab=${lab}`, { width: w, height: h, dark, touch: w < 500 });
        if (play) for (let i = 0; i < 30; i++) await page.click(`#${play}-step`);
        await page.evaluate(() => window.scrollTo(0, 0));
        const plot = page.locator('.lab-grid .results .chart-plot').first();
        await plot.scrollIntoViewIfNeeded();
        const box = await plot.boundingBox();
        if (w < 500) await page.touchscreen.tap(box.x + box.width * 0.45, box.y + box.height * 0.5);
        else await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5);
        await page.waitForFunction(() => document.querySelector('.lab-grid .results .chart-readout')?.textContent.trim().length > 0);
        const name = `${lab}-${w}-${dark ? 'dark' : 'light'}.png`;
        await page.screenshot({ path: path.join(shots, name) });
        await ctx.close();
      }
    }
  }
});
