import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findColumn, findTable, type SchemaModel, sameName } from '../schema-model.ts'
import { effectivePermission } from './effective-permission.ts'
import { procedureFlowOf } from './procedure-flow.ts'
import { analyzeScripts } from './static-engine.ts'
import type { StaticResult } from './static-result.ts'

const KINDS = ['ok', 'syntax', 'unsupported', 'semantic'] as const
type Kind = (typeof KINDS)[number]

interface CorpusCase {
  file: string
  kind: Kind
  title: string
  facts: string[]
  text: string
}

const dir = new URL('./corpus/', import.meta.url)
const HEADER = /^--- (\w+) ([^|]*?)\s*(?:\|\s*(.*))?$/

/** Reads every case of every corpus file (see corpus/README.md). */
function readCorpus(): { prelude: Map<string, string>; cases: CorpusCase[] } {
  const prelude = new Map<string, string>()
  const cases: CorpusCase[] = []
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    let current: CorpusCase | undefined
    const preludeLines: string[] = []
    for (const line of readFileSync(new URL(file, dir), 'utf8').split('\n')) {
      const header = HEADER.exec(line)
      if (header) {
        const kind = header[1] as Kind
        if (!KINDS.includes(kind)) throw new Error(`${file}: unknown kind in "${line}"`)
        const facts = (header[3] ?? '')
          .split(';')
          .map((f) => f.trim())
          .filter(Boolean)
        current = { file, kind, title: header[2]!, facts, text: '' }
        cases.push(current)
      } else if (current) current.text += `${line}\n`
      else preludeLines.push(line)
    }
    prelude.set(file, preludeLines.join('\n'))
  }
  return { prelude, cases }
}

const { prelude, cases } = readCorpus()

function run(c: CorpusCase): StaticResult {
  const scripts = [
    { file: 'prelude.sql', text: prelude.get(c.file) ?? '' },
    { file: 'case.sql', text: c.text },
  ]
  return analyzeScripts(prelude.get(c.file)?.trim() ? scripts : scripts.slice(1))
}

function procedure(model: SchemaModel, name: string) {
  const [schema, object] = name.split('.') as [string, string]
  const p = model.procedures.find((m) => sameName(m.schema, schema) && sameName(m.name, object))
  if (!p) throw new Error(`no procedure ${name}`)
  return procedureFlowOf(p)!
}

