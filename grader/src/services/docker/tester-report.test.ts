import { CannotDecide, EnvironmentError } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import { TIMED_OUT_EXIT_CODE } from './exec-command.ts'
import { testerReport } from './tester-containers.ts'

const report = { sent: 3, statuses: { 200: 3 }, latenciesMs: [1, 2, 3] }

describe('testerReport', () => {
  it('reads the report line among whatever else the client printed', () => {
    const result = {
      exitCode: 0,
      stdout: `warming up\nTESTER-REPORT ${JSON.stringify(report)}\n`,
      stderr: '',
    }
    expect(testerReport(result, 68_000)).toEqual(report)
  })

  it('a run abandoned at its deadline is undecided (a busy machine), not an error that stops the grade', () => {
    const result = { exitCode: TIMED_OUT_EXIT_CODE, timedOut: true as const, stdout: '', stderr: '' }
    expect(() => testerReport(result, 68_000)).toThrow(CannotDecide)
    expect(() => testerReport(result, 68_000)).toThrow(/still at work after 68 s/)
  })

  it('a tester that ended without a report is the grader environment at fault', () => {
    const result = {
      exitCode: 1,
      stdout: '',
      stderr: 'Error: Cannot find module /opt/tester/tester-client.mjs',
    }
    expect(() => testerReport(result, 68_000)).toThrow(EnvironmentError)
    // a tester that printed exit 124 itself, without being abandoned, is not taken for a busy machine
    expect(() => testerReport({ exitCode: TIMED_OUT_EXIT_CODE, stdout: '', stderr: '' }, 68_000)).toThrow(
      EnvironmentError,
    )
  })
})
