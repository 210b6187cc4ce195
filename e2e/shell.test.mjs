// End-to-end: the shell and what spans the labs (navigation, links, themes, golden links,
// accessibility, keyboard, sessions, projector and embed, lessons and lesson links, the text
// catalog, reduced motion, the sub-path build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, shots, fixture, open, metric, browser, base, foreign, consoleErrors, pages, runCli, LABS, LESSON_LABS } from './support.mjs';

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
    search: async (page) => {
      await page.setInputFiles('#search-upload', path.join(root, 'tests', 'fixtures', 'search_generic.csv'));
      await page.waitForSelector('.search-report');
      await page.click('.search-report .problem-table summary');
      await page.click('.search-report tbody tr td:first-child button');
      await page.waitForSelector('#search-drill-down');
    },
    'search&lesson=search&stage=4': async () => {},
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
  assert.ok(await page.locator('[data-chart="telephone-decay"] .chart-svg svg').first().isVisible());
  await ctx.close();
  const { page: e, ctx: c2 } = await open('/?v=1&lab=snowball&embed=1');
  assert.equal(await e.locator('header.header').count(), 0, 'no header when embedded');
  assert.ok(await e.locator('[data-metric="sb_wrong_answer"]').isVisible());
  await e.screenshot({ path: path.join(shots, 'snowball-embed.png') });
  await c2.close();
});


for (const lab of LESSON_LABS) {
  test(`lessons: the ${lab} lesson — predict, reveal the truth and the miss, go on, stage by stage`, async () => {
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
      // The reveal says why, with the same number, and shows it on a chart of the lab.
      const truth = /It is (-?[\d.,]+( %)?)/.exec(result)[1].replace(/[.,]$/, '');
      const why = await page.locator('#lesson-why').innerText();
      assert.ok(why.includes(truth) && why.length > 120, `${lab} stage ${k}: ${why}`);
      await page.click('#lesson-show-chart');
      await page.waitForFunction(() => document.activeElement?.classList.contains('chart-plot'));
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
  });
}

// Every stage of every lesson hides every place its answer appears until the reveal: the
// visible text and the accessible names of the lab (its controls and the stage's own story
// aside, which set and state the parameters) never hold the number that "Reveal" then shows.
for (const lab of LESSON_LABS) {
  test(`lessons: no stage of the ${lab} lesson shows its answer before the reveal`, async () => {
    const { page, ctx } = await open(`/?v=1&lab=${lab}`);
    await page.click('#lesson-start');
    await page.waitForSelector('#lesson-h');
    const stages = Number(/of (\d+)/.exec(await page.locator('.lesson-progress').innerText())[1]);
    for (let k = 1; k <= stages; k++) {
      await page.waitForFunction((k) => document.querySelector('.lesson')?.dataset.stage === String(k), k);
      // Let every number settle (Monte Carlo runs, charts drawn after the paint).
      await page.waitForFunction(() => !document.querySelector('[data-mc-pending="true"], [aria-busy="true"]'), null, { timeout: 60000 });
      await page.waitForTimeout(300);
      const seen = await page.evaluate(() => {
        const main = document.querySelector('main');
        const out = [];
        const skip = (el) => el.closest('.controls, .lesson, .presets, nav, footer');
        const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!el || skip(el) || !n.textContent.trim()) continue;
          if (el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) out.push(n.textContent);
        }
        for (const el of main.querySelectorAll('[aria-label], [aria-valuetext], [title]')) {
          if (skip(el) || !el.checkVisibility({ visibilityProperty: true })) continue;
          for (const a of ['aria-label', 'aria-valuetext', 'title']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
        }
        return out.join('\n');
      });
      // Every element that shows the asked number is out of sight (and out of the accessibility tree).
      const asked = await page.locator('.lesson').getAttribute('data-asks');
      const shownMetric = await page.evaluate((m) => [...document.querySelectorAll(`main [data-metric="${m}"]`)]
        .filter((el) => el.checkVisibility({ visibilityProperty: true }) && el.textContent.trim()).map((el) => el.textContent), asked);
      assert.deepEqual(shownMetric, [], `${lab} stage ${k}: ${asked} is shown before the reveal`);
      await page.fill('#lesson-guess', '1');
      await page.click('#lesson-reveal');
      const result = await page.locator('#lesson-result').innerText();
      const m = /It is (-?[\d.,]+)( %)?/.exec(result);
      assert.ok(m, `${lab} stage ${k}: ${result}`);
      const shown = m[1].replace(/[.,]$/, '');
      // A share as shown (55.9) and as a fraction (0.559); a number as shown — a small whole number
      // (a budget k) only where it is given as one ("k = 3"), since "1" is in any text.
      const small = /^\d{1,2}$/.test(shown);
      const forms = small ? [] : [shown];
      if (m[2]) forms.push((Number(shown) / 100).toFixed(3));
      const patterns = forms.map((f) => new RegExp(`(^|[^\\d.])${f.replace('.', '\\.')}(?![\\d])`));
      if (small) patterns.push(new RegExp(`\\bk\\*?\\s*=\\s*${shown}(?![\\d])`));
      for (const re of patterns) {
        const at = re.exec(seen);
        const f = re.source;
        assert.ok(!at, `${lab} stage ${k}: the answer ${f} is on the page before the reveal: …${seen.slice(Math.max(0, (at?.index ?? 0) - 120), (at?.index ?? 0) + 40)}…`);
      }
      if (k < stages) await page.click('#lesson-next');
    }
    await ctx.close();
  });
}

