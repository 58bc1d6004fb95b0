/**
 * The program the grader's relay container runs (`node -e`), our code, never the learner's. Two modes,
 * chosen by env:
 * - `RELAY_TARGET=host:port`: a TCP relay; every connection on `RELAY_LISTEN` is piped to the target
 *   (the learner's app on the run's internal network), half-closes and resets passed on;
 * - `RELAY_ALLOW=host1:443,host2:443`: an HTTP CONNECT proxy that opens tunnels to those hosts only
 *   (the package registry for builds that declare they need it); anything else gets 403.
 */
export const RELAY_SCRIPT = String.raw`
const net = require('node:net')
const listen = Number(process.env.RELAY_LISTEN || 8080)
const target = process.env.RELAY_TARGET
const allow = new Set((process.env.RELAY_ALLOW || '').split(',').filter(Boolean))
function splice(a, b) {
  a.pipe(b); b.pipe(a)
  const reset = () => { a.destroy(); b.destroy() }
  a.on('error', reset); b.on('error', reset)
  a.on('close', (hadError) => { if (hadError || !b.writableEnded) b.destroy() })
  b.on('close', (hadError) => { if (hadError || !a.writableEnded) a.destroy() })
}
function relay(client) {
  const i = target.lastIndexOf(':')
  splice(client, net.connect({ host: target.slice(0, i), port: Number(target.slice(i + 1)), allowHalfOpen: true }))
}
function tunnel(client) {
  let head = Buffer.alloc(0)
  const onData = (chunk) => {
    head = Buffer.concat([head, chunk])
    const end = head.indexOf('\r\n\r\n')
    if (end < 0) { if (head.length > 8192) client.destroy(); return }
    client.off('data', onData)
    const m = /^CONNECT ([A-Za-z0-9.-]+):(\d+) HTTP\/1\.[01]\r\n/.exec(head.subarray(0, end + 4).toString('latin1'))
    if (!m || !allow.has(m[1] + ':' + m[2])) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n')
      return
    }
    const upstream = net.connect({ host: m[1], port: Number(m[2]) }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      const rest = head.subarray(end + 4)
      if (rest.length) upstream.write(rest)
      splice(client, upstream)
    })
    upstream.on('error', () => client.destroy())
  }
  client.on('data', onData)
  client.on('error', () => client.destroy())
}
net.createServer({ allowHalfOpen: true }, target ? relay : tunnel).listen(listen, '0.0.0.0', () => console.log('relay listening'))
`
