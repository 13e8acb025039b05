// Compiles the command line into dist/cli, and rebuilds it whenever it is older than what it was built from:
// - huntboard.cjs: scripts/cli/huntboard.ts and everything it imports, bundled by esbuild (the `@/` alias, the
//   react-server condition that makes `server-only` empty); native and file-loading packages stay external;
// - kusto.blob: a V8 startup snapshot with Microsoft's Kusto parser loaded and warmed up, so that a run does
//   not spend a second on it (where Node cannot make one, the parser loads on first use instead);
// - manifest.json: what both were built from, to tell when they are stale.
// Plain JavaScript, so that bin/huntboard.mjs can run it without a compiler. `node scripts/cli/build.mjs`
// builds now.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT_DIR = path.join(ROOT, 'dist', 'cli');
const BUNDLE = path.join(OUT_DIR, 'huntboard.cjs');
const SNAPSHOT = path.join(OUT_DIR, 'kusto.blob');
const MANIFEST = path.join(OUT_DIR, 'manifest.json');
const LOCK = path.join(OUT_DIR, '.building');
const ENTRY = path.join(ROOT, 'scripts', 'cli', 'huntboard.ts');
const SNAPSHOT_MAIN = path.join(ROOT, 'scripts', 'cli', 'kusto-snapshot.cjs');
/** Besides the bundle's own inputs: what changes how it is built or what it links to. */
const BUILD_INPUTS = ['scripts/cli/build.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];
/** Loaded from node_modules at run time: native code, or packages that read files beside their own. */
const EXTERNAL = [
  '@duckdb/node-api',
  '@electric-sql/pglite',
  '@kusto/language-service-next',
  'pg',
  'pg-native',
];
const MANIFEST_VERSION = 1;
const STALE_LOCK_MS = 5 * 60_000;

const require = createRequire(import.meta.url);

/**
 * @typedef {{ version: number, node: string, builtAt: number, inputs: string[],
 *   snapshot: { key: string, ok: boolean, error?: string } }} Manifest
 * @typedef {{ bundle: string, snapshot: string | undefined }} Built
 */

/** @returns {Promise<Manifest | undefined>} */
async function readManifest() {
  try {
    return JSON.parse(await readFile(MANIFEST, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * What the snapshot depends on: this Node binary, the V8 flags it runs with (Node refuses a snapshot made
 * under other flags, and NODE_OPTIONS may carry some) and the parser's version.
 */
function snapshotKey() {
  const kusto = require('@kusto/language-service-next/package.json');
  return JSON.stringify([process.execPath, process.version, process.env.NODE_OPTIONS ?? '', kusto.version]);
}

async function mtime(file) {
  try {
    return (await stat(path.join(ROOT, file))).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** @param {Manifest | undefined} manifest */
async function isFresh(manifest) {
  if (manifest?.version !== MANIFEST_VERSION || manifest.node !== process.version) return false;
  if (manifest.snapshot.key !== snapshotKey()) return false;
  if ((await mtime(path.relative(ROOT, BUNDLE))) === Number.POSITIVE_INFINITY) return false;
  if (manifest.snapshot.ok && (await mtime(path.relative(ROOT, SNAPSHOT))) === Number.POSITIVE_INFINITY)
    return false;
  const times = await Promise.all(manifest.inputs.map(mtime));
  return times.every((t) => t <= manifest.builtAt);
}

/** Bundles the command line; returns the project files it was built from. */
async function bundle() {
  const esbuild = await import('esbuild');
  const temporary = `${BUNDLE}.${process.pid}.tmp`;
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    format: 'cjs',
    // `server-only` is an empty module under the react-server condition, as for the server's own code.
    conditions: ['react-server'],
    external: EXTERNAL,
    // Modules that find files beside themselves (the Kusto parser) ask import.meta.url, which CommonJS lacks.
    define: { 'import.meta.url': '__huntboardModuleUrl' },
    banner: { js: "const __huntboardModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    metafile: true,
    logLevel: 'silent',
  });
  await rename(temporary, BUNDLE);
  const inputs = Object.keys(result.metafile.inputs).filter((file) => !file.includes('node_modules/'));
  return [...new Set([...inputs, ...BUILD_INPUTS, path.relative(ROOT, SNAPSHOT_MAIN)])];
}

/** @returns {Promise<{ ok: boolean, error?: string }>} */
async function snapshot() {
  const kusto = path.dirname(require.resolve('@kusto/language-service-next/package.json'));
  const parts = await Promise.all(
    [path.join(kusto, 'bridge.min.js'), path.join(kusto, 'Kusto.Language.Bridge.min.js'), SNAPSHOT_MAIN].map(
      (file) => readFile(file, 'utf8'),
    ),
  );
  const entry = path.join(OUT_DIR, `kusto-snapshot.${process.pid}.cjs`);
  const blob = `${SNAPSHOT}.${process.pid}.tmp`;
  await writeFile(entry, parts.join('\n;\n'));
  try {
    await promisify(execFile)(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', entry], {
      cwd: OUT_DIR,
      maxBuffer: 16 * 1024 * 1024,
    });
    await rename(blob, SNAPSHOT);
    return { ok: true };
  } catch (error) {
    await rm(blob, { force: true });
    return { ok: false, error: String(error instanceof Error ? error.message : error).split('\n')[0] };
  } finally {
    await rm(entry, { force: true });
  }
}

async function build() {
  const previous = await readManifest();
  const builtAt = Date.now();
  const inputs = await bundle();
  const key = snapshotKey();
  // The snapshot depends on Node, the parser and its own script only: most rebuilds keep it.
  const reuse =
    previous?.snapshot?.key === key &&
    (await mtime(path.relative(ROOT, SNAPSHOT_MAIN))) <= previous.builtAt &&
    (!previous.snapshot.ok || (await mtime(path.relative(ROOT, SNAPSHOT))) < Number.POSITIVE_INFINITY);
  const snapshotState = reuse ? previous.snapshot : { key, ...(await snapshot()) };
  /** @type {Manifest} */
  const manifest = {
    version: MANIFEST_VERSION,
    node: process.version,
    builtAt,
    inputs,
    snapshot: snapshotState,
  };
  await writeFile(`${MANIFEST}.${process.pid}.tmp`, JSON.stringify(manifest, null, 2));
  await rename(`${MANIFEST}.${process.pid}.tmp`, MANIFEST);
  return manifest;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds the build lock (a directory: creating one is atomic) while `fn` runs; waits while another holds it. */
async function withLock(fn) {
  await mkdir(OUT_DIR, { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const held = await stat(LOCK).catch(() => undefined);
      if (held && Date.now() - held.mtimeMs > STALE_LOCK_MS) await rm(LOCK, { recursive: true, force: true });
      else await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

/** @param {Manifest} manifest @returns {Built} */
const built = (manifest) => ({ bundle: BUNDLE, snapshot: manifest.snapshot.ok ? SNAPSHOT : undefined });

/**
 * The compiled command line, built first if it is missing or older than anything it was built from. Several
 * processes may ask at once: one builds, the others wait for it.
 * @param {{ force?: boolean, log?: (line: string) => void }} [options]
 * @returns {Promise<Built>}
 */
export async function ensureCliBuilt({ force = false, log = () => {} } = {}) {
  const current = await readManifest();
  if (!force && (await isFresh(current)) && current) return built(current);
  return withLock(async () => {
    const again = await readManifest();
    if (!force && (await isFresh(again)) && again) return built(again);
    log('huntboard: compiling the command line…');
    const started = performance.now();
    const manifest = await build();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log(
      `huntboard: compiled in ${seconds} s${manifest.snapshot.ok ? '' : ` (no parser snapshot: ${manifest.snapshot.error})`}`,
    );
    return built(manifest);
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await ensureCliBuilt({ force: true, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(
    `${path.relative(process.cwd(), result.bundle)}${result.snapshot ? ` ${path.relative(process.cwd(), result.snapshot)}` : ''}\n`,
  );
}