// Every chart of every lab answers the pointer and the keyboard: a readout whose numbers are the
// chart's own table row at that x (a scatter names the model under the pointer), moved by the
// arrow keys, announced in a live region, and never drawn into the exported SVG.
async function readChart(chart) {
  const x = await chart.locator('.readout-x b').innerText();
  const rows = await chart.locator('.readout-box li').evaluateAll((lis) => lis.map((li) => ({
    series: li.dataset.series, value: li.dataset.value, name: li.querySelector('.readout-name')?.textContent ?? null })));
  return { x, rows };
}
for (const [lab, url] of LABS.map((l) => [l, l === 'resampling' ? '/?v=1&lab=resampling&mc=100' : `/?v=1&lab=${l}`])) {
  test(`charts: every chart of the ${lab} lab reads out the table's numbers under the pointer and the arrow keys`, async () => {
    const { page, ctx } = await open(url);
    await page.waitForSelector('.chart-plot');
    await page.waitForFunction(() => !document.querySelector('[data-mc-pending="true"], [aria-busy="true"], #mc-progress'), null, { timeout: 60000 });
    const charts = page.locator('.chart');
    const n = await charts.count();
    let read = 0;
    for (let i = 0; i < n; i++) {
      const chart = charts.nth(i);
      const plot = chart.locator('.chart-plot');
      if (!(await plot.isVisible())) continue;
      // The table, as the page shows it.
      await chart.locator('.chart-tools button').first().click();
      const table = await chart.locator('.data-table').evaluate((t) => ({
        header: [...t.querySelectorAll('thead th')].map((th) => th.textContent),
        rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent)),
      }));
      await chart.locator('.chart-tools button').first().click();
      if (table.rows.length === 0) continue;
      await plot.scrollIntoViewIfNeeded();
      const box = await plot.boundingBox();
      if (!box || box.height < 50) continue;
      await page.mouse.move(box.x + box.width * 0.55, box.y + box.height * 0.45);
      await chart.locator('.readout-box').waitFor();
      const at = await readChart(chart);
      const id = await chart.getAttribute('data-chart');
      assert.ok(at.rows.length > 0, `${lab} ${id}: a readout with values`);
      const scatter = at.rows.some((r) => r.name);
      for (const r of at.rows) {
        const col = table.header.indexOf(r.series);
        assert.ok(col > 0, `${lab} ${id}: ${r.series} is a column of the table`);
        if (scatter) {
          assert.ok(table.rows.some((row) => row[col] === r.value), `${lab} ${id}: ${r.name} ${r.value} is in the table`);
        } else {
          const row = table.rows.find((row) => row[0] === at.x);
          assert.ok(row, `${lab} ${id}: x = ${at.x} is a row of the table`);
          assert.equal(r.value, row[col], `${lab} ${id} at ${at.x}: ${r.series}`);
        }
      }
      // The live region says it for screen readers.
      const live = await chart.evaluate((c) => c.nextElementSibling?.classList.contains('chart-live') ? c.nextElementSibling.textContent : c.querySelector('.chart-live')?.textContent ?? '');
      assert.ok(live.includes(at.rows[0].value), `${lab} ${id}: announced (${live})`);
      // The arrow keys move it along x.
      await plot.focus();
      await page.keyboard.press('Home');
      const first = (await readChart(chart)).x;
      await page.keyboard.press('ArrowRight');
      const second = (await readChart(chart)).x;
      assert.ok(table.rows.length === 1 || second !== first, `${lab} ${id}: ArrowRight moves the readout (${first} → ${second})`);
      await page.keyboard.press('Escape');
      assert.equal(await chart.locator('.readout-box').count(), 0);
      read++;
    }
    assert.ok(read >= 1, `${lab}: at least one chart read`);
    // The exported SVG holds no readout.
    await page.mouse.move(10, 10);
    await ctx.close();
  });
}

