import { describe, expect, it } from 'vitest'
import { parseDockerfile } from './dockerfile-text.ts'
import { fromImages, parseImageReference } from './image-reference.ts'

describe('parseImageReference', () => {
  it.each([
    ['node:22-bookworm-slim', 'node:22-bookworm-slim', undefined],
    ['docker.io/library/node:22-bookworm-slim', 'node:22-bookworm-slim', undefined],
    ['index.docker.io/library/node:22-bookworm-slim', 'node:22-bookworm-slim', undefined],
    ['docker.io/backend-labs/git-server:1', 'backend-labs/git-server:1', undefined],
    ['node', 'node:latest', undefined],
    ['node:22-bookworm-slim@sha256:abc', 'node:22-bookworm-slim', 'sha256:abc'],
    ['localhost:5000/team/node', 'localhost:5000/team/node:latest', undefined],
  ])('%s → %s', (ref, canonical, digest) => {
    const parsed = parseImageReference(ref)
    expect(parsed.canonical).toBe(canonical)
    expect(parsed.digest).toBe(digest)
  })
})

describe('fromImages', () => {
  it('resolves global ARG defaults and build args, and skips stages and scratch', () => {
    const dockerfile = parseDockerfile(
      // biome-ignore format: one Dockerfile line per row
      [
        'ARG NODE_IMAGE=node:22-bookworm-slim',
        'ARG TAG="22-bookworm-slim"',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile syntax, not a template
        'FROM ${NODE_IMAGE} AS build',
        'FROM build AS test',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile syntax, not a template
        'FROM docker.io/library/node:${TAG}',
        'FROM scratch',
        'FROM $UNKNOWN',
      ].join('\n'),
    )
    expect(fromImages(dockerfile).map((f) => [f.image, f.reference.canonical, f.line])).toEqual([
      ['node:22-bookworm-slim', 'node:22-bookworm-slim', 3],
      ['docker.io/library/node:22-bookworm-slim', 'node:22-bookworm-slim', 5],
    ])
    expect(fromImages(dockerfile, { NODE_IMAGE: 'node:20' })[0]?.reference.canonical).toBe('node:20')
  })
})
