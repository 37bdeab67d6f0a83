// A static file server for the demo and the end-to-end tests (127.0.0.1 only).
//
//   node tools/serve.mjs [--port 8000] [--csp] [--quiet]
//
// Serves www/ at / and pkg/ at /pkg/, with the right MIME type for .wasm,
// compressed as a real host serves them (brotli or gzip, tools/compress.mjs;
// the compressed bytes are kept in target/compressed/). With --csp every
// response carries the strict Content-Security-Policy that the widgets
// promise to work under, and CSP violation reports are collected at
// /__csp-report (GET /__csp-report lists them as JSON).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendFile } from './compress.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:";

const COMPRESSED = path.join(root, 'target', 'compressed');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ts': 'text/plain; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
};

/** Starts the server; resolves to { server, port, url, reports }. */
export function startServer({ port = 0, csp = false, quiet = true, routes = {} } = {}) {
  const reports = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === '/__csp-report') {
      if (req.method === 'POST') {
        let body = '';
        req.on('data', (c) => { body += c; });
        req.on('end', () => { reports.push(body); res.writeHead(204).end(); });
      } else {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reports));
      }
      return;
    }
    const custom = routes[url.pathname];
    if (custom) { custom(req, res); return; }
    let rel = decodeURIComponent(url.pathname);
    let base = path.join(root, 'www');
    if (rel.startsWith('/pkg/')) { base = path.join(root, 'pkg'); rel = rel.slice(4); }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.normalize(path.join(base, rel));
    if (!file.startsWith(base)) { res.writeHead(403).end('forbidden'); return; }
    if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers = { 'cache-control': 'no-store' };
    if (csp) headers['content-security-policy'] = `${STRICT_CSP}; report-uri /__csp-report`;
    sendFile(req, res, file, TYPES[path.extname(file)] || 'application/octet-stream', headers, COMPRESSED).then(
      () => { if (!quiet) console.log(`${req.method} ${url.pathname} 200`); },
      (err) => {
        if (res.headersSent) res.destroy(err);
        else res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err));
      },
    );
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const p = server.address().port;
      resolve({ server, port: p, url: `http://127.0.0.1:${p}/`, reports });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--port');
  const port = i >= 0 ? Number(args[i + 1]) : 8000;
  const { url } = await startServer({ port, csp: args.includes('--csp'), quiet: args.includes('--quiet') });
  console.log(`kyoto-widgets demo: ${url}`);
}
