// The control page: pushes an export to the presenter page through the
// BroadcastChannel "kyoto-present" (same browser, same origin, nothing sent).
// A file goes as its bytes, which the chart decodes as its own Open file
// does (UTF-8, else Windows-1252); the presenter page answers whether it
// showed the export and kept it for next time.
const channel = new BroadcastChannel('kyoto-present');
const status = document.getElementById('status');
const text = document.getElementById('text');
const number = (n) => new Intl.NumberFormat(document.documentElement.lang).format(n);
const time = () => new Intl.DateTimeFormat(document.documentElement.lang, { timeStyle: 'medium' }).format(new Date());

let pushed = '';
function push(data, what, size) {
  channel.postMessage({ kyotoPush: data, name: what });
  pushed = `Pushed ${what} (${size}) at ${time()}.`;
  status.textContent = pushed;
}

channel.addEventListener('message', (e) => {
  const m = e.data;
  if (!m || typeof m !== 'object' || !('presenter' in m)) return;
  if (m.presenter === 'kept') status.textContent = `${pushed} The presenter page shows ${m.name} and keeps it for next time.`;
  else if (m.presenter === 'not-kept') {
    status.textContent = `${pushed} The presenter page shows ${m.name}, but it is too big to keep in this browser: after a reload the presenter page shows the sample.`;
  } else if (m.presenter === 'rejected') {
    status.textContent = `${pushed} The presenter page could not show ${m.name}: ${m.message} It still shows the last export it could read.`;
  }
});

document.getElementById('file').addEventListener('change', async (e) => {
  const f = e.target.files[0];
  if (f) push(new Uint8Array(await f.arrayBuffer()), f.name, `${number(f.size)} bytes`);
});
document.getElementById('push').addEventListener('click', () => {
  if (text.value.trim()) push(text.value, 'the pasted text', `${number(text.value.length)} characters`);
  else status.textContent = 'Paste an export first, or choose a file.';
});
document.getElementById('example').addEventListener('click', async () => {
  const r = await fetch('examples/sample-activities.csv');
  const body = await r.text();
  push(body, 'the example export', `${number(body.length)} characters`);
});
