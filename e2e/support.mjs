// What every end-to-end spec shares: the static server for the release build (dist/ at /,
// the sub-path build dist-sub/ at /cascade/), Debian's headless Chromium through playwright-core,
// the page objects (every selector a spec uses more than once lives in `pages`), and an
// after-each check that no test left a console error or a request outside the origin.
import { before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const shots = path.join(root, 'docs', 'screenshots');
// The shared build folder, as scripts/build-env.sh sets it (never ./target).
export const targetDir = process.env.CARGO_TARGET_DIR
  || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'cascade-lab', 'target');
export const cli = process.env.CASCADE_CLI || path.join(targetDir, 'debug', 'cascade');
export const fixture = path.join(root, 'tests', 'fixtures', 'current_command_r_temp0.8.eval_results.json');
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

let server;
/** The browser (live binding: set once the specs start). */
export let browser;
/** The server's origin, e.g. http://127.0.0.1:41234 (live binding). */
export let base;
/** Requests that left the origin, and console errors, since the last test. */
export const foreign = [];
export const consoleErrors = [];

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

// Every test: no console error (the favicon's 404 aside) and nothing fetched off the origin.
afterEach(() => {
  const errors = consoleErrors.splice(0).filter((e) => !/favicon/.test(e));
  const away = foreign.splice(0);
  assert.deepEqual(away, [], 'requests outside the origin');
  assert.deepEqual(errors, [], 'console errors');
});

/** Records the page's console errors and off-origin requests for the after-each check. */
export function watch(page) {
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  return page;
}

/** Opens `url` (a path with query) in a fresh context, watched, once the app has mounted. */
export async function open(url, { width = 1280, height = 900, dark = false, touch = false, reducedMotion = 'no-preference' } = {}) {
  const ctx = await browser.newContext({ viewport: { width, height }, colorScheme: dark ? 'dark' : 'light', acceptDownloads: true, hasTouch: touch, reducedMotion });
  const page = watch(await ctx.newPage());
  await page.goto(base + url);
  await page.waitForSelector(pages.shell.main());
  await labLoaded(page);
  return { page, ctx };
}

/** Waits until the opened page's code has loaded (each lab's view is its own wasm chunk): its
 * "Loading …" line gone, and the page or its load failure shown. */
export async function labLoaded(page) {
  await page.waitForFunction(() => !document.getElementById('lab-loading')
    && document.querySelector('main[data-lab]')?.children.length > 0);
}

/** The exact value (`data-value`) of the headline number `name` within `scope`. */
export const metric = (page, name, scope = 'body') =>
  page.locator(`${scope} [data-metric="${name}"]`).first().getAttribute('data-value');

/** The `cascade` CLI's JSON output for `args`. */
export function runCli(args) {
  return JSON.parse(execFileSync(cli, args, { encoding: 'utf8' }));
}

/** The registered labs (`cascade labs --json`): the every-lab tests iterate these, so a lab is
 * covered the moment it is registered. */
export const registry = runCli(['labs', '--json']);
export const LABS = registry.labs.map((l) => l.key);
/** The labs with a guided lesson. */
export const LESSON_LABS = registry.labs.filter((l) => l.lesson_stages > 0).map((l) => l.key);

/** Page objects: the selectors of each page, in one place. */
export const pages = {
  shell: {
    main: (lab) => (lab ? `main[data-lab="${lab}"]` : 'main[data-lab]'),
    nav: (lab) => `a[data-nav="${lab}"]`,
    linkWarnings: '#link-warnings',
    sessionWarnings: '#session-warnings',
    themeToggle: '#theme-toggle',
    projectorToggle: '#projector-toggle',
    language: '#lang',
    seed: '#seed',
  },
  lesson: {
    start: '#lesson-start',
    guess: '#lesson-guess',
    guessRange: '#lesson-guess-range',
    reveal: '#lesson-reveal',
    result: '#lesson-result',
    next: '#lesson-next',
    previous: '#lesson-prev',
    leave: '#lesson-leave',
    panel: 'section.lesson',
    builder: (lab) => `#link-builder-${lab}`,
    builderLink: '#builder-link',
  },
  resampling: {
    lambda: '#lambda',
    chart: (name) => `[data-chart="resampling-${name}"]`,
    weak: '#weak',
  },
  analyze: {
    input: '#upload-input',
    report: (name) => (name ? `.file-report[data-file="${name}"]` : '.file-report'),
    cancel: '#upload-cancel',
    status: '#upload-status',
    errors: '#upload-errors',
    example: '#try-example',
  },
  snowball: {
    input: '#sb-upload',
    report: '.snowball-report',
    errors: '#sb-upload-errors',
  },
  telephone: {
    input: '#tel-upload',
    report: '.telephone-report',
    example: '#tel-example',
    errors: '#tel-upload-errors',
  },
  search: {
    input: '#search-upload',
    report: (name) => (name ? `.search-report[data-file="${name}"]` : '.search-report'),
    errors: '#search-upload-errors',
    aggregate: '#search-aggregate',
    chart: '[data-chart="search-upload-curves"]',
    drill: '#search-drill-down',
  },
};
