/**
 * Builds the `labs` CLI into grader/dist/ with esbuild, so `labs` starts with plain `node` (no tsx).
 *
 * One build, code splitting on, holds three kinds of entry point:
 * - `cli.js`, from grader/src/cli/cli-entry.ts (every command main.ts lists; lazy imports become chunks);
 * - `kit/<package>.js`, one per workspace package, for lab code the loader compiles at run time;
 * - `lab-code/…`, each lab's public checks and scenario and each hidden suite, compiled ahead of time.
 * Splitting keeps every source module in exactly one output file, so lab code and the CLI share one
 * copy of lab-kit (its failure classes stay the same classes).
 *
 * Third-party packages stay outside the bundle, imported by their resolved absolute path (pnpm's strict
 * node_modules would not let grader/dist/ find a package's own dependencies by name).
 * `build-info.json` records every input's mtime and size: `bin/labs.js` rebuilds when one changes.
 *
 * A fourth, separate build bundles the dashboard page (src/dashboard/page/) for the browser, with its
 * chart library, into `dashboard/page.js`: the page then works offline, with nothing from a CDN.
 *
 * Run: `node --import tsx grader/scripts/build-cli.ts` (`pnpm install` does it through `prepare`).
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build, type Plugin } from 'esbuild'
import { LabCatalog } from '../src/engine/lab-catalog.ts'
import { ProjectPaths } from '../src/engine/project-paths.ts'

const grader = join(import.meta.dirname, '..')
const root = join(grader, '..')
const distDir = join(grader, 'dist')

/** What `bin/labs.js` reads to decide whether the build is fresh. Keep in step with bin/build-state.js. */
export interface BuildInfo {
  builtAt: string
  /**
   * The repository it was built from: the build has this folder's absolute paths in it (sources,
   * packages), so a copy of the repository must build its own.
   */
  root: string
  /** Repository-relative path → [mtimeMs, size] of every source file and folder the build depends on. */
  inputs: Record<string, [number, number]>
  /** Repository-relative lab module source → dist-relative compiled file. */
  labModules: Record<string, string>
  /** Workspace package name → dist-relative module, for lab code the loader compiles at run time. */
  kits: Record<string, string>
}

/** Every workspace package with a `.` export: `@backend-labs/x` → packages/x/src/index.ts. */
async function workspaceKits(): Promise<Record<string, { name: string; source: string }>> {
  const kits: Record<string, { name: string; source: string }> = {}
  for (const dir of readdirSync(join(root, 'packages'))) {
    const file = join(root, 'packages', dir, 'package.json')
    if (!existsSync(file)) continue
    const pkg = JSON.parse(await readFile(file, 'utf8')) as { name: string; exports?: Record<string, string> }
    const main = pkg.exports?.['.']
    if (main) kits[`kit/${dir}`] = { name: pkg.name, source: join(root, 'packages', dir, main) }
  }
  return kits
}

/** Each lab's public checks and scenario, and each hidden suite in this copy of the course. */
async function labModuleSources(): Promise<{ modules: string[]; watched: string[] }> {
  const paths = new ProjectPaths({}, root)
  const catalog = new LabCatalog(paths)
  const modules: string[] = []
  const watched = [paths.labsDir, paths.suitesDir]
  for (const id of await catalog.ids()) {
    const lab = await catalog.load(id)
    watched.push(dirname(lab.dir), join(lab.dir, 'lab.yaml'))
    modules.push(join(lab.dir, lab.manifest.checks))
    if (lab.manifest.starter.scenario) modules.push(join(lab.dir, lab.manifest.starter.scenario))
    const suite = join(paths.suiteDir(id), 'suite.ts')
    watched.push(paths.suiteDir(id))
    if (existsSync(suite)) modules.push(suite)
  }
  return { modules: modules.filter((m) => existsSync(m)), watched }
}

/**
 * Small pure-JavaScript packages every grade loads, inlined: zod and yaml alone are 170 files to open
 * and resolve at start-up otherwise. Only a speed knob: a package not listed stays external and works.
 */
const INLINED = new Set(['zod', 'yaml', 'commander', 'picocolors', 'tinyglobby', 'fdir', 'picomatch'])
const packageName = (spec: string) => spec.split('/', spec.startsWith('@') ? 2 : 1).join('/')

/** Third-party imports stay external, by absolute path; workspace packages and sources are bundled. */
const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'resolving' || args.path.startsWith('@backend-labs/')) return undefined
      if (INLINED.has(packageName(args.path))) return undefined
      if (args.path.startsWith('node:')) return { path: args.path, external: true }
      const r = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'resolving',
      })
      if (r.errors.length > 0) return { errors: r.errors }
      return { path: r.external ? args.path : r.path, external: true }
    })
  },
}

