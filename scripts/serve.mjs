// A small static server for dist/, on 127.0.0.1 only. It serves the app at the root and,
// to prove sub-path hosting, also under /waypoint/. Unknown paths without a file get the
// app's HTML (as a host's rewrite rule or 404.html fallback would), so deep links work.
// Usage: node scripts/serve.mjs [dir] [port]   (port 0 picks a free one)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8',
};
export const SUB_PATH = '/waypoint';

export function createServer(root, { subPath = SUB_PATH } = {}) {
  const dir = path.resolve(root);
  return http.createServer((req, res) => {
    let url;
    try { url = new URL(req.url, 'http://127.0.0.1'); } catch { res.writeHead(400).end(); return; }
    let p = decodeURIComponent(url.pathname);
    if (p === subPath) { res.writeHead(301, { Location: subPath + '/' + url.search }).end(); return; }
    if (p.startsWith(subPath + '/')) p = p.slice(subPath.length);
    const file = path.join(dir, path.normalize(p));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    let target = file;
    if (!fs.existsSync(target) || fs.statSync(target).isDirectory()) {
      const index = path.join(target, 'index.html');
      target = fs.existsSync(index) ? index : (path.extname(p) ? null : path.join(dir, '404.html'));
    }
    if (!target || !fs.existsSync(target)) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found'); return; }
    const type = TYPES[path.extname(target)] || 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
    fs.createReadStream(target).pipe(res);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2] || 'dist';
  const port = Number(process.argv[3] || 8080);
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    console.error(`No ${root}/index.html: run "make build" first.`);
    process.exit(1);
  }
  createServer(root).listen(port, '127.0.0.1', function () {
    const { port: p } = this.address();
    console.log(`Waypoint is served at http://127.0.0.1:${p}/ (and under http://127.0.0.1:${p}${SUB_PATH}/). Ctrl+C stops it.`);
  });
}
