import { request } from 'node:http'
import { connect } from 'node:net'

/** How to tell the app is ready: any HTTP answer on `path`, or a TCP connection that stays open. */
export type Readiness = { kind: 'http'; path?: string } | { kind: 'tcp' }

/**
 * One probe against the published port on 127.0.0.1. A TCP connect alone proves nothing with
 * Docker's userland proxy (it accepts, then closes when the container refuses), so the TCP probe
 * also waits a moment for that close.
 */
export function probeOnce(port: number, readiness: Readiness, timeoutMs = 1000): Promise<boolean> {
  return readiness.kind === 'http'
    ? probeHttp(port, readiness.path ?? '/', timeoutMs)
    : probeTcp(port, timeoutMs)
}

function probeHttp(port: number, path: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume()
      resolve(true)
    })
    req.on('timeout', () => req.destroy())
    req.on('error', () => resolve(false))
    req.end()
  })
}

function probeTcp(port: number, timeoutMs: number, settleMs = 150): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: timeoutMs })
    let settled = false
    const done = (ok: boolean) => {
      if (settled) return
      settled = true
      socket.destroy()
      resolve(ok)
    }
    socket.on('connect', () => setTimeout(() => done(true), settleMs))
    socket.on('close', () => done(false))
    socket.on('error', () => done(false))
    socket.on('timeout', () => done(false))
  })
}