/** `import.meta.url` (and dirname, filename) keep meaning the source file, as under tsx. */
const sourceImportMeta: Plugin = {
  name: 'source-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined
      const text = await readFile(args.path, 'utf8')
      return {
        loader: 'ts',
        contents: text
          .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
          .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
          .replaceAll('import.meta.filename', JSON.stringify(args.path)),
      }
    })
  },
}

/** The loader hook that lets lab code compiled at run time (tsx) share the build's workspace packages. */
const KIT_ALIAS_HOOKS = `// Generated by grader/scripts/build-cli.ts: maps @backend-labs/* to the built packages.
let kits = {}
export async function initialize(data) { kits = data.kits }
export async function resolve(specifier, context, next) {
  const url = kits[specifier]
  return url ? { url, shortCircuit: true } : next(specifier, context)
}
`

function stamp(path: string): [number, number] {
  const s = statSync(path)
  return [s.mtimeMs, s.isDirectory() ? 0 : s.size]
}

/** The dashboard page's script, for the browser, everything bundled in; returns the files it read. */
async function buildDashboardPage(outDir: string): Promise<string[]> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(grader, 'src/dashboard/page/main.ts')],
    outfile: join(outDir, 'dashboard', 'page.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    metafile: true,
    logLevel: 'warning',
  })
  return Object.keys(result.metafile.inputs)
}

/** Builds into a fresh folder, then swaps it in, so a CLI starting meanwhile never sees half a build. */
export async function buildCli(): Promise<BuildInfo> {
  const kits = await workspaceKits()
  const { modules, watched } = await labModuleSources()
  const labEntries = Object.fromEntries(
    modules.map((m) => [`lab-code/${relative(root, m).replace(/\.[cm]?ts$/, '')}`, m]),
  )
  const entryPoints = {
    cli: join(grader, 'src/cli/cli-entry.ts'),
    // Spawned by path (grade-batch's worker pool looks for it beside its own chunk).
    'batch-worker': join(grader, 'src/batch/batch-worker.ts'),
    ...Object.fromEntries(Object.entries(kits).map(([out, k]) => [out, k.source])),
    ...labEntries,
  }
  const staging = join(grader, `dist.building-${process.pid}`)
  await rm(staging, { recursive: true, force: true })
  const result = await build({
    // Metafile inputs are relative to this folder: the repository root, whoever starts the build
    // (pnpm install at the root, or the bin rebuilding itself from grader/ under vitest).
    absWorkingDir: root,
    entryPoints,
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    chunkNames: 'chunks/[name]-[hash]',
    // Inlined CommonJS packages call require() for Node built-ins: give ESM output a real one.
    banner: {
      js: "import { createRequire as __labsRequire } from 'node:module'; const require = __labsRequire(import.meta.url);",
    },
    plugins: [externalPackages, sourceImportMeta],
  })
  const pageInputs = await buildDashboardPage(staging)
  const inputs: BuildInfo['inputs'] = {}
  for (const input of [...Object.keys(result.metafile.inputs), ...pageInputs]) {
    const abs = join(root, input)
    if (!input.includes('node_modules/') && existsSync(abs)) inputs[relative(root, abs)] = stamp(abs)
  }
  for (const path of [...watched, join(grader, 'package.json'), join(grader, 'scripts/build-cli.ts')])
    if (existsSync(path)) inputs[relative(root, path)] = stamp(path)
  const info: BuildInfo = {
    builtAt: new Date().toISOString(),
    root,
    inputs,
    labModules: Object.fromEntries(
      Object.entries(labEntries).map(([out, source]) => [relative(root, source), `${out}.js`]),
    ),
    kits: Object.fromEntries(Object.entries(kits).map(([out, k]) => [k.name, `${out}.js`])),
  }
  await writeFile(join(staging, 'kit-alias-hooks.mjs'), KIT_ALIAS_HOOKS)
  await writeFile(join(staging, 'build-info.json'), `${JSON.stringify(info, null, 1)}\n`)
  const old = join(grader, `dist.old-${process.pid}`)
  if (existsSync(distDir)) await rename(distDir, old)
  await rename(staging, distDir)
  await rm(old, { recursive: true, force: true })
  return info
}

if (process.argv[1] && basename(process.argv[1]) === 'build-cli.ts') {
  const started = performance.now()
  const info = await buildCli()
  process.stderr.write(
    `labs: CLI built in ${Math.round(performance.now() - started)} ms (${Object.keys(info.inputs).length} sources, ${Object.keys(info.labModules).length} lab modules) → grader/dist\n`,
  )
}
