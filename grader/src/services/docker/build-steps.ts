import { parseDockerfile, rewriteBuildKitSyntax } from '@backend-labs/containers'
import type { RebuildReport } from '@backend-labs/http-kit'

/**
 * Reads the classic builder's output (`Step 3/9 : RUN npm ci` then ` ---> Using cache` or
 * ` ---> Running in …`) into one entry per instruction of the learner's Dockerfile. FROM lines are
 * left out (a base image is never "built"), and so are the steps the grader adds (proxy CA, labels):
 * output steps are matched to the Dockerfile's instructions in order.
 */
export function parseBuildSteps(output: string, dockerfile: string): RebuildReport {
  const printed = printedSteps(output)
  const own = parseDockerfile(dockerfile)
  // The builder prints the instructions as built: BuildKit-only forms (`RUN --mount=type=cache`)
  // rewritten, one instruction for one, so the learner's own text is found by position.
  const built = parseDockerfile(asBuilt(dockerfile))
  const steps: RebuildReport['steps'] = []
  let next = 0
  let stage = -1
  for (const step of printed) {
    const instruction = built[next]
    if (!instruction) break
    if (key(step.instruction) !== key(instruction.text)) continue
    const original = own[next] ?? instruction
    next++
    if (original.keyword === 'FROM') stage++
    else steps.push({ instruction: original.text, cached: step.cached, stage: Math.max(stage, 0) })
  }
  const cachedSteps = steps.filter((s) => s.cached).length
  return { totalSteps: steps.length, cachedSteps, steps, stageBases: stageBases(own) }
}

/** For each FROM, the index of the earlier stage it names (by `AS` name or number), else null. */
export function stageBases(instructions: readonly { keyword: string; text: string }[]): (number | null)[] {
  const names = new Map<string, number>()
  const bases: (number | null)[] = []
  for (const from of instructions.filter((i) => i.keyword === 'FROM')) {
    const words = from.text
      .split(/\s+/)
      .slice(1)
      .filter((w) => !w.startsWith('--'))
    const image = (words[0] ?? '').toLowerCase()
    const index = bases.length
    bases.push(names.get(image) ?? (/^\d+$/.test(image) && Number(image) < index ? Number(image) : null))
    if (words[1]?.toUpperCase() === 'AS' && words[2]) names.set(words[2].toLowerCase(), index)
  }
  return bases
}

/** Every `Step N/M : …` block of the output, in order, with whether it came from the cache. */
export function printedSteps(output: string): { instruction: string; cached: boolean }[] {
  const out: { instruction: string; cached: boolean }[] = []
  for (const line of output.split(/\r?\n/)) {
    const step = /^Step \d+\/\d+ : (.*)$/.exec(line)
    if (step?.[1] !== undefined) out.push({ instruction: step[1].trim(), cached: false })
    else if (/^\s*---> Using cache\s*$/.test(line)) {
      const last = out[out.length - 1]
      if (last) last.cached = true
    }
  }
  return out
}

function asBuilt(dockerfile: string): string {
  try {
    return rewriteBuildKitSyntax(dockerfile, 'Dockerfile')
  } catch {
    return dockerfile
  }
}

function key(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase()
}

/** The report of a build the cache served entirely. */
export function allCached(dockerfile: string): RebuildReport {
  const instructions = parseDockerfile(dockerfile)
  const steps: RebuildReport['steps'] = []
  let stage = -1
  for (const i of instructions)
    if (i.keyword === 'FROM') stage++
    else steps.push({ instruction: i.text, cached: true, stage: Math.max(stage, 0) })
  return { totalSteps: steps.length, cachedSteps: steps.length, steps, stageBases: stageBases(instructions) }
}

/** The last image of every stage but the final one, whether this build made it or the cache served it. */
export function stageHeads(output: string): string[] {
  const heads: string[] = []
  let last: { id?: string; from: boolean } | undefined
  for (const line of output.split(/\r?\n/)) {
    const step = /^Step \d+\/\d+ : (\S+)/.exec(line)
    if (step) {
      const from = step[1]?.toUpperCase() === 'FROM'
      if (from && last && !last.from && last.id) heads.push(last.id)
      last = { from }
      continue
    }
    const id = /^\s*---> ([0-9a-f]{12,64})\s*$/.exec(line)
    if (last && id?.[1]) last.id = id[1]
  }
  return heads
}
