import { CheckFailure } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import { rewriteBuildKitSyntax } from './buildkit-syntax.ts'

describe('rewriteBuildKitSyntax', () => {
  it('turns a cache mount into a fresh, removed folder and keeps every line number', () => {
    const source =
      'FROM node:22-bookworm-slim\nRUN --mount=type=cache,target=/root/.npm \\\n    npm ci --omit=dev\nCMD ["node", "x.js"]\n'
    const out = rewriteBuildKitSyntax(source, 'Dockerfile').split('\n')
    expect(out[1]).toBe(
      "RUN mkdir -p '/root/.npm' && { npm ci --omit=dev ; }; status=$?; rm -rf '/root/.npm'; exit $status",
    )
    expect(out[2]).toBe('')
    expect(out[3]).toBe('CMD ["node", "x.js"]')
  })

  it('turns an exec-form RUN with a cache mount into a quoted shell command', () => {
    const out = rewriteBuildKitSyntax(
      'FROM x\nRUN --mount=type=cache,target=/c ["npm", "ci"]\n',
      'Dockerfile',
    )
    expect(out.split('\n')[1]).toBe(
      "RUN mkdir -p '/c' && { 'npm' 'ci' ; }; status=$?; rm -rf '/c'; exit $status",
    )
  })

  it('leaves a Dockerfile without BuildKit syntax as it is', () => {
    const source = 'FROM x\nRUN npm ci --omit=dev\n'
    expect(rewriteBuildKitSyntax(source, 'Dockerfile')).toBe(source)
  })

  it.each([
    ['RUN --mount=type=bind,source=.,target=/src make', '`RUN --mount=type=bind`'],
    ['RUN --network=host npm ci', '`RUN --network`'],
    ['COPY --link . .', '`COPY --link`'],
    ['RUN <<EOF\necho hi\nEOF', 'a heredoc (`<<EOF`)'],
  ])('refuses %s at its line, naming BuildKit', (line, what) => {
    const error = (() => {
      try {
        rewriteBuildKitSyntax(`FROM x\n${line}\n`, 'Dockerfile')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(CheckFailure)
    expect((error as CheckFailure).details.where).toBe('Dockerfile:2')
    expect((error as CheckFailure).details.found).toMatch(
      new RegExp(`^${what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, which needs BuildKit`),
    )
  })
})