test('charts: a tap reads out a chart on a touch screen, and the paper\'s scatter names its models', async () => {
  const { page, ctx } = await open('/?v=1&lab=resampling', { width: 390, height: 844, touch: true });
  const chart = page.locator('.chart[data-chart="resampling-models"]');
  await chart.scrollIntoViewIfNeeded();
  const plot = chart.locator('.chart-plot');
  const box = await plot.boundingBox();
  await page.touchscreen.tap(box.x + box.width * 0.6, box.y + box.height * 0.3);
  await chart.locator('.readout-box').waitFor();
  const at = await readChart(chart);
  assert.ok(at.rows[0].name && at.rows[0].name.length > 1, `a model is named: ${JSON.stringify(at)}`);
  await ctx.close();
});

test('lesson links hide every control group a lab declares, in every registered lab (hide=<group>, and all at once)', async () => {
  // The labs and their groups from the registry itself (`cascade labs --json`), so a new lab or
  // group is tested the moment it is registered.
  const { labs } = runCli(['labs', '--json']);
  assert.ok(labs.length >= 4, JSON.stringify(labs.map((l) => l.key)));
  for (const { key: lab, control_groups: declared } of labs) {
    const { page, ctx } = await open(`/?v=1&lab=${lab}`);
    const marked = await page.evaluate(() => [...new Set([...document.querySelectorAll('main [data-group]')].map((e) => e.dataset.group))]);
    assert.ok(declared.length >= 3, `${lab}: ${declared}`);
    // Every declared group is on the page, shown, before it is hidden.
    for (const g of declared) assert.ok(marked.includes(g), `${lab}: group ${g} is declared but not on the page (${marked})`);
    for (const g of declared) {
      await page.goto(`${base}/?v=1&lab=${lab}&hide=${g}`);
      await page.waitForSelector('main[data-lab]');
      const shown = await page.evaluate((g) => [...document.querySelectorAll(`main [data-group="${g}"]`)].filter((e) => e.checkVisibility()).length, g);
      assert.equal(shown, 0, `${lab}: hide=${g} leaves ${shown} element(s) shown`);
    }
    await page.goto(`${base}/?v=1&lab=${lab}&hide=${declared.join(',')}`);
    await page.waitForSelector('main[data-lab]');
    const left = await page.evaluate(() => [...document.querySelectorAll('main [data-group]')].filter((e) => e.checkVisibility()).map((e) => e.dataset.group));
    assert.deepEqual(left, [], `${lab}: hiding every group leaves ${left}`);
    assert.equal(await page.locator(pages.shell.linkWarnings).count(), 0, `${lab}: the link is read without a warning`);
    await ctx.close();
  }
});

