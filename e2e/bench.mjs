// Browser timing harness (not a test): serves dist/, drives headless Chromium, prints timings.
//   node e2e/bench.mjs            (after `trunk build --release`; scripts/bench.sh does both)
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The shared build folder, as scripts/build-env.sh sets it (never ./target).
const targetDir = process.env.CARGO_TARGET_DIR
  || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'cascade-lab', 'target');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml' };
const server = http.createServer((req, res) => {
  let p = new URL(req.url, 'http://x').pathname;
  if (p.endsWith('/')) p += 'index.html';
  const file = path.join(root, 'dist', path.normalize(p));
  if (!fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

// A synthetic EvalPlus file of tasks × samples with realistic per-sample records.
function synthetic(tasks, samples) {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const evalObj = {};
  for (let t = 0; t < tasks; t++) {
    const p = rand() < 0.5 ? rand() * 0.2 : 0.8 + rand() * 0.2;
    evalObj[`HumanEval/${t}`] = Array.from({ length: samples }, (_, s) => {
      const correct = rand() < p;
      return { task_id: `HumanEval/${t}`, solution: `def f(x):\n    return x + ${s}  # ${'.'.repeat(300)}\n`,
        base_status: correct || rand() < 0.25 ? 'pass' : 'fail', plus_status: correct ? 'pass' : 'fail',
        base_fail_tests: [], plus_fail_tests: [] };
    });
  }
  return JSON.stringify({ date: '2024-01-01 00:00', hash: 'x', eval: evalObj });
}

// Median time from a slider's `input` event until the page has updated the DOM: Leptos runs
// effects as microtasks, so a macrotask afterwards sees the result. `values` are set in turn.
function sliderDrag(page, id, values) {
  return page.evaluate(async ([id, values]) => {
    const el = document.getElementById(id);
    const times = [];
    for (const v of values) {
      el.value = String(v);
      const t0 = performance.now();
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
      times.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(r));
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  }, [id, values]);
}
const steps = (from, step, n) => Array.from({ length: n }, (_, i) => from + i * step);

const results = {};
// `node e2e/bench.mjs sliders` runs only the per-slider frame table (section 0).
const only = process.argv[2];

// `node e2e/bench.mjs load [OTHER_DIST]`: page weight. For each page, a cold load (a fresh
// context: empty cache) of ?lab=<key> until its numbers are in the DOM, the files it fetched
// until then and their gzip -9 bytes (the local server does not compress: the bytes a
// compressing host sends), 7 runs, medians; then, from a cold Resampling, the switch to each page
// not loaded yet. With OTHER_DIST (another build, e.g. the one before the split), the same on it
// in the same run, so that the two are compared on one machine at one time.
if (only === 'load') {
  const zlib = await import('node:zlib');
  const serveDir = (dir) => new Promise((resolve) => {
    const s = http.createServer((req, res) => {
      let p = new URL(req.url, 'http://x').pathname;
      if (p.endsWith('/')) p += 'index.html';
      const file = path.join(dir, path.normalize(p));
      if (!file.startsWith(dir) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
      // Compressed, as a static host sends it (GitHub Pages does): the throttled runs below
      // then move the gzip bytes the budgets count.
      const type = TYPES[path.extname(file)] || 'application/octet-stream';
      if (/gzip/.test(req.headers['accept-encoding'] || '')) {
        res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' });
        res.end(gzipped(file));
      } else {
        res.writeHead(200, { 'content-type': type });
        fs.createReadStream(file).pipe(res);
      }
    });
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
  const ready = (lab) => (lab === 'analyze' ? 'main[data-lab="analyze"] #upload-input' : `main[data-lab="${lab}"] article [data-metric]`);
  const labs = ['resampling', 'snowball', 'telephone', 'search', 'analyze'];
  const dirs = [path.join(root, 'dist'), ...process.argv.slice(3).map((d) => path.resolve(d))];
  const gz = new Map();
  const gzipped = (file) => {
    if (!gz.has(file)) gz.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
    return gz.get(file);
  };
  const gzipOf = (dir, p) => {
    const file = path.join(dir, path.normalize(decodeURIComponent(p)));
    return fs.existsSync(file) && fs.statSync(file).isFile() ? gzipped(file).length : 0;
  };
  const rows = [];
  const servers = await Promise.all(dirs.map(serveDir));
  const origins = servers.map((s) => `http://127.0.0.1:${s.address().port}`);
  // The builds take turns run by run, so that the machine's drift weighs on each alike.
  // A network as a school or a phone has it: 10 Mbit/s down, 40 ms round trips (Chromium's own
  // throttling, per request), or none (the local server as it is).
  const NETWORKS = { local: null, '10 Mbit/s, 40 ms': { offline: false, latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 } };
  const coldLoad = async (o, lab, network = null) => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    if (network) {
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', network);
    }
    // Timed in the page, from the navigation's start (no harness round trips in the figure): the
    // moment the page's numbers are in the DOM; the files are the page's own record of them.
    await page.addInitScript((sel) => {
      new MutationObserver((_, obs) => {
        if (document.querySelector(sel)) { window.__readyMs = performance.now(); obs.disconnect(); }
      }).observe(document, { subtree: true, childList: true });
    }, ready(lab));
    await page.goto(`${origins[o]}/?v=1&lab=${lab}`);
    await page.waitForFunction(() => window.__readyMs !== undefined, null, { timeout: 30000 });
    const r = await page.evaluate(() => ({
      at: window.__readyMs,
      seen: [location.pathname + 'index.html', ...performance.getEntriesByType('resource')
        .filter((e) => e.responseEnd <= window.__readyMs && new URL(e.name).origin === location.origin)
        .map((e) => new URL(e.name).pathname)],
    }));
    await ctx.close();
    const seen = [...new Set(r.seen)];
    return { ms: Math.round(r.at), bytes: seen.reduce((sum, p) => sum + gzipOf(dirs[o], p), 0), files: seen.length };
  };
  // From a cold Resampling (before the idle prefetch), a click on the page's tab until its
  // numbers are in the DOM, timed in the page.
  const switchTo = async (o, lab) => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(`${origins[o]}/?v=1`);
    await page.waitForSelector(ready('resampling'));
    const ms = await page.evaluate(async ([lab, sel]) => {
      const t0 = performance.now();
      document.querySelector(`a[data-nav="${lab}"]`).click();
      while (!document.querySelector(sel)) await new Promise((r) => setTimeout(r, 2));
      return performance.now() - t0;
    }, [lab, ready(lab)]);
    await ctx.close();
    return Math.round(ms);
  };
  for (const lab of labs) {
    const loads = dirs.map(() => []), slow = dirs.map(() => []), switches = dirs.map(() => []);
    for (let i = 0; i < 9; i++) {
      for (let o = 0; o < dirs.length; o++) {
        loads[o].push(await coldLoad(o, lab));
        if (i < 5) slow[o].push(await coldLoad(o, lab, NETWORKS['10 Mbit/s, 40 ms']));
        if (lab !== 'resampling' && i < 5) switches[o].push(await switchTo(o, lab));
      }
    }
    dirs.forEach((dir, o) => {
      const ms = loads[o].map((l) => l.ms);
      const slowMs = slow[o].map((l) => l.ms);
      rows.push({ build: path.relative(root, dir) || dir, lab, load_ms: median(ms), load_ms_range: [Math.min(...ms), Math.max(...ms)],
        load_10mbit_ms: median(slowMs), load_10mbit_ms_range: [Math.min(...slowMs), Math.max(...slowMs)],
        gzip_bytes: median(loads[o].map((l) => l.bytes)), files: median(loads[o].map((l) => l.files)),
        switch_ms: switches[o].length ? median(switches[o]) : null });
    });
  }
  servers.forEach((s) => s.close());
  console.log('| build | lab | navigation start to numbers, local server: median (range) ms | the same at 10 Mbit/s, 40 ms | bytes gzip fetched | files | switch from Resampling ms |\n|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.build} | ${r.lab} | ${r.load_ms} (${r.load_ms_range.join('–')}) | ${r.load_10mbit_ms} (${r.load_10mbit_ms_range.join('–')}) | ${r.gzip_bytes} | ${r.files} | ${r.switch_ms ?? '—'} |`);
  fs.mkdirSync(path.join(targetDir, 'bench'), { recursive: true });
  fs.writeFileSync(path.join(targetDir, 'bench', 'load.json'), JSON.stringify(rows, null, 2));
  await browser.close();
  server.close();
  process.exit(0);
}

// 0. Every slider of every lab: the cost of the frame a move lands in. Chromium hands input to
// the page at the start of a frame, just before its animation-frame callbacks; so each move is
// dispatched from an animation-frame callback, and the time runs until a message posted then
// is delivered, which the browser does once that frame's style, layout and paint are done. A
// move whose time is under 16.7 ms is on screen in the frame it arrived in. Work a lab defers
// until after the paint (Monte Carlo runs) is left to finish before the next move.
async function frameCosts(page, id, moves) {
  return page.evaluate(async ([id, moves]) => {
    const el = document.getElementById(id);
    const min = Number(el.min), max = Number(el.max), step = Number(el.step) || 1;
    const v0 = Number(el.value);
    // A drag back and forth over ten steps from the default value, inside the range.
    const dir = v0 + 10 * step <= max ? 1 : -1;
    const values = Array.from({ length: moves }, (_, i) => {
      const k = i % 20 < 10 ? (i % 10) + 1 : 10 - (i % 10) - 1;
      return Math.min(max, Math.max(min, v0 + dir * k * step));
    });
    const settle = async () => {
      for (let i = 0; i < 400 && document.querySelector('[data-mc-pending="true"], [aria-busy="true"]'); i++) {
        await new Promise((r) => setTimeout(r, 5));
      }
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    };
    const times = [];
    for (const v of values) {
      await settle();
      times.push(await new Promise((resolve) => requestAnimationFrame(() => {
        const t0 = performance.now();
        el.value = String(v);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        const c = new MessageChannel();
        c.port1.onmessage = () => resolve(performance.now() - t0);
        c.port2.postMessage(0);
      })));
    }
    el.value = String(v0);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    times.sort((a, b) => a - b);
    const q = (p) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)];
    return { p50: Number(q(0.5).toFixed(1)), p95: Number(q(0.95).toFixed(1)), max: Number(times[times.length - 1].toFixed(1)) };
  }, [id, moves]);
}
{
  const labs = [
    ['Resampling', '/?v=1', null],
    ['Resampling (two types)', '/?v=1', '#mix-two'],
    ['Analyze', '/?v=1&lab=analyze', null],
    ['Snowball', '/?v=1&lab=snowball', null],
    ['Telephone', '/?v=1&lab=telephone', null],
    ['Search', '/?v=1&lab=search', null],
    ['Search (two types)', '/?v=1&lab=search', '#search-two'],
  ];
  const table = [];
  for (const [lab, url, click] of labs) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(base + url);
    await page.waitForSelector('main input[type=range]');
    if (click) await page.click(click);
    await page.waitForTimeout(300);
    const ids = await page.evaluate(() => [...document.querySelectorAll('main input[type=range]')]
      .filter((e) => e.offsetParent !== null && e.id).map((e) => e.id));
    for (const id of ids) {
      if (click && table.some((r) => r.id === id)) continue; // measured in the default mode
      const label = await page.evaluate((id) => document.querySelector(`label[for="${id}"]`)?.textContent.trim() ?? id, id);
      table.push({ lab, id, label, ...(await frameCosts(page, id, 40)) });
    }
    await page.close();
  }
  results.slider_frames = table;
  console.log('| lab | slider | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|');
  for (const r of table) console.log(`| ${r.lab} | ${r.label.replaceAll('|', '\\|')} (\`${r.id}\`) | ${r.p50} | ${r.p95} | ${r.max} |`);
}
if (only === 'sliders') {
  fs.mkdirSync(path.join(targetDir, 'bench'), { recursive: true });
  fs.writeFileSync(path.join(targetDir, 'bench', 'sliders.json'), JSON.stringify(results.slider_frames, null, 2));
  await browser.close();
  server.close();
  process.exit(0);
}

// 1. Navigation to interactive.
const loads = [];
for (let i = 0; i < 7; i++) {
  const page = await browser.newPage();
  const t0 = Date.now();
  await page.goto(base + '/');
  await page.waitForSelector('[data-metric="sim_ceiling"]');
  loads.push(Date.now() - t0);
  await page.close();
}
results.navigation_to_interactive_ms = median(loads);

// 2. Slider drag: time of one input event (Leptos updates the DOM synchronously) on the default lab.
{
  const page = await browser.newPage();
  await page.goto(base + '/?v=1&k=1000');
  await page.waitForSelector('#lambda');
  results.lambda_input_redraw_ms = await sliderDrag(page, 'lambda', steps(0.5, 0.1, 20));
  await page.close();
}

// 3. Upload of a 164 × 200 EvalPlus file: parse time and λ redraw on the Analyze page.
{
  const file = path.join(os.tmpdir(), 'cascade-bench-164x200.eval_results.json');
  fs.writeFileSync(file, synthetic(164, 200));
  const mb = fs.statSync(file).size / 1e6;
  const page = await browser.newPage();
  await page.goto(base + '/?v=1&lab=analyze');
  const parses = [];
  const upload = async (i) => {
    await page.setInputFiles('#upload-input', file);
    await page.waitForFunction((n) => document.querySelectorAll('.file-report').length === n, i + 1);
    const status = await page.locator('#upload-status').innerText();
    parses.push(Number(/in (\d+) ms/.exec(status)?.[1]));
  };
  await upload(0);
  results.analysis_first_ms = Number(await page.locator('[data-metric="analysis_ms"]').getAttribute('data-value'));
  // One 164 × 200 upload: analysis time (the page's own timing) and the λ drag, warmed up.
  const dragOnce = () => page.evaluate(async () => {
    const el = document.getElementById('analyze-lambda');
    const times = [];
    const analyses = [];
    for (let i = 0; i < 11; i++) {
      el.value = String(0.5 + i * 0.2);
      const t0 = performance.now();
      el.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
      times.push(performance.now() - t0);
      analyses.push(Number(document.querySelector('[data-metric="analysis_ms"]').dataset.value));
      await new Promise((r) => requestAnimationFrame(r));
    }
    times.sort((a, b) => a - b);
    analyses.sort((a, b) => a - b);
    return [times[5], analyses[5]];
  });
  [results.analyze_lambda_input_ms, results.analysis_ms] = await dragOnce();
  await upload(1);
  await upload(2);
  [results.analyze_lambda_input_3_files_ms, results.analysis_3_files_ms] = await dragOnce();
  const ms = median(parses);
  results.upload_mb = Number(mb.toFixed(1));
  results.parse_ms = ms;
  results.parse_mb_per_s = Number((mb / (ms / 1000)).toFixed(1));
  await page.close();
}

// 3b. A 100 MB upload (164 × 2 000 samples): parse time; the page must stay alive.
{
  const file = path.join(os.tmpdir(), 'cascade-bench-164x2000.eval_results.json');
  fs.writeFileSync(file, synthetic(164, 2000));
  const mb = fs.statSync(file).size / 1e6;
  const page = await browser.newPage();
  await page.goto(base + '/?v=1&lab=analyze');
  const t0 = Date.now();
  await page.setInputFiles('#upload-input', file);
  await page.waitForSelector('.file-report', { timeout: 120000 });
  results.big_upload_mb = Number(mb.toFixed(1));
  results.big_upload_total_ms = Date.now() - t0;
  const status = await page.locator('#upload-status').innerText();
  results.big_parse_ms = Number(/in (\d+) ms/.exec(status)?.[1]);
  results.big_analysis_ms = Number(await page.locator('[data-metric="analysis_ms"]').getAttribute('data-value'));
  await page.close();
  fs.unlinkSync(file);
}

// 4. Monte Carlo 10 000 benchmarks × 164 tasks.
{
  const page = await browser.newPage();
  await page.goto(base + '/?v=1');
  await page.waitForSelector('#mc-10000');
  results.monte_carlo_10000_ms = await page.evaluate(async () => {
    const t0 = performance.now();
    document.getElementById('mc-10000').click();
    // Chunks run between frames; measure the longest gap between frames while it runs.
    let last = performance.now();
    let longest = 0;
    const done = () => document.querySelector('[data-metric="sim_mc_tasks"]').dataset.value === String(10000 * 164);
    while (!done()) {
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }
    window.__mcLongestFrame = longest;
    return performance.now() - t0;
  });
  results.monte_carlo_longest_frame_ms = await page.evaluate(() => window.__mcLongestFrame);
  await page.close();
}

// 5. Snowball: a 1 500-row HALoGEN file analysed (claims checked) and the chain view of 1 000
// responses redrawn when a slider moves.
{
  const rows = ['prompt,category,response,true_answer,yesno'];
  const flights = 'Current flight information (the following flights are one-way only, and all the flights available are included below):\nThere is a flight from city F to city L\nThere is a flight from city L to city M\n\nQuestion: Is there a series of flights that goes from city F to city M?';
  for (let i = 0; i < 1500; i++) {
    const n = 1009 + 2 * i;
    if (i % 3 === 0) rows.push(`Is ${n} a prime number?,primality,"No, ${n} = 13 × ${Math.floor(n / 13)} and it is divisible by 7.",Yes,[]`);
    else if (i % 3 === 1) rows.push(`Was there ever a US senator that represented the state of Ohio and whose alma mater was MIT?,senator,"Yes, there was one.",No,[]`);
    else rows.push(`"${flights}",graph,"Yes: F -> L -> M, then a flight from city M to city F.",No,[]`);
  }
  const file = path.join(os.tmpdir(), 'cascade-bench-snowball-1500.csv');
  fs.writeFileSync(file, rows.join('\n') + '\n');
  const page = await browser.newPage();
  await page.goto(base + '/?v=1&lab=snowball');
  await page.waitForSelector('#sb-upload');
  const times = [];
  for (let i = 0; i < 3; i++) {
    await page.setInputFiles('#sb-upload', file);
    await page.waitForFunction((k) => document.querySelector('.snowball-report') && /analysed in/.test(document.querySelector('.snowball-report .meta').textContent) && window.__k !== k, i);
    const meta = await page.locator('.snowball-report .meta').innerText();
    times.push(Number(/analysed in ([\d.]+) ms/.exec(meta)?.[1]));
    await page.evaluate((k) => { window.__k = k; }, i);
  }
  results.snowball_1500_rows_ms = median(times);
  results.snowball_chain_redraw_ms = await sliderDrag(page, 'sb-es', steps(0.5, 0.03, 11));
  // The 10 000-response Monte Carlo and its chart follow in a later task: time until they settle.
  results.snowball_monte_carlo_settled_ms = await page.evaluate(async () => {
    const el = document.getElementById('sb-e');
    const mc = () => document.querySelector('[data-metric="sb_wrong_answer_mc"]').dataset.value;
    const busy = () => document.querySelector('.snowball .results').dataset.mcPending === 'true';
    const times = [];
    for (let i = 0; i < 9; i++) {
      const before = mc();
      el.value = String(0.05 + 0.02 * i);
      const t0 = performance.now();
      el.dispatchEvent(new Event('input', { bubbles: true }));
      while (busy() || mc() === before) await new Promise((r) => setTimeout(r, 0));
      times.push(performance.now() - t0);
      await new Promise((r) => requestAnimationFrame(r));
    }
    times.sort((a, b) => a - b);
    return times[4];
  });
  await page.close();
  fs.unlinkSync(file);
}

// 6. Telephone: 150 chains × 16 steps of 150-word passages, every metric, in the worker (with a
// progress bar); the file stays in $CARGO_TARGET_DIR/bench/ for scripts/bench_text_metrics.py.
{
  let seed = 2025;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const vocab = 'the a of to and in that is was for on with as by at from council river school police driver report minister museum vaccine study year week people city state court water energy market price million percent said told found new old large small early late first last public local national'.split(' ');
  const word = () => vocab[Math.floor(rand() * vocab.length)];
  const sentence = (n) => { const w = Array.from({ length: n }, word); w[0] = w[0][0].toUpperCase() + w[0].slice(1); return w.join(' ') + (rand() < 0.3 ? ', ' + word() + ' ' + Math.floor(rand() * 1000) : '') + '.'; };
  const lines = [];
  for (let c = 0; c < 150; c++) {
    let words = [];
    while (words.length < 150) words.push(...sentence(8 + Math.floor(rand() * 12)).split(' '));
    for (let step = 0; step < 16; step++) {
      lines.push(JSON.stringify({ chain_id: `passage-${c}`, step, text: words.join(' ') }));
      // The next step: ~6 % of words substituted, deleted or followed by an insertion.
      words = words.flatMap((w) => { const r = rand(); return r < 0.02 ? [] : r < 0.04 ? [word()] : r < 0.06 ? [w, word()] : [w]; });
    }
  }
  const dir = path.join(targetDir, 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'telephone_150x16.jsonl');
  fs.writeFileSync(file, lines.join('\n') + '\n');
  const page = await browser.newPage();
  await page.goto(base + '/?v=1&lab=telephone');
  await page.waitForSelector('#tel-upload');
  const worker = [];
  const total = [];
  const inPage = [];
  let sawProgress = false;
  for (let i = 0; i < 3; i++) {
    const t0 = Date.now();
    await page.setInputFiles('#tel-upload', file);
    // The progress bar shows while the worker reads and scores, then goes.
    await page.waitForSelector('#tel-progress', { state: 'attached', timeout: 10000 });
    sawProgress = true;
    await page.waitForSelector('#tel-progress', { state: 'detached', timeout: 60000 });
    await page.waitForSelector('.telephone-report');
    total.push(Date.now() - t0);
    const meta = await page.locator('.telephone-report .meta').first().innerText();
    worker.push(Number(/measured in (\d+) ms/.exec(meta)[1]));
    // From choosing the file to the reply on the page (worker start, reading, scoring, transfer).
    const status = await page.locator('#tel-uploads-h ~ .inline-controls .status').innerText();
    inPage.push(Number(/in (\d+) ms \(/.exec(status)[1]));
  }
  results.telephone_150x16_worker_ms = median(worker);
  results.telephone_150x16_pick_to_report_ms = median(inPage);
  results.telephone_150x16_playwright_ms = median(total);
  results.telephone_progress_bar_seen = sawProgress;
  // A slider move in the lab: exact curves at once, the Monte Carlo band after the paint.
  results.telephone_iterations_input_ms = await sliderDrag(page, 'tel-iterations', steps(50, 5, 11));
  await page.close();
}

const wasm = fs.readdirSync(path.join(root, 'dist')).find((f) => f.endsWith('.wasm'));
results.wasm_bytes = fs.statSync(path.join(root, 'dist', wasm)).size;
console.log(JSON.stringify(results, null, 2));
fs.mkdirSync(path.join(targetDir, 'bench'), { recursive: true });
fs.writeFileSync(path.join(targetDir, 'bench', 'browser.json'), JSON.stringify(results, null, 2));
await browser.close();
server.close();
