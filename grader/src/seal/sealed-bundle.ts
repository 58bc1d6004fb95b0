import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import { EnvironmentError } from '@backend-labs/lab-kit'
import { sealKeyId } from './seal-key.ts'

/** What anyone can read in a sealed bundle without the key: enough to tell learners what is hidden. */
export interface SealedHeader {
  format: 'backend-labs-sealed-suites'
  version: 1
  cipher: 'aes-256-gcm'
  keyId: string
  sealedAt: string
  /** Per lab: how many hidden checks, and their points. */
  labs: Record<string, { hiddenChecks: number; hiddenPoints: number }>
}

/** The file on disk: the header (authenticated as associated data), then the encrypted files. */
interface SealedEnvelope {
  header: string
  iv: string
  tag: string
  data: string
}

/** Files by path relative to the suites folder. */
export type SealedFiles = Record<string, Buffer>

/**
 * Encrypts files with AES-256-GCM (Node's crypto; nothing invented): a random 96-bit IV, the header
 * as associated data, the files as gzipped JSON. Any change to header or data fails authentication.
 */
export function sealFiles(
  files: SealedFiles,
  key: Buffer,
  labs: SealedHeader['labs'],
  now = new Date(),
): string {
  const header: SealedHeader = {
    format: 'backend-labs-sealed-suites',
    version: 1,
    cipher: 'aes-256-gcm',
    keyId: sealKeyId(key),
    sealedAt: now.toISOString(),
    labs,
  }
  const headerText = JSON.stringify(header)
  const plain = gzipSync(
    JSON.stringify(Object.fromEntries(Object.entries(files).map(([p, b]) => [p, b.toString('base64')]))),
  )
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(headerText))
  const data = Buffer.concat([cipher.update(plain), cipher.final()])
  const envelope: SealedEnvelope = {
    header: headerText,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  }
  return `${JSON.stringify(envelope, null, 1)}\n`
}

const changed = (display: string, why: string) =>
  new EnvironmentError(
    `the sealed bundle ${display} was changed after sealing (${why})`,
    'restore it from the course repository, or ask the instructor to run `labs export-template` again',
  )

function parseEnvelope(text: string, display: string): { envelope: SealedEnvelope; header: SealedHeader } {
  let envelope: SealedEnvelope
  let header: SealedHeader
  try {
    envelope = JSON.parse(text) as SealedEnvelope
    header = JSON.parse(envelope.header) as SealedHeader
  } catch {
    throw changed(display, 'it is not a sealed bundle any more')
  }
  if (
    header?.format !== 'backend-labs-sealed-suites' ||
    header.version !== 1 ||
    header.cipher !== 'aes-256-gcm'
  )
    throw changed(display, 'unknown format')
  return { envelope, header }
}

/** The public header, readable without the key. */
export function readSealedHeader(text: string, display: string): SealedHeader {
  return parseEnvelope(text, display).header
}

/** Decrypts and authenticates a sealed bundle. A wrong key or a changed bundle is an environment error (exit 3). */
export function openSealedFiles(
  text: string,
  key: Buffer,
  display: string,
): { header: SealedHeader; files: SealedFiles } {
  const { envelope, header } = parseEnvelope(text, display)
  if (header.keyId !== sealKeyId(key))
    throw new EnvironmentError(
      `LABS_SEAL_KEY is not the key ${display} was sealed with (key id ${sealKeyId(key)}, bundle wants ${header.keyId})`,
      'set LABS_SEAL_KEY to the course key; without a key, grading runs the public checks only',
    )
  let plain: Buffer
  try {
    // A fixed tag length: Node would otherwise accept a truncated tag.
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'), {
      authTagLength: 16,
    })
    decipher.setAAD(Buffer.from(envelope.header))
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'))
    plain = Buffer.concat([decipher.update(Buffer.from(envelope.data, 'base64')), decipher.final()])
  } catch {
    throw changed(display, 'authentication failed')
  }
  const entries = Object.entries(JSON.parse(gunzipSync(plain).toString('utf8')) as Record<string, string>)
  return { header, files: Object.fromEntries(entries.map(([p, b]) => [p, Buffer.from(b, 'base64')])) }
}
