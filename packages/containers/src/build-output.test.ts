import { describe, expect, it } from 'vitest'
import { BuildOutput } from './build-output.ts'

const stream = (text: string) => `${JSON.stringify({ stream: text })}\n`

describe('BuildOutput', () => {
  it("lists every image the build's steps made, hidden grader steps too, and never a cached one or a FROM", () => {
    const injected = ['COPY .ca.crt /ca.crt', 'LABEL org.backend-labs.run=run-1']
    const output = new BuildOutput(1024 * 1024, { count: 2, isInjected: (s) => injected.includes(s) })
    for (const chunk of [
      'Step 1/5 : FROM node:22\n',
      ' ---> 43a0458d730f\n',
      'Step 2/5 : COPY .ca.crt /ca.crt\n',
      ' ---> Using cache\n',
      ' ---> 111111111111\n',
      'Step 3/5 : COPY . .\n',
      ' ---> 222222222222\n',
      'Step 4/5 : RUN npm run build\n',
      ' ---> Running in 0123456789ab\n',
      'Removing intermediate container 0123456789ab\n',
      ' ---> 333333333333\n',
      'Step 5/5 : LABEL org.backend-labs.run=run-1\n',
      ' ---> Running in 456789abcdef\n',
      ' ---> 444444444444\n',
    ])
      output.push(stream(chunk))
    output.end()
    expect(output.madeImages).toEqual([
      { instruction: 'COPY . .', id: '222222222222' },
      { instruction: 'RUN npm run build', id: '333333333333' },
      { instruction: 'LABEL org.backend-labs.run=run-1', id: '444444444444' },
    ])
    // the learner's output still shows only the learner's steps, numbered as theirs
    expect(output.output).toContain('Step 2/3 : COPY . .')
    expect(output.output).not.toContain('org.backend-labs')
  })
})
