// The compare page: two exports in, per pillar what moved out
// (renderComparison), and the later export in a chart with the paragraphs
// that moved highlighted (handle.update after the earlier one).
import { ready, renderComparison } from '/pkg/kyoto.js';

const files = { before: null, after: null };
const summary = document.getElementById('summary');
const chart = document.getElementById('chart');

async function compare() {
  if (!files.before || !files.after) {
    summary.textContent = files.before || files.after ? 'Now choose the other export.' : '';
    return;
  }
  await ready;
  try {
    const r = await renderComparison(document.getElementById('comparison'), files.before.data, files.after.data, {
      lang: document.documentElement.lang, beforeName: files.before.name, afterName: files.after.name,
    });
    summary.textContent = `${r.added} new, ${r.removed} removed, ${r.statusChanged} changed status, ${r.edited} updated.`;
    chart.handle?.update(files.before.data);
    chart.handle?.update(files.after.data);
  } catch (e) {
    summary.textContent = `The comparison failed: ${e.message}`;
  }
}

for (const which of ['before', 'after']) {
  document.getElementById(which).addEventListener('change', async (e) => {
    const f = e.target.files[0];
    if (!f) return;
    // The bytes, as the widgets read a file: UTF-8, else Windows-1252 (an Excel export).
    files[which] = { name: f.name, data: new Uint8Array(await f.arrayBuffer()) };
    compare();
  });
}
document.getElementById('example').addEventListener('click', async () => {
  const [a, b] = await Promise.all(['examples/sample-activities.json', 'examples/sample-activities-edited.json']
    .map((u) => fetch(u).then((r) => r.text())));
  files.before = { name: 'sample-activities.json', data: a };
  files.after = { name: 'sample-activities-edited.json', data: b };
  compare();
});