/** Checks one fact; returns a description of the mismatch, or undefined. */
function checkFact(
  fact: string,
  r: StaticResult,
  caseStatements: StaticResult['statements'],
): string | undefined {
  const { model } = r
  const [verb, ...restParts] = fact.split(' ')
  const rest = restParts.join(' ')
  const first = r.issues.find((i) => i.file === 'case.sql')
  switch (verb) {
    case 'table':
      return findTable(model, rest) ? undefined : `no table ${rest}`
    case 'no-table':
      return findTable(model, rest) ? `table ${rest} exists` : undefined
    case 'column': {
      const [path, ...typeParts] = rest.split('=')
      const parts = path!.split('.')
      const table = findTable(model, parts.slice(0, -1).join('.'))
      const column = table && findColumn(table, parts.at(-1)!)
      if (!column) return `no column ${path}`
      const size =
        column.length ??
        (column.precision !== undefined && column.scale !== undefined
          ? `${column.precision},${column.scale}`
          : undefined)
      const actual = `${column.type}${size !== undefined ? `(${size})` : ''}${column.nullable ? '' : ' NOT NULL'}`
      return actual === typeParts.join('=') ? undefined : `column ${path} is ${actual}`
    }
    case 'pk': {
      const [name, columns] = rest.split('=')
      const pk = findTable(model, name!)
        ?.primaryKey?.columns.map((c) => c.name)
        .join(',')
      return pk === columns ? undefined : `primary key of ${name} is ${pk}`
    }
    case 'fk': {
      const [from, to] = rest.split('->')
      const fks = findTable(model, from!)?.foreignKeys ?? []
      return fks.some((f) => sameName(f.referencedTable, to!)) ? undefined : `no foreign key ${rest}`
    }
    case 'index': {
      const parts = rest.split('.')
      const table = findTable(model, parts.slice(0, -1).join('.'))
      return table?.indexes.some((i) => sameName(i.name, parts.at(-1)!)) ? undefined : `no index ${rest}`
    }
    case 'checks': {
      const [name, n] = rest.split('=')
      const count = findTable(model, name!)?.checks.length
      return count === Number(n) ? undefined : `${name} has ${count} checks`
    }
    case 'view':
    case 'proc': {
      const list = verb === 'view' ? model.views : model.procedures
      const [schema, name] = rest.split('.') as [string, string]
      return list.some((m) => sameName(m.schema, schema) && sameName(m.name, name))
        ? undefined
        : `no ${verb} ${rest}`
    }
    case 'schema':
      return model.schemas.some((s) => sameName(s, rest)) ? undefined : `no schema ${rest}`
    case 'role':
      return model.permissions?.roles.some((x) => sameName(x.name, rest)) ? undefined : `no role ${rest}`
    case 'member': {
      const [role, member] = rest.split(':')
      return model.permissions?.memberships.some(
        (m) => sameName(m.role, role!) && sameName(m.member, member!),
      )
        ? undefined
        : `${member} is not a member of ${role}`
    }
    case 'can':
    case 'cannot': {
      const [who, permission, object] = rest.split(' ') as [string, string, string]
      const verdict = effectivePermission(model, who, permission, object)
      return verdict.allowed === (verb === 'can')
        ? undefined
        : `${who} ${verdict.allowed ? 'can' : 'cannot'} ${permission} ${object}: ${verdict.because}`
    }
    case 'raises':
    case 'no-raise': {
      const flow = procedure(model, rest)
      return flow.raisesInCatch.length > 0 === (verb === 'raises')
        ? undefined
        : `${rest}: raisesInCatch = ${JSON.stringify(flow.raisesInCatch)}`
    }
    case 'outside-tx': {
      const [name, n] = rest.split('=')
      const count = procedure(model, name!).changesOutsideTransaction.length
      return count === Number(n) ? undefined : `${name} has ${count} changes outside its transaction`
    }
    case 'loss':
      return r.dataLoss.some((l) => sameName(l.table, rest)) ? undefined : `no data loss on ${rest}`
    case 'line':
      return first?.line === Number(rest) ? undefined : `first issue on line ${first?.line}`
    case 'says':
      return first?.message.includes(rest) ? undefined : `first issue says "${first?.message}"`
  }
  if (fact.startsWith('nodes=')) {
    const kinds = caseStatements.map((s) => s.kind).join(',')
    return kinds === fact.slice(6) ? undefined : `nodes are ${kinds}`
  }
  throw new Error(`unknown fact "${fact}"`)
}

describe('parser corpus', () => {
  it('holds at least 300 cases of every kind', () => {
    const counts = Object.fromEntries(KINDS.map((k) => [k, cases.filter((c) => c.kind === k).length]))
    process.stdout.write(`parser corpus: ${cases.length} cases ${JSON.stringify(counts)}\n`)
    expect(cases.length).toBeGreaterThanOrEqual(300)
    for (const k of KINDS) expect(counts[k]).toBeGreaterThan(0)
  })

  for (const c of cases)
    it(`${c.file}: ${c.kind}: ${c.title}`, () => {
      const r = run(c)
      const preludeIssues = r.issues.filter((i) => i.file === 'prelude.sql')
      expect(preludeIssues).toEqual([])
      const issues = r.issues.filter((i) => i.file === 'case.sql')
      const summary = issues.map((i) => `${i.kind} ${i.line}: ${i.message}`)
      if (c.kind === 'ok') expect(summary).toEqual([])
      else if (c.kind === 'unsupported') {
        expect(issues.filter((i) => i.kind === 'syntax').map((i) => i.message)).toEqual([])
        expect(
          issues.some((i) => i.kind === 'unsupported'),
          summary.join('\n'),
        ).toBe(true)
      } else expect(issues[0]?.kind, summary.join('\n') || 'no issue').toBe(c.kind)
      const preludeCount = prelude.get(c.file)?.trim() ? run({ ...c, text: '' }).statements.length : 0
      const caseStatements = r.statements.slice(preludeCount)
      const wrong = c.facts.map((f) => checkFact(f, r, caseStatements)).filter(Boolean)
      expect(wrong).toEqual([])
    })
})
