import { BadInputError } from '@backend-labs/lab-kit'
import pc from 'picocolors'
import { serveDashboard } from '../../dashboard/dashboard-server.ts'
import { classSource, learnerSource } from '../../dashboard/dashboard-sources.ts'
import { openInBrowser } from '../../dashboard/open-browser.ts'
import { readPageBundle } from '../../dashboard/page-bundle.ts'
import type { AppContext } from '../app-context.ts'
import type { CommandSpec } from '../command-spec.ts'

/** The model source the options ask for: the class view with --results, the learner's own otherwise. */
export function sourceFor(app: AppContext, options: Record<string, unknown>) {
  if (options.compare && !options.results)
    throw new BadInputError('--compare needs --results DIR', 'e.g. `--results grades/ --compare published/`')
  return options.results
    ? classSource(String(options.results), options.compare ? String(options.compare) : undefined)
    : learnerSource(app)
}

export const dashboardCommand: CommandSpec = {
  name: 'dashboard',
  summary: 'Show your progress (or a class, with --results) in a local web page, updated live',
  options: [
    { flags: '--open', description: 'open the page in your browser' },
    { flags: '--port <port>', description: 'serve on this port of 127.0.0.1 (default: a free one)' },
    {
      flags: '--results <dir>',
      description: 'instructor view: a grade-batch --out folder (or its summary.json)',
    },
    {
      flags: '--compare <previous>',
      description: 'with --results: show regrade differences against this earlier batch',
    },
  ],
  async run(app, _args, options) {
    const port = options.port === undefined ? 0 : Number(options.port)
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new BadInputError(`--port takes a port number, not "${String(options.port)}"`)
    const source = sourceFor(app, options)
    // Read once first: bad input is reported before anything is served, and notices are said once.
    const [first, script] = await Promise.all([source.model(), readPageBundle()])
    for (const notice of first.notices) app.err(`${pc.yellow('notice:')} ${notice}\n`)
    const dashboard = await serveDashboard(source, script, port, first)
    app.out(`Dashboard: ${dashboard.url}  (Ctrl-C to stop)\n`)
    if (options.open) {
      const advice = openInBrowser(dashboard.url)
      if (advice) app.err(`${advice}\n`)
    }
    // Serves until the process is interrupted (the CLI's signal handlers end it).
    await new Promise<never>(() => undefined)
    return 0
  },
}
