import { setTimeout as sleep } from 'node:timers/promises'

const maxDelayMs = Number(process.env.PAYMENT_DELAY_MS ?? 20)

/**
 * Charges the customer. The payment provider answers after a random delay of up to
 * PAYMENT_DELAY_MS milliseconds (in production: a network call). Keep calling it for every order.
 */
export async function chargePayment(itemId: number): Promise<void> {
  if (!Number.isInteger(itemId)) throw new TypeError('itemId must be an integer')
  await sleep(Math.random() * maxDelayMs)
}
