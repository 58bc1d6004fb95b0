import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Learner code never runs on the host (issue 8, item 2: a bisect check ran `sh test.sh` on the
 * learner's commits, as the grader's user). The rule, made checkable:
 *
 * - Host modules are the TypeScript files the grader loads from labs/ and grader/suites/: every
 *   `.ts` directly in a lab or suite folder (checks, scenario, helpers, suite.ts), and every module
 *   they import by relative path. Sub-folders such as starter/, solution/ and fixtures/ hold
 *   submission content, which runs only inside containers, and are not host modules. Tests
 *   (`*.test.ts`) run the lab's own fixed content, never a submission, and are not host modules.
 * - Rule 1: no host module imports an API that starts processes (child_process, cluster, execa…).
 *   Containers are started through the project's container package, which runs code inside them.
 * - Rule 2: no host module asks git to run a program (`bisect run`, `filter-branch`, `rebase
 *   --exec`, `submodule foreach`, `difftool`, `mergetool`), except recipe-only files: helpers that
 *   a suite's solution or fixtures use on the lab's own scenario under `labs verify`. A recipe-only
 *   file may be imported by suite.ts files only, never by checks or their helpers.
 * - Hints and messages may still say `sh test.sh`: text shown to a learner runs nothing.
 * - Exception to rule 1, one reviewed file each: a host module that starts node on the grader's own
 *   code, to handle a learner's data (never code) with limits the grader's own process cannot set.
 */
const ROOT = resolve(import.meta.dirname, '../..')
const SCANNED = ['labs', 'grader/suites']
const RECIPE_ONLY = new Set([
  'grader/suites/git/bisect-regression/real-bisect.ts',
  'grader/suites/git/remove-secret/history-rewrites.ts',
])

/** The exceptions to rule 1, and why each is safe. */
const GRADER_OWNED_PROCESSES = new Map([
  [
    'grader/suites/production/dashboard-data/chart-render.ts',
    "renders the learner's Vega-Lite spec (JSON data) with the grader's own chart-render-worker.ts in a node process with a heap, time and CPU limit, so a spec asking for a billion rows cannot take the grader down",
  ],
])

const SPAWN_MODULES =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)['"](?:node:)?(?:child_process|cluster)['"]|['"](?:execa|cross-spawn|tinyexec|zx|nano-spawn|shelljs|@npmcli\/promise-spawn)['"]/
/** Git argument lists (`['bisect', 'run', …]`, `['filter-branch', …]`) that make git run a program. */
const GIT_RUNS_PROGRAMS =
  /['"]bisect['"]\s*,\s*['"]run['"]|\[\s*['"](?:filter-branch|difftool|mergetool)['"]|['"]submodule['"]\s*,\s*['"]foreach['"]|['"]--exec['"]/

/** Problems of one source text, by rule. */
function spawnProblems(source: string, recipeOnly: boolean): string[] {
  const problems: string[] = []
  if (SPAWN_MODULES.test(source)) problems.push('imports an API that starts processes on the host')
  if (!recipeOnly && GIT_RUNS_PROGRAMS.test(source)) problems.push('asks git to run a program')
  return problems
}

function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const found = [...text.matchAll(/\bfrom\s*['"](\.{1,2}\/[^'"]+\.ts)['"]/g)].map((m) =>
    resolve(dirname(file), m[1] as string),
  )
  return found.filter((f) => SCANNED.some((dir) => f.startsWith(join(ROOT, dir))))
}

/** Host modules and who imports each. */
function hostModules(): Map<string, Set<string>> {
  const importers = new Map<string, Set<string>>()
  const queue: string[] = []
  for (const top of SCANNED) {
    for (const track of readdirSync(join(ROOT, top), { withFileTypes: true })) {
      if (!track.isDirectory()) continue
      for (const lab of readdirSync(join(ROOT, top, track.name), { withFileTypes: true })) {
        if (!lab.isDirectory()) continue
        const dir = join(ROOT, top, track.name, lab.name)
        for (const f of readdirSync(dir)) {
          if (f.endsWith('.ts') && !f.endsWith('.test.ts')) queue.push(join(dir, f))
        }
      }
    }
  }
  for (const f of queue) importers.set(f, importers.get(f) ?? new Set())
  while (queue.length > 0) {
    const file = queue.pop() as string
    for (const dep of relativeImports(file)) {
      if (!existsSync(dep)) continue
      if (!importers.has(dep)) queue.push(dep)
      const set = importers.get(dep) ?? new Set()
      set.add(file)
      importers.set(dep, set)
    }
  }
  return importers
}

describe('no host-side spawn of learner content', () => {
  const modules = hostModules()
  const rel = (f: string) => relative(ROOT, f)

  it('finds the modules the grader loads from labs/ and grader/suites/', () => {
    const names = [...modules.keys()].map(rel)
    expect(names).toContain('labs/git/bisect-regression/checks.ts')
    expect(names).toContain('grader/suites/git/bisect-regression/suite.ts')
    expect(names.some((n) => /\/(starter|solution|fixtures)\//.test(n))).toBe(false)
  })

  it('holds the rule in every host module', () => {
    const problems = [...modules.keys()].flatMap((f) =>
      spawnProblems(readFileSync(f, 'utf8'), RECIPE_ONLY.has(rel(f)))
        .filter((p) => !(GRADER_OWNED_PROCESSES.has(rel(f)) && p.startsWith('imports an API')))
        .map((p) => `${rel(f)}: ${p}`),
    )
    expect(problems).toEqual([])
  })

  it('keeps each exception a host module that starts only node on a file of the grader', () => {
    for (const file of GRADER_OWNED_PROCESSES.keys()) {
      expect(modules.has(join(ROOT, file)), `${file} is a host module`).toBe(true)
      const source = readFileSync(join(ROOT, file), 'utf8')
      expect(source).toContain('process.execPath')
      expect(source).toMatch(/new URL\('\.\/[\w-]+\.ts', import\.meta\.url\)/)
    }
  })

  it('lets only suite.ts files import a recipe-only file', () => {
    for (const recipe of RECIPE_ONLY) {
      const importers = [...(modules.get(join(ROOT, recipe)) ?? [])].map(rel)
      expect(importers.length, `${recipe} is imported`).toBeGreaterThan(0)
      expect(importers.filter((i) => !i.endsWith('/suite.ts'))).toEqual([])
    }
  })

  it('catches the spawns it forbids (the bisect check that ran sh test.sh, and its kin)', () => {
    const flagged = [
      "import { execFile } from 'node:child_process'",
      "const { spawn } = require('child_process')",
      "const cp = await import('node:child_process')",
      "import { execa } from 'execa'",
      "await s.git.text(['bisect', 'run', 'sh', 'test.sh'])",
      "await git.run(['rebase', '--exec', 'sh test.sh', 'main'])",
      "await git.run(['submodule', 'foreach', 'make'])",
      "await s.git.run(['filter-branch', '-f', '--tree-filter', filter])",
    ]
    for (const source of flagged) expect(spawnProblems(source, false), source).not.toEqual([])
    expect(spawnProblems("hint: 'run `sh test.sh` and `git bisect run sh test.sh`'", false)).toEqual([])
    expect(spawnProblems("{ id: 'filter-branch', title: 'git filter-branch' }", false)).toEqual([])
  })
})
