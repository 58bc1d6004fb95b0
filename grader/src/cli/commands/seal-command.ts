import { resolve } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import pc from 'picocolors'
import { sealedBundlePath } from '../../seal/open-sealed-suites.ts'
import { newSealKey, SEAL_KEY_ENV, sealKeyFromEnv } from '../../seal/seal-key.ts'
import { sealSuites } from '../../seal/seal-suites.ts'
import type { CommandSpec } from '../command-spec.ts'

export const sealCommand: CommandSpec = {
  name: 'seal',
  summary:
    'Encrypt the hidden suites (checks, solutions, fixtures) into one sealed bundle (key: LABS_SEAL_KEY)',
  options: [
    { flags: '--out <file>', description: 'where to write the bundle (default grader/suites.sealed)' },
    { flags: '--new-key', description: 'print a fresh key for LABS_SEAL_KEY and stop' },
  ],
  async run(app, _args, options) {
    if (options.newKey) {
      app.out(`${newSealKey()}\n`)
      return 0
    }
    const key = sealKeyFromEnv()
    if (!key)
      throw new BadInputError(
        `${SEAL_KEY_ENV} is not set`,
        'make a key with `labs seal --new-key`, keep it as a CI secret, and export it before sealing',
      )
    const out = options.out ? resolve(String(options.out)) : sealedBundlePath(app.paths)
    const { files, labs } = await sealSuites(app.catalog, app.paths, key, out)
    app.out(
      `${pc.green('✓')} Sealed ${files} files of ${labs} labs' hidden suites into ${app.paths.relative(out)}\n`,
    )
    return 0
  },
}
