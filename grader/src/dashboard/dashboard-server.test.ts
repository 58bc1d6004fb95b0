import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { LearnerModel } from './dashboard-model.ts'
import { type RunningDashboard, serveDashboard } from './dashboard-server.ts'

let dir: string
let dashboard: RunningDashboard | undefined
let version = 0
const model = async (): Promise<LearnerModel> => ({
  kind: 'learner',
  generatedAt: `2026-01-01T00:00:0${version}.000Z`,
  labs: [],
  failedMost: [],
  notices: [],
})

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'labs-dash-'))
})
afterEach(async () => {
  await dashboard?.close()
  await rm(dir, { recursive: true, force: true })
})

function get(url: string, host?: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: host ? { host } : {} }, (res) => {
      let body = ''
      res.on('data', (c) => {
        body += c
      })
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, type: String(res.headers['content-type']) }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

it('serves the page with its model, the script, and refuses another host name', async () => {
  dashboard = await serveDashboard({ model }, 'console.log(1)')
  expect(dashboard.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
  const page = await get(dashboard.url)
  expect(page.status).toBe(200)
  expect(page.body).toContain('<script defer src="/page.js"></script>')
  expect(page.body).toContain('"kind":"learner"')
  expect((await get(`${dashboard.url}page.js`)).body).toBe('console.log(1)')
  expect((await get(`${dashboard.url}nope`)).status).toBe(404)
  expect((await get(dashboard.url, 'evil.example:80')).status).toBe(421)
})

it('sends a new model over server-sent events when a watched file changes', async () => {
  dashboard = await serveDashboard({ model, watch: { dir, files: ['history.jsonl'] } }, '')
  const received = new Promise<string>((resolve, reject) => {
    const req = request(`${dashboard!.url}events`, (res) => {
      let text = ''
      res.on('data', (c) => {
        text += c
        if (text.includes('event: model')) {
          resolve(text)
          req.destroy()
        }
      })
    })
    req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)))
    req.end()
  })
  await new Promise((r) => setTimeout(r, 100))
  version = 5
  await writeFile(join(dir, 'unrelated.txt'), 'x')
  await writeFile(join(dir, 'history.jsonl'), '{}\n')
  const text = await received
  expect(text).toMatch(/event: model\ndata: \{"kind":"learner","generatedAt":"2026-01-01T00:00:05.000Z"/)
})
