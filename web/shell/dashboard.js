// The browser glue: loads the dashboard's WebAssembly, and does for it what
// only the page can do: file input and drag-and-drop, downloads, live feeds
// (EventSource / WebSocket), the clipboard. Every computation happens in the
// wasm core; nothing leaves the page unless the analyst connects a feed.
//
// URL options: ?empty (start without the demo dataset and simulated stream),
// ?feed=URL (connect a live feed at start), ?synthetic=16x1000000 (add
// synthetic series, a capacity check).
//
// window.lf is the test hook: lf.ready (a promise), lf.state() (everything
// on screen as JSON, see docs/DASHBOARD.md).
import createDashboard from './lf_dashboard.mjs';

const canvas = document.getElementById('canvas');
const statusBox = document.getElementById('status');
const dropOverlay = document.getElementById('drop');
const fileInput = document.getElementById('file-input');
const options = new URLSearchParams(location.search);

function fatal(message) {
  statusBox.textContent = `The dashboard stopped: ${message}\nReload the page to start again.`;
  statusBox.className = 'error';
  statusBox.style.display = 'flex';
}

let resolveReady;
const ready = new Promise((resolve) => { resolveReady = resolve; });

// The open live feed: an EventSource or a WebSocket.
let feed = null;

function closeFeed() {
  if (feed) feed.close();
  feed = null;
}

function connectFeed(url) {
  closeFeed();
  let target;
  try {
    target = new URL(url, location.href);
  } catch {
    dashboard.feedStatus('failed', `not a URL: ${url}`);
    return;
  }
  const deliver = (event) => dashboard.feedMessage(String(event.data));
  try {
    if (target.protocol === 'ws:' || target.protocol === 'wss:') {
      const socket = new WebSocket(target);
      socket.onopen = () => dashboard.feedStatus('open', '');
      socket.onmessage = deliver;
      socket.onerror = () => dashboard.feedStatus('failed', 'WebSocket error');
      socket.onclose = (event) => {
        if (feed === socket) dashboard.feedStatus('closed', `closed (code ${event.code})`);
      };
      feed = socket;
    } else {
      const source = new EventSource(target);
      source.onopen = () => dashboard.feedStatus('open', '');
      source.onmessage = deliver;
      // lf serve's /v1/stream names its events; alerts are recomputed here.
      source.addEventListener('sample', deliver);
      source.onerror = () => {
        // EventSource retries by itself unless the server refused outright.
        if (source.readyState === EventSource.CLOSED) dashboard.feedStatus('failed', 'the server refused the stream');
        else dashboard.feedStatus('connecting', 'reconnecting');
      };
      feed = source;
    }
  } catch (error) {
    dashboard.feedStatus('failed', String(error.message || error));
  }
}

function download(name, mime, bytes) {
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function openFiles(files) {
  for (const file of files) {
    let text;
    try {
      text = await file.text();
    } catch (error) {
      console.error(`could not read ${file.name}: ${error}`);
      continue;
    }
    dashboard.openFile(file.name, text);
  }
}

const lfShell = {
  startEmpty: options.has('empty'),
  ready() {
    statusBox.style.display = 'none';
    canvas.focus();
    dashboard.suggestFeedUrl(new URL('/v1/stream', location.href).href);
    // Through the app, so the Live panel knows the feed it shows.
    if (options.get('feed')) dashboard.connectFeed(new URL(options.get('feed'), location.href).href);
    if (options.get('synthetic')) dashboard.loadSynthetic(options.get('synthetic'));
    resolveReady();
  },
  fatal,
  openPicker: () => fileInput.click(),
  download,
  connectFeed,
  disconnectFeed: closeFeed,
  copyText(text) {
    navigator.clipboard?.writeText(text).catch(() => {});
  },
};

// The factory's argument becomes the Module: the embind functions appear on it.
const dashboard = {
  canvas,
  lfShell,
  onAbort: (what) => fatal(String(what)),
  print: (text) => console.log(text),
  printErr: (text) => console.warn(text),
};

fileInput.addEventListener('change', async () => {
  await openFiles(fileInput.files);
  fileInput.value = '';
});

let dragDepth = 0;
window.addEventListener('dragenter', (event) => {
  event.preventDefault();
  if (++dragDepth === 1) dropOverlay.classList.add('visible');
});
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('dragleave', () => {
  if (--dragDepth === 0) dropOverlay.classList.remove('visible');
});
window.addEventListener('drop', (event) => {
  event.preventDefault();
  dragDepth = 0;
  dropOverlay.classList.remove('visible');
  openFiles(event.dataTransfer.files);
});
document.addEventListener('paste', (event) => {
  dashboard.setPastedText?.(event.clipboardData.getData('text/plain'));
});

window.lf = {
  ready,
  state: () => JSON.parse(dashboard.state()),
};

createDashboard(dashboard).catch((error) => fatal(String(error.message || error)));