test('layout: on a phone the chart comes before the controls that move it, in every lab', async () => {
  for (const lab of LABS) {
    const { page, ctx } = await open(`/?v=1&lab=${lab}`, { width: 390, height: 844 });
    await page.waitForSelector('.lab-grid .results .chart-plot');
    const at = await page.evaluate(() => ({
      chart: document.querySelector('.lab-grid .results .chart').getBoundingClientRect().top,
      slider: document.querySelector('.lab-grid .controls input[type=range]').getBoundingClientRect().top,
      wide: document.documentElement.scrollWidth > window.innerWidth + 1,
    }));
    assert.ok(at.chart < at.slider, `${lab}: chart at ${at.chart} px, first slider at ${at.slider} px`);
    assert.ok(!at.wide, `${lab}: nothing scrolls sideways`);
    // The main chart is in the first screen; its tick labels render at 11 px or more.
    assert.ok(at.chart < 844, `${lab}: the main chart starts at ${at.chart} px, below the first screen`);
    const smallest = await page.evaluate(() => Math.min(...[...document.querySelectorAll('.lab-grid .results .chart-svg svg text')]
      .filter((t) => t.textContent.trim()).map((t) => t.getBoundingClientRect().height)));
    assert.ok(smallest >= 11, `${lab}: a tick label is ${smallest.toFixed(1)} px tall`);
    // The control groups fold away and back from their legend.
    const group = page.locator('.lab-grid .controls fieldset').first();
    const toggle = group.locator('legend .group-toggle');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await group.locator('input[type=range], input[type=radio]').first().isVisible(), false, `${lab}: folded`);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await group.locator('input[type=range], input[type=radio]').first().isVisible(), true, `${lab}: unfolded`);
    await ctx.close();
  }
});

test('layout: at 1280 × 800 the main chart and the first slider are in view together on first load, in every lab', async () => {
  for (const lab of LABS) {
    const { page, ctx } = await open(`/?v=1&lab=${lab}`, { width: 1280, height: 800 });
    await page.waitForSelector('.lab-grid .results .chart-plot');
    const at = await page.evaluate(() => {
      const c = document.querySelector('.lab-grid .results .chart .chart-svg').getBoundingClientRect();
      const s = document.querySelector('.lab-grid .controls input[type=range]').getBoundingClientRect();
      return { chartTop: c.top, chartBottom: c.bottom, sliderTop: s.top, sliderBottom: s.bottom };
    });
    assert.ok(at.chartTop < 800 && at.chartBottom > 0, `${lab}: the chart's plot spans ${at.chartTop}–${at.chartBottom} px`);
    assert.ok(at.sliderTop >= 0 && at.sliderBottom <= 800, `${lab}: the first slider at ${at.sliderTop} px`);
    await ctx.close();
  }
});

test('lessons: a revealed truth is the page\'s own number (a stage link agrees with the golden numbers)', async () => {
  // The revealed truth is the page's own number: a stage link agrees with the golden numbers.
  const golden = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'golden_links.json'), 'utf8'));
  const stage = golden.links.find((l) => /^lesson telephone, stage 2/.test(l.name));
  assert.ok(stage, 'lesson stages are golden links');
  const { page, ctx } = await open(`/?${stage.query}`);
  await page.fill('#lesson-guess', '38.9');
  await page.click('#lesson-reveal');
  assert.match(await page.locator('#lesson-result').innerText(), new RegExp(`It is ${(100 * stage.numbers.tel_factscore).toFixed(1)} %`));
  await ctx.close();
});

