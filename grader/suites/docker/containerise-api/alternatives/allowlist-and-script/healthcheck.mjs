// Exits 0 only when /health answers 2xx within 2 s.
const port = process.env.PORT ?? '3000'
try {
  const res = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) })
  process.exit(res.ok ? 0 : 1)
} catch {
  process.exit(1)
}
