import { describe, expect, test } from 'vitest'
import { allCached, parseBuildSteps, printedSteps, stageHeads } from './build-steps.ts'

const DOCKERFILE = `FROM node:22-bookworm-slim
# dependencies first
WORKDIR /app
COPY package.json ./
RUN npm ci \\
    --omit=dev
COPY . .
CMD ["node", "server.js"]
`

// classic builder output of a rebuild, with the grader's proxy CA steps and labels around the learner's
const OUTPUT = `Step 1/10 : FROM node:22-bookworm-slim
 ---> 43a0458d730f
Step 2/10 : COPY .backend-labs-proxy-ca.crt /usr/local/share/backend-labs/proxy-ca.crt
 ---> Using cache
 ---> d5c4e14cacf2
Step 3/10 : ARG NODE_EXTRA_CA_CERTS
 ---> Using cache
 ---> e5a4d96a674e
Step 4/10 : WORKDIR /app
 ---> Using cache
 ---> 1275819e0d98
Step 5/10 : COPY package.json ./
 ---> Using cache
 ---> 52c76b9d61f8
Step 6/10 : RUN npm ci     --omit=dev
 ---> Using cache
 ---> 95008d7f30f3
Step 7/10 : COPY . .
 ---> 52c44b159bfb
Step 8/10 : CMD ["node", "server.js"]
 ---> Running in 768e31c35d5e
Removing intermediate container 768e31c35d5e
 ---> 2a19b9b6d9c4
Step 9/10 : LABEL org.backend-labs.lab=docker/exp
 ---> Running in d8663f59d1de
 ---> 63922e405f53
Step 10/10 : LABEL org.backend-labs.learner-image=true
 ---> Running in f85bcf58ae45
 ---> 74d0459f6b4d
Successfully built 74d0459f6b4d
`

describe('parseBuildSteps', () => {
  test("reports the learner's own steps, without FROM and the grader's additions", () => {
    expect(parseBuildSteps(OUTPUT, DOCKERFILE)).toEqual({
      totalSteps: 5,
      cachedSteps: 3,
      steps: [
        { instruction: 'WORKDIR /app', cached: true, stage: 0 },
        { instruction: 'COPY package.json ./', cached: true, stage: 0 },
        { instruction: 'RUN npm ci --omit=dev', cached: true, stage: 0 },
        { instruction: 'COPY . .', cached: false, stage: 0 },
        { instruction: 'CMD ["node", "server.js"]', cached: false, stage: 0 },
      ],
      stageBases: [null],
    })
  })

  test('printedSteps keeps every step the builder printed', () => {
    expect(printedSteps(OUTPUT).map((s) => s.cached)).toEqual([
      false,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ])
  })

  test('finds a `RUN --mount=type=cache` step under the form the classic builder ran, by its own text', () => {
    const dockerfile =
      'FROM node:22-bookworm-slim\nRUN --mount=type=cache,target=/root/.npm npm ci\nCOPY . .\n'
    const ran = "RUN mkdir -p '/root/.npm' && { npm ci ; }; status=$?; rm -rf '/root/.npm'; exit $status"
    const output = `Step 1/3 : FROM node:22-bookworm-slim\n ---> 1\nStep 2/3 : ${ran}\n ---> Using cache\n ---> 2\nStep 3/3 : COPY . .\n ---> 3\n`
    expect(parseBuildSteps(output, dockerfile).steps).toEqual([
      { instruction: 'RUN --mount=type=cache,target=/root/.npm npm ci', cached: true, stage: 0 },
      { instruction: 'COPY . .', cached: false, stage: 0 },
    ])
  })

  test('numbers the stages, and names the earlier stage each one is built FROM', () => {
    const dockerfile = [
      'FROM node:22-bookworm-slim AS deps',
      'RUN npm ci',
      'FROM deps AS compile',
      'COPY src src',
      'FROM --platform=linux/amd64 node:22-bookworm-slim',
      'COPY --from=compile /dist dist',
      'FROM 1',
      'CMD ["x"]',
    ].join('\n')
    const report = allCached(dockerfile)
    expect(report.steps.map((s) => s.stage)).toEqual([0, 1, 2, 3])
    expect(report.stageBases).toEqual([null, 0, null, 1])
  })

  test('a context the touch did not change is all cache', () => {
    expect(allCached(DOCKERFILE)).toMatchObject({ totalSteps: 5, cachedSteps: 5 })
  })
})

describe('stageHeads', () => {
  test("each earlier stage's last image, made by this build or served by the cache", () => {
    const output = `Step 1/9 : FROM node:22-bookworm-slim AS deps
 ---> 43a0458d730f
Step 2/9 : COPY package.json ./
 ---> Using cache
 ---> 111111111111
Step 3/9 : FROM node:22-bookworm-slim AS build
 ---> 43a0458d730f
Step 4/9 : COPY . .
 ---> 222222222222
Step 5/9 : RUN npm run build
 ---> Running in 0123456789ab
Removing intermediate container 0123456789ab
 ---> 333333333333
Step 6/9 : FROM node:22-bookworm-slim AS empty
 ---> 43a0458d730f
Step 7/9 : FROM node:22-bookworm-slim
 ---> 43a0458d730f
Step 8/9 : COPY --from=build /app/dist ./dist
 ---> 444444444444
Step 9/9 : CMD ["node", "dist/server.js"]
 ---> 555555555555
Successfully built 555555555555
`
    // every earlier stage's last image, cached or not: the cache sources of a rebuild
    expect(stageHeads(output)).toEqual(['111111111111', '333333333333'])
  })
})
