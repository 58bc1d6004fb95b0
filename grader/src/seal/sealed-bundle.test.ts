import { EnvironmentError } from '@backend-labs/lab-kit'
import { describe, expect, it } from 'vitest'
import { newSealKey, parseSealKey, sealKeyId } from './seal-key.ts'
import { openSealedFiles, readSealedHeader, sealFiles } from './sealed-bundle.ts'

const key = parseSealKey(newSealKey())
const files = {
  'git/demo/suite.ts': Buffer.from('export default { checks: [] } // SECRET-CHECK-SOURCE'),
  'git/demo/solution/answer.sql': Buffer.from('create table secret_answer (id int)'),
}
const labs = { 'git/demo': { hiddenChecks: 3, hiddenPoints: 7 } }

async function environmentError(run: () => unknown): Promise<EnvironmentError> {
  let error: unknown
  try {
    await run()
  } catch (e) {
    error = e
  }
  expect(error).toBeInstanceOf(EnvironmentError)
  expect((error as EnvironmentError).exitCode).toBe(3)
  return error as EnvironmentError
}

describe('sealed bundle (AES-256-GCM)', () => {
  const sealed = sealFiles(files, key, labs, new Date('2026-12-02T00:00:00Z'))

  it('round-trips the files with the key, and hides their text without it', () => {
    const opened = openSealedFiles(sealed, key, 'suites.sealed')
    expect(opened.files).toEqual(files)
    expect(sealed).not.toContain('SECRET-CHECK-SOURCE')
    expect(sealed).not.toContain('secret_answer')
    expect(Buffer.from(JSON.parse(sealed).data, 'base64').toString('latin1')).not.toContain('secret_answer')
  })

  it('tells anyone the hidden check counts, but not the checks', () => {
    expect(readSealedHeader(sealed, 'suites.sealed')).toEqual({
      format: 'backend-labs-sealed-suites',
      version: 1,
      cipher: 'aes-256-gcm',
      keyId: sealKeyId(key),
      sealedAt: '2026-12-02T00:00:00.000Z',
      labs,
    })
  })

  it('refuses a wrong key, naming both key ids', async () => {
    const other = parseSealKey(newSealKey())
    const error = await environmentError(() => openSealedFiles(sealed, other, 'grader/suites.sealed'))
    expect(error.message).toBe(
      `LABS_SEAL_KEY is not the key grader/suites.sealed was sealed with (key id ${sealKeyId(other)}, bundle wants ${sealKeyId(key)})`,
    )
  })

  it('refuses a bundle whose data, tag or header was changed', async () => {
    const envelope = JSON.parse(sealed)
    const data = Buffer.from(envelope.data, 'base64')
    data[10] = data[10]! ^ 1
    const flipped = JSON.stringify({ ...envelope, data: data.toString('base64') })
    expect((await environmentError(() => openSealedFiles(flipped, key, 's'))).message).toBe(
      'the sealed bundle s was changed after sealing (authentication failed)',
    )
    const shortTag = JSON.stringify({
      ...envelope,
      tag: Buffer.from(envelope.tag, 'base64').subarray(0, 4).toString('base64'),
    })
    await environmentError(() => openSealedFiles(shortTag, key, 's'))
    const header = envelope.header.replace('"hiddenChecks":3', '"hiddenChecks":0')
    await environmentError(() => openSealedFiles(JSON.stringify({ ...envelope, header }), key, 's'))
    await environmentError(() => openSealedFiles(sealed.slice(0, 200), key, 's'))
  })

  it('accepts only 256-bit keys', async () => {
    expect(parseSealKey('ab'.repeat(32))).toHaveLength(32)
    await environmentError(() => parseSealKey('too-short'))
  })
})
