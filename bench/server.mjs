// The benchmark's static server (127.0.0.1 only, never shipped):
//
//   /             bench/ (the two pages and their scripts)
//   /pkg/         pkg/ (the release build of ./x build), or the copy usePkg() names
//   /pkg-names/   bench/data/pkg-names/ (a build that keeps wasm names, for CPU profiles)
//   /data/        bench/data/ (the generated exports)
//   /vendor/      Chart.js 4 from node_modules (the baseline's library)
//
// Every response is `cache-control: no-store` (each page load is a first
// visit) and without a Content-Security-Policy. Text, JSON, JavaScript and
// wasm are compressed as a real host serves them: brotli (quality 11) when
// the request accepts it, as Chromium's does, else gzip (level 9)
// (tools/compress.mjs); the compressed bytes are kept in bench/data/compressed/,
// so no timed request waits for a compression.
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressedFile, sendFile } from '../tools/compress.mjs';

export const BENCH = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(BENCH, '..');
const COMPRESSED = path.join(BENCH, 'data', 'compressed');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Headless Chromium as every benchmark starts it (tests/e2e/harness.mjs
 * uses the same flags). */
export const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--font-render-hinting=none',
];

/** The value after `--name` on the command line, or `dflt`. */
export function option(name, dflt) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
}

/**
 * /ours-csv.html: ours.html with the hints of the chart's module that reads
 * CSV (kyoto_chart_csv) instead of JSON, for a .csv src; written into
 * bench/data/ when the server starts.
 */
const OURS_CSV = path.join(BENCH, 'data', 'ours-csv.html');
function writeOursCsv() {
  const page = fs.readFileSync(path.join(BENCH, 'ours.html'), 'utf8');
  const csv = page.replaceAll('kyoto_chart_json', 'kyoto_chart_csv');
  if (csv === page) throw new Error('bench/ours.html has no kyoto_chart_json hint to turn into kyoto_chart_csv');
  fs.mkdirSync(path.dirname(OURS_CSV), { recursive: true });
  fs.writeFileSync(OURS_CSV, csv);
}

/** [url prefix, folder or file] in match order. */
export const MOUNTS = [
  ['/ours-csv.html', OURS_CSV],
  ['/pkg-names/', path.join(BENCH, 'data', 'pkg-names')],
  ['/pkg/', path.join(ROOT, 'pkg')],
  ['/data/', path.join(BENCH, 'data')],
  ['/vendor/chart.umd.min.js', path.join(ROOT, 'node_modules', 'chart.js', 'dist', 'chart.umd.min.js')],
  ['/', BENCH],
];

/** Serves /pkg/ from `dir` (run.mjs serves a copy, so that a rebuild of
 * pkg/ during a run cannot mix two builds). */
function usePkg(dir) {
  const m = MOUNTS.find(([prefix]) => prefix === '/pkg/');
  m[1] = path.resolve(dir);
}

/**
 * Serves a copy of the package `src` as /pkg/, made afresh in bench/data/`name`:
 * pkg/ may be rebuilt while a benchmark runs, and one run must not mix two
 * builds. Returns the copy's folder.
 */
export function servePkgCopy(src, name) {
  const copy = path.join(BENCH, 'data', name);
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(src, copy, { recursive: true, preserveTimestamps: true });
  usePkg(copy);
  return copy;
}

/**
 * Makes the benchmark's exports of `sizes` activities (bench/generate.sh)
 * unless every file of `files` is there; false when generating failed.
 */
export function ensureExports(files, sizes) {
  if (files.every((f) => fs.existsSync(f))) return true;
  const r = spawnSync('bash', [path.join(BENCH, 'generate.sh')], {
    cwd: ROOT, stdio: 'inherit', env: { ...process.env, BENCH_SIZES: sizes.join(' ') },
  });
  return r.status === 0;
}

/** The wasm-opt arguments of ./x build's release modules (tools/wasm-opt.args without its comments). */
export function wasmOptArgs() {
  return fs.readFileSync(path.join(ROOT, 'tools', 'wasm-opt.args'), 'utf8')
    .split('\n').flatMap((line) => line.replace(/#.*/, '').split(/\s+/)).filter(Boolean);
}

/** The file behind a URL path, or null. */
export function fileFor(pathname) {
  const rel = decodeURIComponent(pathname);
  for (const [prefix, target] of MOUNTS) {
    if (rel === prefix && !prefix.endsWith('/')) return target;
    if (!prefix.endsWith('/') || !rel.startsWith(prefix)) continue;
    const file = path.normalize(path.join(target, rel.slice(prefix.length)));
    return file.startsWith(target) ? file : null;
  }
  return null;
}

/** The Content-Type the server answers for a file. */
export const typeOf = (file) => TYPES[path.extname(file)] || 'application/octet-stream';

/** The file as the server sends it with Content-Encoding `encoding` ('br' or 'gzip'): the same cache. */
export const encodedFile = (file, encoding) => compressedFile(file, encoding, COMPRESSED);

/** Starts the server on a free port; resolves to { server, url }. */
export function startBenchServer() {
  writeOursCsv();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const file = fileFor(url.pathname);
    const stat = file && fs.statSync(file, { throwIfNoEntry: false });
    if (!stat || !stat.isFile()) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    sendFile(req, res, file, typeOf(file), { 'cache-control': 'no-store' }, COMPRESSED).catch((err) => {
      if (res.headersSent) res.destroy(err);
      else res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startBenchServer();
  console.log(`benchmark pages: ${url}ours.html?src=/data/activities-100.json  ${url}baseline.html?src=/data/activities-100.json`);
}
