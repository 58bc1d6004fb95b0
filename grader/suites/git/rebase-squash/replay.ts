import { ScenarioBuilder } from '@backend-labs/git-kit'

/**
 * Rebuilds feature on top of main from a plan over its original commits, numbered oldest first
 * (0 tax, 1 footer, 2 tax fixup, 3 footer fixup, 4 tax fixup): `pick N` copies a commit,
 * `fixup N` folds it into the commit before. It mimics an edited `git rebase -i` todo list,
 * so fixtures can reorder, drop or misplace fixups deterministically.
 */
export async function replay(dir: string, plan: string[], squashSubject?: string): Promise<void> {
  const s = ScenarioBuilder.open(dir)
  await s.checkout('feature')
  const original = (await s.git.text(['rev-list', '--reverse', 'main..feature'])).split('\n')
  await s.run(['reset', '-q', '--hard', 'main'])
  for (const step of plan) {
    const [verb, index] = step.split(' ') as ['pick' | 'fixup', string]
    const sha = original[Number(index)]
    if (!sha) throw new Error(`replay: no original commit ${index}`)
    if (verb === 'pick') {
      await s.run(['cherry-pick', '--allow-empty', sha])
    } else {
      await s.run(['cherry-pick', '--no-commit', sha])
      await s.run(['commit', '-q', '--amend', '--no-edit', '--no-verify'])
    }
  }
  if (squashSubject) await s.run(['commit', '-q', '--amend', '--no-verify', '-m', squashSubject])
}