test('lessons: a stage or a lesson that does not exist gets a specific warning and sensible defaults', async () => {
  // A stage that does not exist, or a lesson that does not: a specific warning and sensible defaults.
  const { page: p2, ctx: c2 } = await open('/?v=1&lesson=telephone&stage=9');
  assert.match(await p2.locator('#link-warnings').innerText(), /stage=9 is out of range; using 5/);
  assert.equal(await p2.locator('.lesson').getAttribute('data-stage'), '5');
  await c2.close();
  const { page: p3, ctx: c3 } = await open('/?v=1&lesson=chemistry');
  assert.match(await p3.locator('#link-warnings').innerText(), /lesson=chemistry is not a valid value; using no lesson \(lessons: resampling, snowball, telephone, search\)/);
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
    // The pseudo-language is reached by link only: ordinary visitors are not offered it.
    assert.equal(await page.locator('#lang option[value="en-XA"]').count(), 0);
    await ctx.close();
  }
  {
    const { page, ctx } = await open('/?v=1&lab=snowball&lang=en-XA');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent.startsWith('⟦'));
    assert.equal(await page.locator('html').getAttribute('lang'), 'en-XA');
    // The numbers do not depend on the language.
    assert.equal(Number(await metric(page, 'sb_wrong_answer')), 0.3);
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Hallucination snowballing');
    await page.waitForFunction(() => !location.search.includes('lang='));
    await page.selectOption('#lang', 'en-XA');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent.startsWith('⟦'));
    await page.waitForFunction(() => location.search.includes('lang=en-XA'));
    await ctx.close();
  }
  for (const lab of [...LABS, 'analyze', 'about']) {
    const { page, ctx } = await open(`/?v=1&lab=${lab}&lang=en-XA`);
    await check(page, `${lab}, idle`);
    if (LABS.includes(lab)) {
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
    if (lab === 'search') {
      await page.setInputFiles('#search-upload', [path.join(root, 'tests', 'fixtures', 'search_generic.csv'), path.join(root, 'tests', 'fixtures', 'search_and_learn_beam_math500_first10.jsonl')]);
      await page.waitForSelector('.search-report >> nth=1');
      await page.click('.search-report .problem-table summary');
      await page.click('.search-report tbody tr td:first-child button');
      await page.waitForSelector('#search-drill-down');
      await check(page, 'search, two files read and a problem opened');
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
  // The citation points at the page itself (it named no address before).
  assert.ok((await page.locator('pre.cite').innerText()).includes(`url    = {${base}/cascade/}`));
  await page.click('a[data-nav="resampling"]');
  await page.waitForFunction(() => location.pathname === '/cascade/');
  await ctx.close();
  assert.deepEqual(foreign, []);
  assert.deepEqual(consoleErrors.filter((e) => !/favicon/.test(e)), []);
});

test('switching the language keeps a typed lesson guess, its reveal and an open lesson-link builder', async () => {
  const { shell, lesson } = pages;
  // Opened in the pseudo-language (the menu offers it to such a page only), then back to English.
  const { page, ctx } = await open('/?v=1&lesson=resampling&stage=1&lang=en-XA');
  await page.selectOption(shell.language, 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await page.waitForSelector(lesson.panel);
  await page.fill(lesson.guess, '40');
  await page.click(`${lesson.builder('resampling')} summary`);
  await page.check('#hide-presets');
  const linkBefore = await page.inputValue(lesson.builderLink);
  assert.match(linkBefore, /hide=presets/);
  await page.selectOption(shell.language, 'en-XA');
  await page.waitForFunction(() => document.documentElement.lang === 'en-XA');
  await page.waitForFunction(() => document.querySelector('#lesson-h')?.textContent.startsWith('⟦'));
  assert.equal(await page.inputValue(lesson.guess), '40');
  assert.equal(await page.locator(lesson.builder('resampling')).evaluate((d) => d.open), true);
  assert.equal(await page.isChecked('#hide-presets'), true);
  // The reveal is worded when shown: in the pseudo-language now, in English after switching back.
  await page.click(lesson.reveal);
  await page.waitForFunction(() => document.querySelector('#lesson-result').textContent.startsWith('⟦'));
  await page.selectOption(shell.language, 'en');
  await page.waitForFunction(() => /^It is /.test(document.querySelector('#lesson-result').textContent));
  assert.equal(await page.inputValue(lesson.guess), '40');
  // A new stage starts with no guess.
  await page.click(lesson.next);
  await page.waitForSelector(`${lesson.panel}[data-stage="2"]`);
  assert.equal(await page.inputValue(lesson.guess), '');
  await ctx.close();
});

// Text still in the pseudo-language after switching to English: text that did not follow the
// language signal (worded once, when drawn).
async function pseudoLeft(page) {
  return page.evaluate(() => {
    const out = [];
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (w.nextNode()) {
      const el = w.currentNode.parentElement;
      if (el && !el.closest('[hidden], #lang') && w.currentNode.textContent.includes('⟦')) {
        out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}: ${w.currentNode.textContent.trim().slice(0, 80)}`);
      }
    }
    for (const el of document.querySelectorAll('[aria-label],[title],[placeholder],[alt],[data-note]')) {
      for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'data-note']) {
        const v = el.getAttribute(a);
        if (v != null && v.includes('⟦')) out.push(`${el.tagName.toLowerCase()}[${a}]: ${v.slice(0, 80)}`);
      }
    }
    return [...new Set(out)];
  });
}

test('a change of language rewords every text in place: same elements, same view state, uploads and charts included', async () => {
  for (const lab of [...LABS, 'analyze', 'about']) {
    const { page, ctx } = await open(`/?v=1&lab=${lab}&lang=en-XA`);
    await page.waitForFunction(() => document.querySelector('h1')?.textContent.startsWith('⟦'));
    if (lab === 'snowball') {
      await page.setInputFiles('#sb-upload', path.join(root, 'tests', 'fixtures', 'snowball_generic_claims.csv'));
      await page.waitForSelector('.snowball-report');
      await page.fill('#sb-response', 'No, 7 × 3 = 22.');
    }
    if (lab === 'telephone') {
      // A file that is not chains first (its reason stays listed), then the example chains.
      await page.setInputFiles('#tel-upload', path.join(root, 'tests', 'fixtures', 'search_generic.csv'));
      await page.waitForSelector('#tel-upload-errors');
      await page.click('#tel-example');
      await page.waitForSelector('.telephone-report');
      await page.click('#tel-against-previous');
    }
    if (lab === 'analyze') {
      // A real file (a simulated example's name is worded once, when it is made: it is a name).
      await page.setInputFiles('#upload-input', fixture);
      await page.waitForSelector('.file-report');
      await page.click('.task-table summary');
      await page.setInputFiles('#upload-input', path.join(root, 'tests', 'fixtures', 'telephone_bad_chains.jsonl'));
      await page.waitForSelector('#upload-errors');
    }
    if (lab === 'search') {
      await page.setInputFiles('#search-upload', path.join(root, 'tests', 'fixtures', 'search_generic.csv'));
      await page.waitForSelector('.search-report');
      await page.click('.search-report .problem-table summary');
      await page.setInputFiles('#search-upload', path.join(root, 'tests', 'fixtures', 'telephone_bad_chains.jsonl'));
      await page.waitForSelector('#search-upload-errors');
    }
    if (LABS.includes(lab)) {
      await page.click('.link-builder summary');
      await page.locator('.chart-tools button[aria-pressed]').first().click();
    }
    // Mark the elements on screen: a redraw would make new ones without the mark.
    await page.evaluate(() => document.querySelectorAll('main *').forEach((e) => { e.__mark = 1; }));
    const marked = await page.evaluate(() => document.querySelectorAll('main *').length);
    await page.selectOption('#lang', 'en');
    await page.waitForFunction(() => document.documentElement.lang === 'en' && !document.querySelector('h1')?.textContent.startsWith('⟦'));
    // Charts off screen are drawn again once the frame is painted.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
    assert.deepEqual(await pseudoLeft(page), [], `${lab}: text left in the old language`);
    const kept = await page.evaluate(() => [...document.querySelectorAll('main h1, main input, main select, main textarea, main details')].every((e) => e.__mark === 1));
    assert.equal(kept, true, `${lab}: the controls were drawn again`);
    if (lab === 'snowball') assert.equal(await page.inputValue('#sb-response'), 'No, 7 × 3 = 22.');
    if (lab === 'telephone') assert.equal(await page.isChecked('#tel-against-previous'), true);
    // And back: every text in the pseudo-language again, none outside the catalog.
    await page.selectOption('#lang', 'en-XA');
    await page.waitForFunction(() => document.querySelector('h1')?.textContent.startsWith('⟦'));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100)))));
    assert.deepEqual(await textOutsideCatalog(page), [], `${lab}: text not reworded on the way back`);
    assert.ok(marked > 10, `${lab}: ${marked} elements marked`);
    await ctx.close();
  }
});
