import type { ScenarioBuilder } from '@backend-labs/git-kit'

/**
 * Really bisects the lab's own scenario with its test script, as a learner would, and returns the
 * first bad commit. A recipe helper only: `labs verify` runs it on the scenario the lab built,
 * never on a submission (see grader/test/no-host-spawn-of-learner-content.test.ts).
 */
export async function realBisect(s: ScenarioBuilder): Promise<string> {
  const root = await s.git.text(['rev-list', '--max-parents=0', 'main'])
  await s.git.run(['bisect', 'start', 'main', root])
  // About five runs of the script: more than git's default 30 s on a loaded machine.
  const out = await s.git.text(['bisect', 'run', 'sh', 'test.sh'], { timeoutMs: 300_000 })
  const sha = out.match(/^([0-9a-f]{40}) is the first bad commit$/m)?.[1]
  await s.git.run(['bisect', 'reset'])
  if (!sha) throw new Error(`git bisect run found no first bad commit:\n${out}`)
  return sha
}
