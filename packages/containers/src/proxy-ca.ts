import { existsSync, readFileSync } from 'node:fs'
import { BadInputError } from '@backend-labs/lab-kit'

/** Where the CA bundle lands inside build stages and containers. */
export const CONTAINER_CA_PATH = '/usr/local/share/backend-labs/proxy-ca.crt'
export const SYSTEM_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt'

export interface ProxyCa {
  /** The host file (a full PEM bundle: it also becomes SSL_CERT_FILE). */
  hostPath: string
  pem: Buffer
  /** Env for build steps and containers. */
  env: Record<string, string>
}

/**
 * The one setting, `LABS_PROXY_CA`, for networks that intercept TLS (corporate proxies, this CI):
 * - unset: use the file in the grader's own `NODE_EXTRA_CA_CERTS`, if that is set; else nothing;
 * - `off`: nothing;
 * - `system`: `/etc/ssl/certs/ca-certificates.crt`;
 * - a path: that PEM bundle.
 * The bundle goes into builds (copied into each stage, exposed to RUN through build args) and into
 * learner containers (read-only bind mount), with NODE_EXTRA_CA_CERTS and SSL_CERT_FILE pointing at it.
 */
export function resolveProxyCa(env: NodeJS.ProcessEnv = process.env): ProxyCa | undefined {
  const setting = env.LABS_PROXY_CA?.trim()
  if (setting === 'off') return undefined
  const hostPath = !setting ? env.NODE_EXTRA_CA_CERTS : setting === 'system' ? SYSTEM_CA_BUNDLE : setting
  if (!hostPath) return undefined
  if (!existsSync(hostPath)) {
    if (!setting) return undefined
    throw new BadInputError(
      `LABS_PROXY_CA points at ${hostPath}, which does not exist.`,
      'Set LABS_PROXY_CA to a PEM bundle, to `system`, or to `off`.',
    )
  }
  return {
    hostPath,
    pem: readFileSync(hostPath),
    env: { NODE_EXTRA_CA_CERTS: CONTAINER_CA_PATH, SSL_CERT_FILE: CONTAINER_CA_PATH },
  }
}

/** The read-only bind mount that puts the CA into a container at {@link CONTAINER_CA_PATH}. */
export function proxyCaBind(ca: ProxyCa): string {
  return `${ca.hostPath}:${CONTAINER_CA_PATH}:ro`
}
