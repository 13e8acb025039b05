// Compiles the command line into dist/cli, and rebuilds it whenever it is older than what it was built from:
// - huntboard.cjs: scripts/cli/huntboard.ts and everything it imports, bundled by esbuild (the `@/` alias, the
//   react-server condition that makes `server-only` empty); native and file-loading packages stay external;
// - kusto.blob: a V8 startup snapshot with Microsoft's Kusto parser loaded and warmed up, so that a run does
//   not spend a second on it (where Node cannot make one, the parser loads on first use instead);
// - manifest.json: what both were built from, to tell when they are stale.
// Plain JavaScript, so that bin/huntboard.mjs can run it without a compiler. `node scripts/cli/build.mjs`
// builds now.
import { readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT_DIR = path.join(ROOT, 'dist', 'cli');
const BUNDLE = path.join(OUT_DIR, 'huntboard.cjs');
const SNAPSHOT = path.join(OUT_DIR, 'kusto.blob');
const MANIFEST = path.join(OUT_DIR, 'manifest.json');
const ANSWERS = path.join(OUT_DIR, 'kusto-answers');
const LOCK = path.join(OUT_DIR, '.building');
const ENTRY = path.join(ROOT, 'scripts', 'cli', 'huntboard.ts');
const SNAPSHOT_MAIN = path.join(ROOT, 'scripts', 'cli', 'kusto-snapshot.cjs');
/** Besides the bundle's own inputs: what changes how it is built or what it links to. */
const BUILD_INPUTS = ['scripts/cli/build.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];
/**
 * Loaded from node_modules at run time: native code, or packages that read files beside their own. DuckDB's
 * JavaScript API is bundled (its dozens of small modules cost a start more to find and load one by one); its
 * native bindings are not.
 */
const EXTERNAL = [
  '@duckdb/node-bindings',
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

// The check that runs before every command is synchronous: a few hundred microseconds, where promises cost more.

/** @returns {Manifest | undefined} */
function readManifest() {
  try {
    return JSON.parse(readFileSync(MANIFEST, 'utf8'));
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

function mtime(file) {
  return statSync(path.join(ROOT, file), { throwIfNoEntry: false })?.mtimeMs ?? Number.POSITIVE_INFINITY;
}

/** @param {Manifest | undefined} manifest */
function isFresh(manifest) {
  if (manifest?.version !== MANIFEST_VERSION || manifest.node !== process.version) return false;
  if (manifest.snapshot.key !== snapshotKey()) return false;
  if (mtime(path.relative(ROOT, BUNDLE)) === Number.POSITIVE_INFINITY) return false;
  if (manifest.snapshot.ok && mtime(path.relative(ROOT, SNAPSHOT)) === Number.POSITIVE_INFINITY) return false;
  return manifest.inputs.every((file) => mtime(file) <= manifest.builtAt);
}

/** Bundles the command line as build `id`; returns the project files it was built from. */
async function bundle(id) {
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
    // The build's id names its folder of kept parser answers (kusto-answers.ts).
    define: { 'import.meta.url': '__huntboardModuleUrl', __HUNTBOARD_BUILD__: JSON.stringify(id) },
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
  const { execFile } = await import('node:child_process');
  const { promisify } = await import('node:util');
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
  const previous = readManifest();
  const builtAt = Date.now();
  const inputs = await bundle(String(builtAt));
  // Answers kept by earlier builds were shaped by their code.
  await rm(ANSWERS, { recursive: true, force: true });
  const key = snapshotKey();
  // The snapshot depends on Node, the parser and its own script only: most rebuilds keep it.
  const reuse =
    previous?.snapshot?.key === key &&
    mtime(path.relative(ROOT, SNAPSHOT_MAIN)) <= previous.builtAt &&
    (!previous.snapshot.ok || mtime(path.relative(ROOT, SNAPSHOT)) < Number.POSITIVE_INFINITY);
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
  const current = readManifest();
  if (!force && isFresh(current) && current) return built(current);
  return withLock(async () => {
    const again = readManifest();
    if (!force && isFresh(again) && again) return built(again);
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
