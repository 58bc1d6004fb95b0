import { existsSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import {
  type ApiCheckContext,
  type DockerLab,
  type RebuildReport,
  rerunCulprits,
} from '@backend-labs/http-kit'
import { defineChecks, defineSuite, fail } from '@backend-labs/lab-kit'
import { listPaths, scanImage } from '../../../../labs/docker/multi-stage-build/image-scan.ts'

const TOUCHED = 'src/server.ts'
const INSTALL = /\bnpm\s+(ci|install|i|add)\b/
const UNPINNED = /\bnpm\s+(install|i|add)\b(?![^&|;]*\s(-g|--global)\b)/

/** The Dockerfile's RUN instructions, continuation lines joined, with their first line number. */
async function runInstructions(dir: string): Promise<{ line: number; text: string }[]> {
  const text = await readFile(join(dir, 'Dockerfile'), 'utf8')
  const out: { line: number; text: string }[] = []
  let current: { line: number; text: string } | undefined
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim()
    if (!current && /^RUN\s/i.test(line)) current = { line: index + 1, text: '' }
    if (!current || line.startsWith('#')) continue
    current.text += ` ${line.replace(/\\$/, '')}`
    if (!line.endsWith('\\')) {
      out.push({ line: current.line, text: current.text.trim() })
      current = undefined
    }
  }
  return out
}

/** One rebuild per grade, shared by the checks that read it. */
const rebuilds = new WeakMap<DockerLab, Promise<RebuildReport>>()
function rebuildAfterSourceChange(ctx: ApiCheckContext): Promise<RebuildReport> {
  let report = rebuilds.get(ctx.docker)
  if (!report) {
    report = ctx.docker.rebuildAfterTouch(TOUCHED)
    rebuilds.set(ctx.docker, report)
  }
  return report
}

const checks = defineChecks<ApiCheckContext>('hidden', [
  {
    id: 'no-typescript-sources',
    title: 'The final image holds no TypeScript sources',
    points: 2,
    timeoutMs: 30_000,
    needs: ['image-builds'],
    async run(ctx) {
      const image = await ctx.docker.image()
      const found = await scanImage(image, "-name '*.ts' ! -name '*.d.ts' -o -name '*.mts' -o -name '*.cts'")
      if (found.length === 0) return
      fail({
        expected: 'only the compiled JavaScript in the final image, no .ts sources',
        found: listPaths(found),
        where: 'Dockerfile (the last stage)',
        hint: 'In the last stage copy only what runs: `COPY --from=build /app/dist ./dist`, not the whole folder or src/.',
      })
    },
  },
  {
    id: 'dependencies-pinned',
    title: 'Dependencies are installed with npm ci from package-lock.json',
    points: 2,
    needs: ['image-builds'],
    async run(ctx) {
      if (!existsSync(join(ctx.submissionDir, 'package-lock.json'))) {
        fail({
          expected: 'a package-lock.json in your submission, so every build installs the same versions',
          found: 'none',
          hint: 'Run `npm install` once on your machine to write it, keep it next to package.json, and install with `npm ci` in the Dockerfile.',
        })
      }
      const runs = (await runInstructions(ctx.submissionDir)).filter((r) => INSTALL.test(r.text))
      const unpinned = runs.find((r) => UNPINNED.test(r.text))
      if (unpinned) {
        fail({
          expected:
            'dependencies installed with `npm ci`, which installs exactly what package-lock.json pins',
          found: `\`${unpinned.text}\`, which may resolve newer versions and rewrite the lockfile`,
          where: `Dockerfile:${unpinned.line}`,
          hint: 'Copy package.json and package-lock.json, then `RUN npm ci` (and `npm ci --omit=dev` for the runtime stage).',
        })
      }
      if (!runs.some((r) => /\bnpm\s+ci\b/.test(r.text))) {
        fail({
          expected: 'a `RUN npm ci` step that installs the dependencies from package-lock.json',
          found: 'no step that installs dependencies',
          where: 'Dockerfile',
        })
      }
    },
  },
  {
    id: 'dependency-layer-cached',
    title: 'After a source-only change, the dependency install comes from the build cache',
    points: 3,
    timeoutMs: 180_000,
    needs: ['image-builds'],
    async run(ctx) {
      const report = await rebuildAfterSourceChange(ctx)
      if (!report.steps.some((s) => INSTALL.test(s.instruction))) {
        fail({
          expected: 'a RUN step that installs the dependencies (`RUN npm ci`)',
          found: 'none in the Dockerfile',
          where: 'Dockerfile',
        })
      }
      const first = rerunCulprits(report, (s) => INSTALL.test(s.instruction))[0]
      if (!first) return
      const { step: rerun, culprit } = first
      fail({
        expected: `\`${rerun.instruction}\` to come from the build cache when only ${TOUCHED} changes`,
        found: `it ran again, because \`${culprit.instruction}\` before it copies the changed source file`,
        where: 'Dockerfile',
        hint: 'Order the steps from least to most often changed: COPY package.json and package-lock.json, RUN npm ci, then COPY the sources.',
      })
    },
  },
])

export default defineSuite<ApiCheckContext>({
  checks,
  solution: { dir: 'solution' },
  alternatives: [
    {
      id: 'deps-build-runtime',
      title: 'Three stages (deps, compile, runtime), npx tsc, no npm at all in the runtime stage',
      dir: 'alternatives/deps-build-runtime',
    },
    {
      id: 'buildkit-cache-mount',
      title: 'RUN --mount=type=cache for npm (BuildKit syntax, rewritten for the classic builder)',
      dir: 'alternatives/buildkit-cache-mount',
    },
  ],
  fixtures: [
    {
      id: 'single-stage',
      title: 'One stage: the compiler, dev dependencies and sources ship in the image',
      fails: ['no-compiler-in-final-image', 'no-typescript-sources'],
      dir: 'fixtures/single-stage',
    },
    {
      id: 'sources-in-final-image',
      title: 'Multi-stage, but src/ is copied into the final stage too',
      fails: ['no-typescript-sources'],
      dir: 'fixtures/sources-in-final-image',
    },
    {
      id: 'copy-before-npm-ci',
      title: 'COPY . . before npm ci: every source change reinstalls the dependencies',
      fails: ['dependency-layer-cached'],
      dir: 'fixtures/copy-before-npm-ci',
    },
    {
      id: 'npm-install-without-lock',
      title: 'npm install and no package-lock.json: versions float',
      fails: ['dependencies-pinned'],
      dir: 'fixtures/npm-install-without-lock',
      async apply(dir) {
        await rm(join(dir, 'package-lock.json'), { force: true })
      },
    },
  ],
})
