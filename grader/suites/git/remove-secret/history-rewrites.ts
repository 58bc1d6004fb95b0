import { ScenarioBuilder } from '@backend-labs/git-kit'
import { FEATURE_BRANCH, LEAKED_KEY, SECRET_SUBJECT } from '../../../../labs/git/remove-secret/scenario.ts'

const B = FEATURE_BRANCH

const CONFIG_FIX = `s/apiKey: '[^']*'/apiKey: process.env.PAYMENTS_API_KEY/`
export const ENV_EXAMPLE = '# Copy to .env and fill in. Never commit .env.\nPAYMENTS_API_KEY=replace-me\n'

export interface RewriteOptions {
  apiKey?: string
  example?: boolean
}

/** Interactive rebase that stops at the leaking commit and fixes it there, as the README suggests. */
export async function rewriteWithRebase(dir: string, options: RewriteOptions = {}): Promise<ScenarioBuilder> {
  const s = ScenarioBuilder.open(dir)
  const leak = await s.git.text(['log', B, '--format=%H', '-F', `--grep=${SECRET_SUBJECT}`])
  await s.git.run(['rebase', '-q', '-i', `${leak}^`], {
    env: { ...s.identityEnv(), GIT_SEQUENCE_EDITOR: "sed -i -e '1s/^pick/edit/'" },
  })
  const configText = await s.git.text(['show', 'HEAD:src/config.js'])
  await s.run(['rm', '-q', '--cached', '.env'])
  await s.write({
    'src/config.js': `${configText.replace(`'${LEAKED_KEY}'`, options.apiKey ?? 'process.env.PAYMENTS_API_KEY')}\n`,
    '.gitignore': 'node_modules/\n.env\n',
    '.env': 'PAYMENTS_API_KEY=payx_live_rotated_0000000000000000\n',
    ...(options.example === false ? {} : { '.env.example': ENV_EXAMPLE }),
  })
  await s.run(['add', '.'])
  await s.run(['commit', '-q', '--amend', '--no-edit'])
  await s.run(['rebase', '--continue'])
  return s
}

/** `git filter-branch --tree-filter` over the branch's own commits, then a commit for the new setup. */
export async function rewriteWithFilterBranch(dir: string, keepBackup: boolean): Promise<void> {
  const s = ScenarioBuilder.open(dir)
  const filter = `rm -f .env; if [ -f src/config.js ]; then sed -i -e "${CONFIG_FIX}" src/config.js; fi`
  await s.git.run(['filter-branch', '-f', '--tree-filter', filter, '--', `main..${B}`], {
    env: { ...s.identityEnv(), FILTER_BRANCH_SQUELCH_WARNING: '1' },
  })
  if (!keepBackup) await s.run(['update-ref', '-d', `refs/original/refs/heads/${B}`])
  await s.commit('Load the payments key from the environment', {
    files: { '.gitignore': 'node_modules/\n.env\n', '.env.example': ENV_EXAMPLE },
  })
}
