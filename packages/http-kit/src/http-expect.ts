import { CheckFailure } from '@backend-labs/lab-kit'
import type { HttpExchange } from './http-exchange.ts'

function snippet(x: HttpExchange): string {
  const t = x.text.trim().replace(/\s+/g, ' ')
  return t ? ` with body ${t.length > 120 ? `${t.slice(0, 120)}…` : t}` : ' with an empty body'
}

/** Fails unless the status is one of `expected`. */
export function expectStatus(x: HttpExchange, expected: number | number[], hint?: string): void {
  const list = Array.isArray(expected) ? expected : [expected]
  if (list.includes(x.status)) return
  throw new CheckFailure({
    expected: `status ${list.join(' or ')} for ${x.label}`,
    found: `${x.status}${snippet(x)}`,
    ...(hint ? { hint } : {}),
  })
}

/** Fails unless the Content-Type's media type is `mediaType` (parameters such as charset are fine). */
export function expectContentType(x: HttpExchange, mediaType: string): void {
  const found = x.headers.get('content-type')
  if (found?.split(';')[0]?.trim().toLowerCase() === mediaType) return
  throw new CheckFailure({
    expected: `Content-Type ${mediaType} for ${x.label}`,
    found: found ? `Content-Type ${found}` : 'no Content-Type header',
    hint: `set the header, e.g. res.setHeader('content-type', '${mediaType}; charset=utf-8')`,
  })
}

export type JsonType = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null'

function typeOf(v: unknown): JsonType | 'undefined' {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  return typeof v as JsonType | 'undefined'
}

/** The JSON body as an object, or a failure saying what came instead. */
export function expectJsonObject(x: HttpExchange): Record<string, unknown> {
  if (typeOf(x.json) === 'object') return x.json as Record<string, unknown>
  throw new CheckFailure({
    expected: `a JSON object from ${x.label}`,
    found: x.json === undefined ? `no JSON${snippet(x)}` : typeOf(x.json),
  })
}

/** Fails unless `value` has each field with the given JSON type; extra fields are fine. */
export function expectShape(value: unknown, shape: Record<string, JsonType>, what: string): void {
  if (typeOf(value) !== 'object')
    throw new CheckFailure({ expected: `${what} to be a JSON object`, found: typeOf(value) })
  const obj = value as Record<string, unknown>
  const wrong = Object.entries(shape)
    .filter(([k, t]) => typeOf(obj[k]) !== t)
    .map(([k, t]) => `"${k}" should be ${t} but is ${typeOf(obj[k])}`)
  if (wrong.length)
    throw new CheckFailure({
      expected: `${what} to have the fields ${Object.keys(shape).join(', ')}`,
      found: wrong.join('; '),
    })
}
