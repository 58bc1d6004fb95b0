import pc from 'picocolors'
import type { CommandSpec } from '../command-spec.ts'
import { type DoctorFact, doctorFacts } from '../doctor-facts.ts'

export const doctorCommand: CommandSpec = {
  name: 'doctor',
  summary: 'Check the environment: Node, pnpm, git, Docker and images',
  options: [{ flags: '--json', description: 'print the facts as JSON' }],
  async run(app, _args, options) {
    const facts: DoctorFact[] = await doctorFacts()
    if (options.json) app.out(`${JSON.stringify(facts, null, 2)}\n`)
    else {
      for (const f of facts) {
        const mark =
          f.status === 'ok' ? pc.green('ok  ') : f.status === 'warn' ? pc.yellow('warn') : pc.red('FAIL')
        app.out(`${mark} ${f.name.padEnd(10)} ${f.detail}\n`)
        if (f.fix) app.out(`     ${pc.cyan('→')} ${f.fix}\n`)
      }
    }
    return facts.some((f) => f.status === 'fail' && f.required) ? 3 : 0
  },
}
