// Page weight: each lab's view is its own wasm chunk (scripts/split.sh), so a cold load fetches
// the shell and the opened lab only; other labs load when opened (or hovered, or when the browser
// is idle), a failed load says so with a retry, and the sub-path build loads its chunks too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { root, browser, base, watch, labLoaded, consoleErrors, pages, LABS } from './support.mjs';

/** What each page needs, as scripts/split.sh wrote it into the boot tag of `dist`. */
function manifest(dist = 'dist') {
  const html = fs.readFileSync(path.join(root, dist, 'index.html'), 'utf8');
  const chunks = /data-chunks="([^"]*)"/.exec(html)?.[1];
  assert.ok(chunks, `${dist}/index.html has data-chunks`);
  const shell = [/data-wasm="[^"]*\/([^"/]+)"/.exec(html)[1]];
  return { shell, labs: Object.fromEntries(chunks.split(';').map((e) => [e.split(':')[0], e.split(':')[1].split(',')])) };
}
const gzipBytes = (file, dist = 'dist') => zlib.gzipSync(fs.readFileSync(path.join(root, dist, file)), { level: 9 }).length;

/** A fresh context (empty cache) with the wasm files it fetches, in order. */
async function cold(url, { before } = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = watch(await ctx.newPage());
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname.split('/').pop()); });
  if (before) await before(page);
  const t0 = Date.now();
  await page.goto(base + url);
  await page.waitForSelector(pages.shell.main());
  await labLoaded(page);
  return { page, ctx, wasm, ms: Date.now() - t0 };
}

const PAGES = [...LABS, 'analyze'];

test('page weight: a cold load of each lab fetches the shell and that lab\'s chunks, nothing of the other labs', async () => {
  const { shell, labs } = manifest();
  assert.deepEqual(Object.keys(labs).sort(), [...PAGES].sort(), 'one split per page but About');
  for (const lab of PAGES) {
    const { page, ctx, wasm, ms } = await cold(`/?v=1&lab=${lab}`);
    // The page itself is on screen (not its loading line, not a failure).
    assert.equal(await page.locator('#lab-load-failed').count(), 0, `${lab}: loaded`);
    assert.ok(await page.locator(`main[data-lab="${lab}"] article, main[data-lab="${lab}"] .page`).count() > 0, `${lab}: its page is shown`);
    const fetched = wasm.filter((f) => !f.startsWith('parse-worker'));
    const want = [...shell, ...labs[lab]];
    assert.deepEqual([...new Set(fetched)].sort(), [...want].sort(), `${lab}: exactly the shell and its own chunks`);
    const bytes = want.reduce((s, f) => s + gzipBytes(f), 0);
    console.log(`# ${lab}: cold load ${ms} ms, ${fetched.length} wasm files, ${bytes} bytes gzip of wasm`);
    await ctx.close();
  }
});

test('page weight: a link without lab= opens the default lab, whose chunks boot.js fetched beside the shell', async () => {
  const { shell, labs } = manifest();
  const { page, ctx } = await cold('/?v=1');
  assert.equal(await page.locator('main').getAttribute('data-lab'), 'resampling');
  // boot.js asked for every one of them before the shell had started (so they download and
  // compile while it starts, rather than after it asks for them).
  const { timing, shellReady } = await page.evaluate(() => ({
    timing: Object.fromEntries(performance.getEntriesByType('resource').map((e) => [e.name.split('/').pop(), e.startTime])),
    shellReady: window.__cascadeShellReadyAt,
  }));
  assert.ok(shellReady > 0 && timing[shell[0]] !== undefined);
  for (const f of labs.resampling) {
    assert.ok(timing[f] !== undefined, `${f} fetched`);
    assert.ok(timing[f] < shellReady, `${f} asked for (${timing[f].toFixed(0)} ms) before the shell had started (${shellReady.toFixed(0)} ms)`);
  }
  await ctx.close();
});

test('page weight: switching to a lab not loaded yet shows it (a loading line meanwhile), and back at once', async () => {
  const { page, ctx, wasm } = await cold('/?v=1&lab=resampling');
  assert.ok(!wasm.some((f) => f.startsWith('split_search_page')), 'Search not fetched yet');
  const t0 = Date.now();
  await page.click(pages.shell.nav('search'));
  await page.waitForSelector('main[data-lab="search"] article');
  const ms = Date.now() - t0;
  console.log(`# switch to a lab not loaded yet: ${ms} ms`);
  assert.ok(wasm.some((f) => f.startsWith('split_search_page')), 'Search fetched when opened');
  // Back to a loaded lab: no loading line at all.
  await page.click(pages.shell.nav('resampling'));
  assert.equal(await page.locator('#lab-loading').count(), 0, 'a loaded lab shows at once');
  await page.waitForSelector('main[data-lab="resampling"] article');
  await ctx.close();
});

test('page weight: a pointer resting on a tab fetches that lab; an idle page fetches the rest', async () => {
  const { page, ctx, wasm } = await cold('/?v=1&lab=resampling');
  await page.hover(pages.shell.nav('telephone'));
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('split_telephone_page')));
  await page.click(pages.shell.nav('telephone'));
  assert.equal(await page.locator('#lab-loading').count(), 0, 'hovered, then opened: no loading line');
  await page.waitForSelector('main[data-lab="telephone"] article');
  // A few seconds later, with the browser idle, every other page's chunk is in.
  await page.waitForFunction(() => ['snowball', 'search', 'analyze'].every((l) => performance.getEntriesByType('resource').some((e) => e.name.includes(`split_${l}_page`))), null, { timeout: 15000 });
  assert.ok(wasm.some((f) => f.startsWith('split_analyze_page')));
  await ctx.close();
});

test('page weight: a lab whose code cannot be fetched says so with a retry that works, never a blank panel', async () => {
  let fail = true;
  const { page, ctx } = await cold('/?v=1&lab=search', {
    before: (p) => p.route('**/split_search_page-*.wasm', (route) => (fail ? route.abort('internetdisconnected') : route.continue())),
  });
  const alert = page.locator('#lab-load-failed');
  assert.ok(await alert.isVisible(), 'the failure is shown');
  assert.match(await alert.innerText(), /Search could not be loaded/);
  assert.ok(await page.locator('#crash').isHidden(), 'the page did not crash');
  assert.ok(await page.locator('nav a[data-nav="resampling"]').isVisible(), 'the rest of the page works');
  // The failed fetch is logged by the browser and by the split loader: expected here.
  const ours = consoleErrors.splice(0).filter((e) => !/split_search_page|Failed to load resource|TypeError: Failed to fetch|net::ERR/.test(e));
  assert.deepEqual(ours, [], 'no other console error');
  fail = false;
  await page.click('#lab-retry');
  await page.waitForSelector('main[data-lab="search"] article');
  assert.equal(await alert.count(), 0, 'the failure is gone once loaded');
  await ctx.close();
});

test('page weight: the sub-path build (/cascade/) fetches its chunks under its own path', async () => {
  const { labs } = manifest('dist-sub');
  const ctx = await browser.newContext();
  const page = watch(await ctx.newPage());
  const urls = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) urls.push(new URL(r.url()).pathname); });
  await page.goto(`${base}/cascade/?v=1&lab=telephone`);
  await page.waitForSelector(pages.shell.main('telephone'));
  await labLoaded(page);
  await page.waitForSelector('main[data-lab="telephone"] article');
  for (const f of labs.telephone) assert.ok(urls.includes(`/cascade/${f}`), `/cascade/${f}`);
  assert.ok(urls.every((u) => u.startsWith('/cascade/')), urls.join(' '));
  await ctx.close();
});
