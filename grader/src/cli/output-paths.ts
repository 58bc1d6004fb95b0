import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'

/**
 * Checks, before any grading, that each report file named on the command line can be written:
 * its folder exists and is writable, and the path is not a folder. A bad path found only after a
 * ten-minute Docker grade would waste the grade.
 */
export async function checkOutputPaths(files: Record<string, unknown>): Promise<void> {
  for (const [flag, value] of Object.entries(files)) {
    if (value === undefined || value === false) continue
    const file = resolve(String(value))
    const info = await stat(file).catch(() => undefined)
    if (info?.isDirectory())
      throw new BadInputError(
        `--${flag} ${value} is a folder`,
        `name a file, e.g. --${flag} ${value}/results`,
      )
    const target = info ? file : dirname(file)
    const folder = await stat(target).catch(() => undefined)
    if (!info && !folder?.isDirectory())
      throw new BadInputError(
        `--${flag} ${value}: the folder ${dirname(String(value))} does not exist`,
        'create the folder first, or name a file in an existing one',
      )
    const writable = await access(target, constants.W_OK).then(
      () => true,
      () => false,
    )
    if (!writable)
      throw new BadInputError(
        `--${flag} ${value} cannot be written here`,
        'name a file in a folder you can write to',
      )
  }
}
