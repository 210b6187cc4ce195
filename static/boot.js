// Starts the WebAssembly app. Kept as a file (not an inline script) so the page's
// Content-Security-Policy can forbid inline scripts. Paths come from Trunk (data-js, data-wasm).
const boot = document.getElementById('boot');
const started = performance.now();
try {
  const bindings = await import(boot.dataset.js);
  await bindings.default({ module_or_path: boot.dataset.wasm });
  window.__cascadeBootMs = performance.now() - started;
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
