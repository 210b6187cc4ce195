// Starts the WebAssembly app. Kept as a file (not an inline script) so the page's
// Content-Security-Policy can forbid inline scripts. scripts/split.sh fills in the boot tag:
// data-js and data-wasm (the shell), data-chunks ("lab:file,file;lab:…", what each lab's view
// needs) and data-default-lab.
const boot = document.getElementById('boot');
const started = performance.now();

// The opened lab's chunks are fetched and compiled now, beside the shell, rather than once the
// shell has started and asks for them: the split loader takes each compiled module from here
// (__cascadeEarly, once; a failure is not kept, so a retry fetches again).
const early = new Map();
window.__cascadeEarly = (href) => {
  const compiled = early.get(href);
  early.delete(href);
  return compiled;
};
function compileOpenedLab() {
  const lab = new URLSearchParams(location.search).get('lab') || boot.dataset.defaultLab;
  const entry = (boot.dataset.chunks || '').split(';').find((e) => e.split(':')[0] === lab);
  if (!entry || !WebAssembly.compileStreaming) return;
  const from = new URL(boot.dataset.js, location.href);
  for (const file of entry.slice(entry.indexOf(':') + 1).split(',')) {
    if (!file) continue;
    const href = new URL(file, from).href;
    const compiled = WebAssembly.compileStreaming(fetch(href));
    compiled.catch(() => {}); // reported where it is used
    early.set(href, compiled);
  }
}

try {
  compileOpenedLab();
  const bindings = await import(boot.dataset.js);
  await bindings.default({ module_or_path: boot.dataset.wasm });
  window.__cascadeBootMs = performance.now() - started;
  // When the shell had started (from the navigation's start): the tests and benchmarks read it.
  window.__cascadeShellReadyAt = performance.now();
} catch (err) {
  const panel = document.getElementById('crash');
  const msg = document.getElementById('crash-message');
  if (panel && msg) {
    msg.textContent = 'Could not start: ' + err;
    document.getElementById('crash-reload').href = location.href;
    panel.hidden = false;
    const loading = document.getElementById('loading');
    if (loading) loading.textContent = '';
  }
}
