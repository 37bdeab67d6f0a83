// The control page: pushes an export to the presenter page through the
// BroadcastChannel "kyoto-present" (same browser, same origin, nothing sent).
const channel = new BroadcastChannel('kyoto-present');
const status = document.getElementById('status');
const text = document.getElementById('text');

function push(data, what) {
  channel.postMessage(data);
  status.textContent = `Pushed ${what} (${data.length.toLocaleString()} characters) at ${new Date().toLocaleTimeString()}.`;
}

document.getElementById('file').addEventListener('change', async (e) => {
  const f = e.target.files[0];
  if (f) push(await f.text(), f.name);
});
document.getElementById('push').addEventListener('click', () => {
  if (text.value.trim()) push(text.value, 'the pasted text');
  else status.textContent = 'Paste an export first, or choose a file.';
});
document.getElementById('example').addEventListener('click', async () => {
  const r = await fetch('examples/sample-activities.csv');
  push(await r.text(), 'the example export');
});
