// Response compression as a real host does it, for tools/serve.mjs and
// bench/server.mjs: brotli when the request's Accept-Encoding has `br`, else
// gzip when it has `gzip`, for text, JSON, JavaScript and WebAssembly.
//
// Brotli at quality 11 (what a host's build step precompresses static files
// with) is slow: 1.7 s for a 700 KB wasm, close to a minute for a 20 MB
// export. So no request pays for it twice: the compressed bytes are kept in
// memory per file, size and mtime, and, when a cache folder is given, on disk
// per content hash (a rebuilt but unchanged package, regenerated exports and
// other server processes find them there). Compression runs on libuv's thread
// pool, so a long one neither stalls the server nor keeps the second core idle.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const ENCODE = {
  br: (raw) => brotli(raw, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  }),
  gzip: (raw) => gzip(raw, { level: 9 }),
};

/** Whether a host compresses this Content-Type (PNG and other images are compressed already). */
export const compressible = (type) => /^(text\/|application\/(json|wasm|javascript)|image\/svg\+xml)/.test(type);

/** The encoding that answers an Accept-Encoding header: 'br', 'gzip' or null (identity). */
export function negotiate(accept = '') {
  const ok = new Set();
  for (const part of accept.toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((s) => s.trim());
    const q = params.find((p) => p.startsWith('q='));
    if (!q || Number(q.slice(2)) > 0) ok.add(name);
  }
  return ok.has('br') ? 'br' : ok.has('gzip') ? 'gzip' : null;
}

const kept = new Map(); // `${encoding} ${file}` -> { stamp: size and mtime, body: Promise<Buffer> }

/** The file's bytes compressed with `encoding` ('br' or 'gzip'), from the caches when they are there. */
export async function compressedFile(file, encoding, cacheDir = null) {
  const stat = await fs.promises.stat(file);
  const stamp = `${stat.size} ${stat.mtimeMs}`;
  const id = `${encoding} ${file}`;
  let entry = kept.get(id);
  if (!entry || entry.stamp !== stamp) {
    entry = { stamp, body: encode(file, encoding, cacheDir) };
    kept.set(id, entry);
    // A failure is not kept: the next request tries again.
    entry.body.catch(() => { if (kept.get(id) === entry) kept.delete(id); });
  }
  return entry.body;
}

async function encode(file, encoding, cacheDir) {
  const raw = await fs.promises.readFile(file);
  if (!cacheDir) return ENCODE[encoding](raw);
  const stored = path.join(cacheDir, `${crypto.createHash('sha256').update(raw).digest('hex')}.${encoding}`);
  try {
    return await fs.promises.readFile(stored);
  } catch {
    const body = await ENCODE[encoding](raw);
    // Written aside and renamed: another process may be reading the same name.
    await fs.promises.mkdir(cacheDir, { recursive: true });
    const tmp = `${stored}.${process.pid}.tmp`;
    await fs.promises.writeFile(tmp, body);
    await fs.promises.rename(tmp, stored);
    return body;
  }
}

/**
 * Answers `req` with `file` (status 200, `headers` plus Content-Type `type`):
 * compressed when the type is compressible and the request accepts br or
 * gzip, with Content-Encoding, the compressed Content-Length and
 * `Vary: Accept-Encoding`; otherwise as it is on disk.
 */
export async function sendFile(req, res, file, type, headers, cacheDir = null) {
  const all = { ...headers, 'content-type': type };
  const encoding = compressible(type) ? negotiate(req.headers['accept-encoding']) : null;
  if (compressible(type)) all.vary = 'Accept-Encoding';
  if (encoding) {
    const body = await compressedFile(file, encoding, cacheDir);
    res.writeHead(200, { ...all, 'content-encoding': encoding, 'content-length': body.length }).end(body);
  } else {
    const raw = await fs.promises.readFile(file);
    res.writeHead(200, { ...all, 'content-length': raw.length }).end(raw);
  }
}
