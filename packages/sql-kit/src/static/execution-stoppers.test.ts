import { describe, expect, it } from 'vitest'
import { analyzeScripts } from './static-engine.ts'

const TABLE = 'CREATE TABLE dbo.Orders (OrderId int NOT NULL PRIMARY KEY);'
const issuesOf = (text: string) =>
  analyzeScripts([{ file: 'schema.sql', text }]).issues.map((i) => `${i.kind}@${i.line}: ${i.message}`)

describe('statements that stop or change what SQL Server runs', () => {
  it.each([
    ['RETURN;', 'RETURN outside a procedure ends the batch: the statements after it never run'],
    [
      "THROW 50000, 'stop', 1;",
      'THROW outside a TRY block ends the batch: the statements after it never run',
    ],
    ['SET NOEXEC ON;', 'SET NOEXEC makes SQL Server stop running the statements after it'],
    ['SET PARSEONLY ON;', 'SET PARSEONLY makes SQL Server stop running the statements after it'],
    [
      "RAISERROR('stop', 20, 1) WITH LOG;",
      'RAISERROR with severity 20 ends the connection: nothing after it runs',
    ],
  ])('%s before the tables is never a clean static pass', (stopper, message) => {
    expect(issuesOf(`${stopper}\n${TABLE}\n`)).toEqual([`unsupported@1: ${message}`])
  })

  it('flags a rename the model does not follow', () => {
    expect(issuesOf(`${TABLE}\nEXEC sp_rename 'dbo.Orders', 'Ordrs';\n`)).toEqual([
      'unsupported@2: sp_rename renames an object, which the static engine does not follow',
    ])
  })

  it('leaves alone the forms that do not stop a script', () => {
    const text = [
      "RAISERROR('progress', 10, 1);",
      TABLE,
      "IF OBJECT_ID('dbo.Missing') IS NOT NULL THROW 50000, 'unexpected', 1;",
      'GO',
      'CREATE PROCEDURE dbo.P AS BEGIN RETURN; END;',
      'GO',
      'SET NOCOUNT ON;',
    ].join('\n')
    expect(issuesOf(text)).toEqual([])
  })
})
