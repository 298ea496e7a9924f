// `make bloat`: what each crate adds to the .wasm. Builds the release bundle once more with
// function names kept and without wasm-opt (into target/bloat-dist/, dist/ is untouched),
// asks twiggy for the size of every function and data segment, and sums them by crate.
// Prints a table and writes target/bloat.json. The figures are bytes of the unoptimised
// .wasm (wasm-opt then shrinks it by about a third): they say where the bundle comes from,
// not what it weighs over the network (`make bench` reports that).

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'target', 'bloat-dist');
const html = path.join(root, 'index-bloat.html');

fs.writeFileSync(html, fs.readFileSync(path.join(root, 'index.html'), 'utf8').replace('data-wasm-opt="z"', 'data-wasm-opt="0" data-keep-debug'));
try {
  execFileSync('trunk', ['build', '--release', '--offline', '--dist', out, html], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}:${process.env.PATH}`, RUSTFLAGS: `${process.env.RUSTFLAGS || ''} --cfg erase_components`, TRUNK_SKIP_VERSION_CHECK: 'true' },
  });
} finally {
  fs.rmSync(html, { force: true });
}
const wasm = fs.readdirSync(out).find((f) => f.endsWith('_bg.wasm'));
if (!wasm) throw new Error(`no .wasm in ${out}`);
const csv = execFileSync('twiggy', ['top', '-n', '1000000', '-f', 'csv', path.join(out, wasm)], { encoding: 'utf8', maxBuffer: 1 << 28 });

// Rows: Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent (names may be quoted).
const parseLine = (line) => {
  const cells = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cur); cur = ''; } else cur += c;
  }
  cells.push(cur);
  return cells;
};

// The crate an item belongs to: for `<T as Trait>::f` the crate of T; generic shims and
// closures of a crate count for that crate.
const crateOf = (name) => {
  if (name.includes('function names')) return null; // kept for this analysis only, not in the release
  if (name.startsWith('data segment')) return '(data: text, strings, tables)';
  if (name.startsWith('"')) return '(custom sections)';
  let n = name;
  if (n.startsWith('<')) {
    n = n.slice(1);
    const as = n.indexOf(' as ');
    if (as >= 0) n = n.slice(0, as);
  }
  n = n.replace(/^(&mut |&|dyn |impl |\(|\[)+/, '');
  const m = n.match(/^([A-Za-z_][A-Za-z0-9_]*)/);
  if (!m) return '(other)';
  // Single letters are generic parameters (T, F): code monomorphised for this app's types.
  return /^[A-Z]$/.test(m[1]) ? '(generic: T, F, ...)' : m[1].replace(/\[.*$/, '');
};

const totals = new Map();
const items = [];
let all = 0;
for (const line of csv.split('\n').slice(1)) {
  if (!line.trim()) continue;
  const cells = parseLine(line);
  const size = Number(cells[1]);
  if (!Number.isFinite(size)) continue;
  const name = cells[0];
  if (name.startsWith('Σ') || name.startsWith('... and')) continue;
  const crate = crateOf(name);
  if (crate === null) continue;
  totals.set(crate, (totals.get(crate) || 0) + size);
  items.push([name, size]);
  all += size;
}
const rows = [...totals].sort((a, b) => b[1] - a[1]);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`| crate | bytes in the unoptimised .wasm (${wasm}) | share |`);
console.log('|---|---|---|');
for (const [crate, size] of rows.slice(0, 25)) console.log(`| ${crate} | ${kb(size)} | ${((100 * size) / all).toFixed(1)}% |`);
console.log(`| (${Math.max(0, rows.length - 25)} more) | ${kb(rows.slice(25).reduce((s, [, v]) => s + v, 0))} | |`);
console.log(`| total (function names left out) | ${kb(all)} | |`);
console.log('\nLargest single items:');
for (const [name, size] of items.sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${kb(size).padStart(9)}  ${name.slice(0, 110)}`);
fs.mkdirSync(path.join(root, 'target'), { recursive: true });
fs.writeFileSync(path.join(root, 'target', 'bloat.json'), JSON.stringify({ wasm, total_bytes: all, by_crate: Object.fromEntries(rows), largest: items.slice(0, 40) }, null, 2) + '\n');
console.log('written: target/bloat.json');
