import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { BadInputError } from '@backend-labs/lab-kit'
import pc from 'picocolors'
import { readPageBundle } from '../../dashboard/page-bundle.ts'
import { pageHtml } from '../../dashboard/page-html.ts'
import type { CommandSpec } from '../command-spec.ts'
import { sourceFor } from './dashboard-command.ts'

export const reportCommand: CommandSpec = {
  name: 'report',
  summary: "Write the dashboard's views as one self-contained HTML file (works offline)",
  options: [
    { flags: '--html <file>', description: 'the HTML file to write' },
    {
      flags: '--results <dir>',
      description: 'the class view of a grade-batch --out folder (or its summary.json)',
    },
    {
      flags: '--compare <previous>',
      description: 'with --results: include regrade differences against this earlier batch',
    },
  ],
  async run(app, _args, options) {
    if (!options.html)
      throw new BadInputError(
        'name the file to write with --html FILE',
        'e.g. `pnpm labs report --html progress.html`',
      )
    const model = await sourceFor(app, options).model()
    for (const notice of model.notices) app.err(`${pc.yellow('notice:')} ${notice}\n`)
    const file = resolve(String(options.html))
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, pageHtml(model, { live: false, script: { inline: await readPageBundle() } }))
    app.out(`Wrote ${app.paths.relative(file)}\n`)
    return 0
  },
}
