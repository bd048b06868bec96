// The web page's script: sends one WAV to the Open Inference Protocol's infer endpoint (binary tensor data, so the
// clip is not inflated by base64) and draws the answer: top tags and the request's latency waterfall from the
// response parameters. No framework and no other origin: the silo may run where nothing outside can be reached.
'use strict';

(() => {
  const TOP = 10;
  const el = id => document.getElementById(id);
  let config = { model: 'ensemble', inferPath: '/v2/models/ensemble/infer', metrics: null, dashboard: null };

  // The state the end-to-end test waits on (and a reader's cue): idle, busy, done or error.
  const setState = state => { document.body.dataset.state = state; };

  function link(itemId, name, href, offText) {
    const item = el(itemId);
    item.textContent = '';
    if (href) {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = name;
      item.append(a);
    } else {
      item.append(`${name}: `);
      const off = document.createElement('span');
      off.className = 'muted';
      off.textContent = offText;
      item.append(off);
    }
  }

  async function loadConfig() {
    try {
      const response = await fetch('/ui/config.json');
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      config = { ...config, ...(await response.json()) };
      config.inferPath = config.infer_path ?? config.inferPath;
      link('metrics-link', 'metrics', config.metrics, 'off on this silo (--metrics-port 0)');
      link('dashboard-link', 'dashboard', config.dashboard, 'off on this silo (start it with --dashboard-port)');
    } catch (e) {
      link('metrics-link', 'metrics', null, `unknown (config: ${e.message})`);
      link('dashboard-link', 'dashboard', null, 'unknown');
    }
  }

  // What each failure means to the person at the page, with the server's own message after it.
  function describe(status, message) {
    const why = {
      400: 'The silo refused this clip (400 Bad Request)',
      404: 'The model is not served here (404 Not Found)',
      429: 'The silo is overloaded (429 Too Many Requests): a model\'s queue is full; try again in a moment',
      503: 'The silo is not ready (503 Service Unavailable): no manifest is active or the cluster is not answering yet',
      504: 'No model answered in time (504 Gateway Timeout)',
    }[status] ?? `The silo failed (HTTP ${status})`;
    return message ? `${why}: ${message}` : why;
  }

  function showError(text) {
    const box = el('error');
    box.textContent = text;
    box.hidden = false;
    el('status').textContent = 'The last clip was not tagged.';
    setState('error');
  }

  // Triton's binary tensor data: the JSON header, then the BYTES element (4-byte little-endian length, the bytes).
  // The optional deadline becomes the protocol's timeout parameter (microseconds, as in Triton).
  function inferenceBody(name, wav, deadlineMs) {
    const header = new TextEncoder().encode(JSON.stringify({
      id: name,
      ...(deadlineMs ? { parameters: { timeout: Math.round(deadlineMs * 1000) } } : {}),
      inputs: [{ name: 'audio', shape: [1], datatype: 'BYTES', parameters: { binary_data_size: wav.byteLength + 4 } }],
      outputs: [{ name: 'labels' }, { name: 'scores' }],
    }));
    const length = new Uint8Array(4);
    new DataView(length.buffer).setUint32(0, wav.byteLength, true);
    return { header, body: new Blob([header, length, wav]) };
  }

  async function tag(file) {
    setState('busy');
    el('error').hidden = true;
    el('status').textContent = `Tagging ${file.name} (${(file.size / 1024).toFixed(0)} KiB)…`;
    const deadline = Number(el('deadline').value);
    const { header, body } = inferenceBody(file.name, await file.arrayBuffer(), deadline > 0 ? deadline : null);
    const started = performance.now();
    let response;
    let text;
    try {
      response = await fetch(config.inferPath, {
        method: 'POST',
        headers: { 'Content-Type': 'application/octet-stream', 'Inference-Header-Content-Length': String(header.byteLength) },
        body,
      });
      text = await response.text();
    } catch (e) {
      showError(`The silo did not answer: ${e.message}`);
      return;
    }
    const browserMs = performance.now() - started;
    let answer = null;
    try { answer = JSON.parse(text); } catch { /* a non-JSON error body is shown as text below */ }
    if (!response.ok) {
      showError(describe(response.status, answer?.error ?? text.trim()));
      return;
    }
    try {
      render(file.name, answer, browserMs);
    } catch (e) {
      showError(`The answer could not be read: ${e.message}`);
      return;
    }
    setState('done');
  }

  function output(answer, name) {
    const found = (answer.outputs ?? []).find(o => o.name === name);
    if (!found) throw new Error(`the answer has no '${name}' output`);
    return found.data.flat();
  }

  function render(name, answer, browserMs) {
    const labels = output(answer, 'labels');
    const scores = output(answer, 'scores');
    const parameters = answer.parameters ?? {};
    el('clip-name').textContent = `for ${name}`;
    const list = el('tags');
    list.textContent = '';
    labels.slice(0, TOP).forEach((label, i) => {
      const item = document.createElement('li');
      item.dataset.label = label;
      const text = document.createElement('span');
      text.className = 'tag-label';
      text.textContent = label.replaceAll('_', ' ');
      const bar = document.createElement('span');
      bar.className = 'tag-bar';
      bar.setAttribute('aria-hidden', 'true');
      const fill = document.createElement('span');
      fill.style.width = `${Math.max(0, Math.min(1, scores[i])) * 100}%`;
      bar.append(fill);
      const value = document.createElement('span');
      value.className = 'tag-score';
      value.textContent = scores[i].toFixed(3);
      item.append(text, bar, value);
      list.append(item);
    });
    const partial = el('partial');
    partial.hidden = !parameters.partial;
    partial.textContent = parameters.partial
      ? `Partial answer: blended without ${parameters.missing_models ?? 'some models'}.`
      : '';
    el('result').hidden = false;
    renderWaterfall(parameters, browserMs);
    el('status').textContent = `Tagged ${name}: ${labels.length} classes scored, model version ${answer.model_version}.`;
  }

  // Per-model figures are flat parameters named model.ID.FIGURE (InferenceModel.ModelParameter).
  function models(parameters) {
    const byId = new Map();
    for (const [key, value] of Object.entries(parameters)) {
      const dot = key.lastIndexOf('.');
      if (!key.startsWith('model.') || dot <= 'model.'.length) continue;
      const id = key.slice('model.'.length, dot);
      if (!byId.has(id)) byId.set(id, { id });
      byId.get(id)[key.slice(dot + 1)] = value;
    }
    return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  const ms = value => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

  function row(kind, name, detail, segments, scale, note) {
    const line = document.createElement('div');
    line.className = 'row';
    line.dataset.kind = kind;
    line.setAttribute('role', 'row');
    const head = document.createElement('div');
    head.className = 'row-name';
    head.setAttribute('role', 'rowheader');
    head.textContent = name;
    if (detail) {
      const small = document.createElement('small');
      small.textContent = detail;
      head.append(small);
    }
    const track = document.createElement('div');
    track.className = 'track';
    track.setAttribute('role', 'cell');
    let end = 0;
    for (const s of segments) {
      const bar = document.createElement('span');
      bar.className = `bar ${s.kind}`;
      bar.style.left = `${(s.start / scale) * 100}%`;
      bar.style.width = `${Math.max(0.3, (s.ms / scale) * 100)}%`;
      bar.title = `${s.label} ${ms(s.ms)}`;
      track.append(bar);
      end = Math.max(end, s.start + s.ms);
    }
    // The figures under the bars: from the row's first bar, or ending at its last one when that is far right.
    const label = document.createElement('span');
    label.className = 'bar-label';
    const first = segments.length > 0 ? segments[0].start : 0;
    if (end / scale > 0.6) label.style.right = `${100 - (end / scale) * 100}%`;
    else label.style.left = `${(first / scale) * 100}%`;
    label.textContent = note ?? segments.map(s => `${s.label} ${ms(s.ms)}`).join(' · ');
    track.append(label);
    line.append(head, track);
    return line;
  }

  function axis(scale) {
    const line = document.createElement('div');
    line.className = 'row axis';
    line.setAttribute('aria-hidden', 'true');
    const spacer = document.createElement('div');
    spacer.className = 'row-name';
    const track = document.createElement('div');
    track.className = 'track';
    const step = niceStep(scale / 5);
    for (let t = 0; t <= scale + 1e-9; t += step) {
      const tick = document.createElement('span');
      tick.className = 'tick';
      tick.style.left = `${(t / scale) * 100}%`;
      tick.textContent = `${Number(t.toPrecision(6))} ms`;
      track.append(tick);
    }
    line.append(spacer, track);
    return line;
  }

  function niceStep(rough) {
    const power = 10 ** Math.floor(Math.log10(rough));
    return [1, 2, 5, 10].map(m => m * power).find(s => s >= rough);
  }

  function renderWaterfall(parameters, browserMs) {
    const features = Number(parameters.feature_ms ?? 0);
    const total = Number(parameters.total_ms ?? 0);
    const timed = models(parameters);
    const slowest = Math.max(0, ...timed.map(m => Number(m.round_trip_ms ?? 0)));
    const remainder = Math.max(0, total - features - slowest);
    const scale = Math.max(total, features + slowest, 1e-3);
    const chart = el('waterfall');
    chart.textContent = '';
    chart.append(axis(scale));
    chart.append(row('features', 'features', 'decode, log-mel, TTA crops', [{ kind: 'features', label: 'features', start: 0, ms: features }], scale));
    for (const m of timed) {
      // Each call starts when the features are done; queue wait and compute are the model grain's own figures.
      const queue = Number(m.queue_ms ?? 0);
      const compute = Number(m.compute_ms ?? 0);
      const roundTrip = Number(m.round_trip_ms ?? 0);
      const segments = [
        { kind: 'queue', label: 'queue', start: features, ms: queue },
        { kind: 'compute', label: 'compute', start: features + queue, ms: compute },
      ];
      const rest = roundTrip - queue - compute;
      if (rest > 0) segments.push({ kind: 'other', label: 'rest', start: features + queue + compute, ms: rest });
      chart.append(row('model', m.id, `${m.device ?? '?'}, batch of ${m.batch_crops ?? '?'} crop${m.batch_crops === 1 ? '' : 's'}, round trip ${ms(roundTrip)}`, segments, scale));
    }
    // A model left out of a partial answer has no timings: a row without bars says why.
    for (const [, id, reason] of (parameters.missing_models ?? '').matchAll(/(?:^|; )([^\s;()]+) \((late|failed): /g))
      chart.append(row('missing', id, 'left out of this answer', [], scale, `no answer: ${reason}`));
    chart.append(row('blend', 'blend and remainder', 'total − features − slowest round trip',
      [{ kind: 'blend', label: 'blend', start: features + slowest, ms: remainder }], scale));
    el('totals').textContent = `Total in the clip grain ${ms(total)}; in the browser (upload, HTTP, the Orleans call, download) ${ms(browserMs)}.`;
    el('timing').hidden = false;
  }

  function start() {
    const input = el('file-input');
    const zone = el('drop-zone');
    // Cleared as the picker opens, so that choosing the same file again (to measure it again) is still a change.
    input.addEventListener('click', () => { input.value = ''; });
    input.addEventListener('change', () => { if (input.files.length > 0) tag(input.files[0]); });
    zone.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', e => {
      e.preventDefault();
      zone.classList.remove('over');
      if (e.dataTransfer.files.length > 0) tag(e.dataTransfer.files[0]);
    });
    // Idle once the links are known, unless a clip was already chosen meanwhile.
    loadConfig().finally(() => { if (!document.body.dataset.state) setState('idle'); });
  }

  start();
})();
