// The compare page: two exports in, per pillar what moved out, the later one
// in the chart with what moved highlighted; a file that is not an export
// gives a clear error in place. Under the strict CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { start, open, chartPixels, shot } from './harness.mjs';

let ctx;
before(async () => { ctx = await start({ csp: true }); });
after(async () => { await ctx.close(); });

const rows = (page) => page.evaluate(() => [...document.getElementById('comparison').shadowRoot.querySelectorAll('tr')]
  .map((tr) => [...tr.children].map((c) => c.textContent)));

test('compare two exports: a row per pillar and the totals, the chart follows', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}compare.html`);
  await chartPixels(page, '#chart');
  await page.click('#example');
  await page.waitForFunction(() => /changed status/.test(document.getElementById('summary').textContent));
  assert.equal(await page.textContent('#summary'), '2 new, 0 removed, 7 changed status, 0 updated.');
  const table = await rows(page);
  assert.deepEqual(table[0], ['Group', 'New', 'Removed', 'Completed', 'Now ongoing', 'Back to planned', 'Updated', 'Paragraphs newly covered']);
  const labels = table.slice(1).map((r) => r[0]);
  assert.deepEqual(labels, ['Declaratory part', 'Pillar I', 'Pillar II', 'Pillar III', 'Pillar IV', 'Follow-up', 'Total']);
  assert.deepEqual(table.at(-1), ['Total', '2', '0', '3', '4', '0', '0', '18']);
  const detail = await page.evaluate(() => document.getElementById('chart').handle.detail());
  assert.equal(detail.activities, 53);
  await shot(page, 'compare');

  // A file that is not an export: the reason, in place; the page keeps working.
  await page.setInputFiles('#before', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just some notes\n') });
  await page.setInputFiles('#after', { name: 'later.csv', mimeType: 'text/csv', buffer: Buffer.from('id,title,paragraphs,status\na,One,21,done\n') });
  await page.waitForFunction(() => /failed/.test(document.getElementById('summary').textContent));
  const alert = await page.evaluate(() => document.getElementById('comparison').shadowRoot.querySelector('[role=alert]').textContent);
  assert.match(alert, /notes\.txt: /);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a Windows-1252 export (Excel) compares as the widgets read it: accents kept, nothing counted as updated for them', async () => {
  const { page, problems } = await open(ctx, `${ctx.url}compare.html`);
  await chartPixels(page, '#chart');
  const cp1252 = fs.readFileSync(new URL('../fixtures/windows-1252.csv', import.meta.url));
  // The same activities in UTF-8 before, in Windows-1252 after: nothing moved.
  const utf8 = Buffer.from('id;title;paragraphs;status\nW-1;Réunion d’experts – Genève;21;completed\nW-2;Atelier régional;22;completed\n');
  assert.equal(utf8.length, cp1252.length + 7, 'the same text (é, è, é: 2 bytes in UTF-8; ’, –: 3)');
  await page.setInputFiles('#before', { name: 'before.csv', mimeType: 'text/csv', buffer: utf8 });
  await page.setInputFiles('#after', { name: 'after-excel.csv', mimeType: 'text/csv', buffer: cp1252 });
  await page.waitForFunction(() => /changed status/.test(document.getElementById('summary').textContent));
  assert.equal(await page.textContent('#summary'), '0 new, 0 removed, 0 changed status, 0 updated.');
  const csv = await page.evaluate(() => document.getElementById('chart').handle.detail());
  assert.equal(csv.activities, 2);
  assert.deepEqual(problems, []);
  await page.close();
});
