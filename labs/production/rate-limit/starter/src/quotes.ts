import { pbkdf2Sync } from 'node:crypto'

export interface Quote {
  symbol: string
  price: number
}

/**
 * Prices a quote. The pricing model is expensive on purpose (a few ms of CPU): every request a
 * bot gets answered costs the server as much as a real user's.
 */
export function priceQuote(symbol: string): Quote {
  const digest = pbkdf2Sync(symbol, 'quotes-api-model', 32_000, 8, 'sha256')
  const cents = 1000 + (digest.readUInt32BE(0) % 99_000)
  return { symbol, price: cents / 100 }
}
