// The built package (pkg/, ./x build) as a page downloads it, without a
// browser: each module imports its glue's functions under short names (the
// build's tools/short-imports.mjs), and that step refuses a glue it cannot
// match instead of writing a module that would fail to instantiate; each
// fetched catalogue is the language's files merged, without the shelved
// translations of the import rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PKG = path.join(ROOT, 'pkg');
const modules = fs.readdirSync(PKG).filter((f) => /^kyoto_\w+_bg\.wasm$/.test(f));

test('every module imports its glue functions by short names, each a key of its glue', () => {
  assert.ok(modules.length >= 8, `the modules of ./x build (${modules.join(', ')})`);
  for (const file of modules) {
    const wasm = new WebAssembly.Module(fs.readFileSync(path.join(PKG, file)));
    const glue = fs.readFileSync(path.join(PKG, file.replace('_bg.wasm', '.js')), 'utf8');
    const functions = WebAssembly.Module.imports(wasm).filter((i) => i.kind === 'function');
    assert.ok(functions.length > 0, file);
    for (const { name } of functions) {
      assert.match(name, /^[a-zA-Z]{1,2}$/, `${file}: import ${name}`);
      assert.match(glue, new RegExp(`[{,]${name}:`), `${file}: ${name} is a key of the glue`);
    }
    assert.doesNotMatch(glue, /__wbg_\w+_[0-9a-f]{16}/, `${file}: a hashed name is left in the glue`);
  }
});

// A module as wasm-bindgen writes one, reduced to its imports: functions
// from the glue named `__wbg_<name>_<hash>`, and a memory.
function moduleImporting(names) {
  const bytes = (text) => [text.length, ...Buffer.from(text)];
  const entries = names.flatMap((n) => [...bytes('./kyoto_x_bg.js'), ...bytes(n), 0, 0]);
  const memory = [...bytes('env'), ...bytes('memory'), 2, 0, 1];
  const imports = [names.length + 1, ...entries, ...memory];
  const leb = (n) => (n < 128 ? [n] : [(n & 127) | 128, ...leb(n >> 7)]);
  return Buffer.from([
    0, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    1, 4, 1, 0x60, 0, 0,
    2, ...leb(imports.length), ...imports,
  ]);
}
const GLUE = (keys) => `function e(){const e={__proto__:null,${keys.map((k) => `${k}:function(){}`).join(',')}};return{"./kyoto_x_bg.js":e}}`;
const HASHED = ['__wbg_now_0123456789abcdef', '__wbg_fetch_fedcba9876543210', '__wbindgen_cast_00000000000000a1'];
const SHORT_IMPORTS = path.join(ROOT, 'tools/short-imports.mjs');

test('short-imports renames each import in the wasm and the glue alike', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyoto-short-'));
  try {
    const wasm = path.join(dir, 'm_bg.wasm');
    const js = path.join(dir, 'm.js');
    fs.writeFileSync(wasm, moduleImporting(HASHED));
    fs.writeFileSync(js, GLUE(HASHED));
    const run = spawnSync(process.execPath, [SHORT_IMPORTS, wasm, js], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const imports = WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(wasm)));
    assert.deepEqual(imports.map((i) => `${i.module} ${i.name}`),
      ['./kyoto_x_bg.js a', './kyoto_x_bg.js b', './kyoto_x_bg.js c', 'env memory']);
    assert.equal(fs.readFileSync(js, 'utf8'), GLUE(['a', 'b', 'c']));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('short-imports refuses a glue that lacks one of the names, and writes nothing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kyoto-short-'));
  try {
    const wasm = path.join(dir, 'm_bg.wasm');
    const js = path.join(dir, 'm.js');
    const cases = [
      [GLUE(HASHED.slice(0, 2)), /m\.js: import __wbindgen_cast_00000000000000a1 is a key of the glue 0 times, not once/],
      [GLUE(HASHED) + `;x.${HASHED[1]}()`, /m\.js: import __wbg_fetch_fedcba9876543210 is named elsewhere in the glue than as its key/],
      [GLUE([...HASHED, HASHED[0]]), /m\.js: import __wbg_now_0123456789abcdef is a key of the glue 2 times, not once/],
    ];
    for (const [glue, why] of cases) {
      fs.writeFileSync(wasm, moduleImporting(HASHED));
      fs.writeFileSync(js, glue);
      const run = spawnSync(process.execPath, [SHORT_IMPORTS, wasm, js], { encoding: 'utf8' });
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, why);
      assert.deepEqual(fs.readFileSync(wasm), moduleImporting(HASHED), 'the wasm is not written');
      assert.equal(fs.readFileSync(js, 'utf8'), glue, 'the glue is not written');
    }
    fs.writeFileSync(wasm, 'not a module');
    const bad = spawnSync(process.execPath, [SHORT_IMPORTS, wasm, js], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /m_bg\.wasm is not WebAssembly/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('each fetched catalogue is its language with every widget part, without the shelved import rules', () => {
  const I18N = path.join(ROOT, 'data/i18n');
  const read = (f) => JSON.parse(fs.readFileSync(f, 'utf8'));
  const parts = fs.readdirSync(I18N, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  assert.ok(parts.includes('import-rules') && parts.includes('browser'), parts.join(', '));
  for (const lang of ['ar', 'es', 'fr', 'ru', 'zh']) {
    const shipped = read(path.join(PKG, 'i18n', `${lang}.json`));
    const want = Object.assign(read(path.join(I18N, `${lang}.json`)),
      ...parts.filter((p) => p !== 'import-rules').map((p) => read(path.join(I18N, p, `${lang}.json`))));
    assert.deepEqual(shipped, want, lang);
    const shelved = Object.keys(read(path.join(I18N, 'import-rules', `${lang}.json`)));
    assert.ok(shelved.length > 50 && shelved.every((k) => !(k in shipped)), `${lang}: the import rules are not shipped`);
  }
});
