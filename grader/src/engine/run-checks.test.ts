import {
  CannotDecide,
  type Check,
  CheckFailure,
  defineChecks,
  describeSkip,
  EnvironmentError,
  expectAll,
  fail,
} from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import { runChecks } from './run-checks.ts'

const context = (_check: Check, signal: AbortSignal) => ({
  labId: 't/x',
  submissionDir: '/nowhere',
  signal,
  log() {},
})

describe('runChecks', () => {
  it('keeps running after a failure, gives partial credit and the learner-facing message', async () => {
    const checks = defineChecks('public', [
      { id: 'a', title: 'A', points: 2, async run() {} },
      {
        id: 'b',
        title: 'B',
        points: 3,
        hints: ['general hint'],
        async run() {
          throw new CheckFailure({
            expected: 'a tag v1',
            found: 'no tags',
            where: 'branch main',
            hint: 'run git tag',
          })
        },
      },
      { id: 'c', title: 'C', points: 1, async run() {} },
    ])
    const { results } = await runChecks(checks, { context })
    expect(results.map((r) => [r.id, r.status, r.points])).toEqual([
      ['a', 'passed', 2],
      ['b', 'failed', 0],
      ['c', 'passed', 1],
    ])
    expect(results[1]?.message).toBe('branch main: expected a tag v1, but found no tags')
    expect(results[1]?.hints).toEqual(['run git tag'])
  })

  it('an undecided check scores nothing, is no failure, and the grade goes on', async () => {
    const checks = defineChecks('hidden', [
      {
        id: 'ratio',
        title: 'Ratio',
        points: 2,
        hints: ['general hint'],
        async run() {
          throw new CannotDecide('the rounds disagree too much', 'grade again on a quieter machine')
        },
      },
      { id: 'after', title: 'After', points: 1, async run() {} },
      { id: 'needs-ratio', title: 'Needs ratio', points: 1, needs: ['ratio'], async run() {} },
    ])
    const { results, fatal } = await runChecks(checks, { context })
    expect(fatal).toBeUndefined()
    expect(results.map((r) => [r.id, r.status, r.points])).toEqual([
      ['ratio', 'undecided', 0],
      ['after', 'passed', 1],
      ['needs-ratio', 'skipped', 0],
    ])
    expect(results[0]).toMatchObject({
      message: 'the rounds disagree too much',
      hints: ['grade again on a quieter machine'],
    })
    expect(results[2]?.skip).toEqual({ kind: 'dependency', needs: ['ratio'] })
  })

  it('skips a check whose dependency did not pass, naming it', async () => {
    const checks = defineChecks('public', [
      { id: 'base', title: 'base', points: 1, run: async () => Promise.reject(new CheckFailure('x')) },
      { id: 'dependent', title: 'dep', points: 1, needs: ['base'], async run() {} },
    ])
    const { results } = await runChecks(checks, { context })
    expect(results[1]).toMatchObject({
      status: 'skipped',
      skip: { kind: 'dependency', needs: ['base'] },
      points: 0,
    })
    expect(results[1]?.message).toBeUndefined()
    expect(describeSkip(results[1]!.skip!)).toBe('skipped: needs base')
  })

  it('fails a check that overruns its timeout, and aborts its signal', async () => {
    let aborted = false
    const checks = defineChecks('public', [
      {
        id: 'slow',
        title: 'slow',
        points: 1,
        timeoutMs: 50,
        run: (ctx) =>
          new Promise<void>((resolve) => {
            ctx.signal.addEventListener('abort', () => {
              aborted = true
              setTimeout(resolve, 10)
            })
          }),
      },
    ])
    const { results } = await runChecks(checks, { context, timeScale: 1 })
    expect(results[0]).toMatchObject({ status: 'failed', message: 'timed out after 0.05 s' })
    expect(aborted).toBe(true)
  })

  it("stretches each check's time limit by the time scale (a busy machine)", async () => {
    const checks = defineChecks('public', [
      {
        id: 'slowish',
        title: 'slowish',
        points: 1,
        timeoutMs: 50,
        run: () => new Promise((r) => setTimeout(r, 120)),
      },
    ])
    expect((await runChecks(checks, { context, timeScale: 1 })).results[0]?.status).toBe('failed')
    expect((await runChecks(checks, { context, timeScale: 4 })).results[0]?.status).toBe('passed')
  })

  it("never reveals a hidden check's internal error to the learner", async () => {
    const boom = async () => {
      throw new Error('SELECT secret FROM hidden_probe')
    }
    const hidden = defineChecks('hidden', [{ id: 'h', title: 'h', points: 1, run: boom }])
    const shown = defineChecks('public', [{ id: 'p', title: 'p', points: 1, run: boom }])
    const h = (await runChecks(hidden, { context })).results[0]!
    expect(h.status).toBe('error')
    expect(h.message).not.toMatch(/secret/)
    expect(h.message).toMatch(/not your fault/)
    expect((await runChecks(shown, { context })).results[0]?.message).toMatch(/SELECT secret/)
    expect((await runChecks(hidden, { context, revealInternals: true })).results[0]?.message).toMatch(
      /secret/,
    )
  })

  it('stops at an environment error and reports the rest as not run', async () => {
    const checks = defineChecks('public', [
      {
        id: 'a',
        title: 'a',
        points: 1,
        run: async () => Promise.reject(new EnvironmentError('Docker is not running')),
      },
      { id: 'b', title: 'b', points: 1, async run() {} },
    ])
    const outcome = await runChecks(checks, { context })
    expect(outcome.fatal).toBeInstanceOf(EnvironmentError)
    expect(outcome.results[1]).toMatchObject({
      status: 'skipped',
      skip: { kind: 'fatal', detail: 'Docker is not running' },
    })
    expect(describeSkip(outcome.results[1]!.skip!)).toBe('not run: Docker is not running')
  })

  it("reports every problem a check finds, with each problem's hint", async () => {
    const checks = defineChecks('public', [
      {
        id: 'rules',
        title: 'rules',
        points: 1,
        hints: ['general'],
        async run() {
          expectAll([
            () => fail({ expected: 'a DEFAULT', found: 'none', where: 'a.sql:3', hint: 'add DEFAULT' }),
            () => fail({ expected: 'a CHECK', found: 'none', where: 'a.sql:3', hint: 'add CHECK' }),
          ])
        },
      },
    ])
    const { results } = await runChecks(checks, { context })
    expect(results[0]).toMatchObject({
      status: 'failed',
      message:
        '2 problems:\n1. a.sql:3: expected a DEFAULT, but found none\n2. a.sql:3: expected a CHECK, but found none',
      where: 'a.sql:3',
      hints: ['add DEFAULT', 'add CHECK'],
    })
  })

  it('skips checks for another engine with the reason', async () => {
    const checks = defineChecks('hidden', [
      { id: 'probe', title: 'probe', points: 2, engines: ['live'], async run() {} },
    ])
    const { results } = await runChecks(checks, { context, engine: 'static' })
    expect(results[0]).toMatchObject({ status: 'skipped', points: 0 })
    expect(results[0]?.skip).toEqual({ kind: 'engine', engines: ['live'], engine: 'static' })
    expect(describeSkip(results[0]!.skip!)).toBe(
      'skipped: runs only under the live engine (graded with static)',
    )
  })

  it('stops at the whole-run time limit: a running check is cut short, later ones are not run', async () => {
    const checks = defineChecks('public', [
      {
        id: 'slow',
        title: 'slow',
        points: 1,
        timeoutMs: 5000,
        run: () => new Promise((r) => setTimeout(r, 1000)),
      },
      { id: 'later', title: 'later', points: 1, async run() {} },
    ])
    const { results } = await runChecks(checks, { context, deadline: performance.now() + 100 })
    expect(results[0]).toMatchObject({
      status: 'failed',
      message: 'stopped: the time limit for grading this lab was reached',
    })
    expect(results[1]).toMatchObject({ status: 'skipped', skip: { kind: 'time-limit' } })
  })
})
