import { buildScenario, PEOPLE, type ScenarioBuilder } from '@backend-labs/git-kit'

export const RELEASE_BRANCH = 'release/1.4'
export const RELEASE_TAG = 'v1.4.1'
export const HOTFIX_SUBJECT = 'Fix rounding of discounted prices'

const cartV1 = `import { applyDiscount } from './discount.js'

export function cartTotal(items, discountRate = 0) {
  const subtotal = items.reduce((sum, item) => sum + item.price * item.quantity, 0)
  return applyDiscount(subtotal, discountRate)
}
`

const cartV2 = `import { applyDiscount } from './discount.js'

export function cartTotal(items, discountRate = 0) {
  const subtotal = items.reduce((sum, item) => sum + item.price * item.quantity, 0)
  return applyDiscount(subtotal, discountRate)
}

export function formatTotal(total, currency = 'EUR') {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(total)
}
`

const discount = (
  rounding: 'floor' | 'round',
) => `/** Applies a percentage discount (0.1 = 10 %) and rounds to whole cents. */
export function applyDiscount(amount, rate) {
  const discounted = amount * (1 - rate)
  return Math.${rounding}(discounted * 100) / 100
}
`

const packageJson = (version: string) => `{
  "name": "cart-service",
  "version": "${version}",
  "type": "module"
}
`

/** Marks `branch` as published: a remote-tracking ref plus upstream config, so `git status` compares. */
async function publish(s: ScenarioBuilder, branch: string): Promise<void> {
  await s.git.run(['update-ref', `refs/remotes/origin/${branch}`, `refs/heads/${branch}`])
  await s.git.run(['config', `branch.${branch}.remote`, 'origin'])
  await s.git.run(['config', `branch.${branch}.merge`, `refs/heads/${branch}`])
}

/**
 * A cart service released as 1.4.0, with a maintenance branch release/1.4. Main moved on with new
 * features, then got a hotfix for a rounding bug that 1.4 also has.
 */
export default async function scenario(dir: string): Promise<void> {
  await buildScenario(dir, async (s) => {
    s.as(PEOPLE.ada)
    await s.commit('Create cart service', {
      files: {
        'README.md': '# cart-service\n\nComputes cart totals for the shop.\n',
        'package.json': packageJson('1.3.0'),
        'src/cart.js': cartV1
          .replace("import { applyDiscount } from './discount.js'\n\n", '')
          .replace('return applyDiscount(subtotal, discountRate)', 'return subtotal'),
      },
    })
    s.as(PEOPLE.grace)
    await s.commit('Add percentage discounts', {
      files: { 'src/cart.js': cartV1, 'src/discount.js': discount('floor') },
    })
    s.as(PEOPLE.ada)
    await s.commit('Release 1.4.0', {
      files: {
        'package.json': packageJson('1.4.0'),
        'CHANGELOG.md': '# Changelog\n\n## 1.4.0\n- Percentage discounts\n',
      },
    })
    await s.tag('v1.4.0', { message: 'cart-service 1.4.0' })
    await s.checkout(RELEASE_BRANCH, { create: true })
    s.as(PEOPLE.linus)
    await s.commit('Pin the build image for the 1.4 line', {
      files: { '.ci-image': 'node:20.11-bookworm\n' },
    })
    await s.checkout('main')
    s.as(PEOPLE.grace)
    await s.commit('Add wishlist', {
      files: {
        'src/wishlist.js': 'export function addToWishlist(list, item) {\n  return [...list, item]\n}\n',
      },
    })
    s.as(PEOPLE.ada)
    await s.commit('Show cart totals with currency', { files: { 'src/cart.js': cartV2 } })
    s.as(PEOPLE.linus)
    await s.commit(HOTFIX_SUBJECT, { files: { 'src/discount.js': discount('round') } })
    s.as(PEOPLE.grace)
    await s.commit('Add gift cards', {
      files: {
        'src/giftcard.js':
          'export function redeem(card, total) {\n  return Math.max(0, total - card.balance)\n}\n',
      },
    })
    await s.git.run(['config', 'remote.origin.fetch', '+refs/heads/*:refs/remotes/origin/*'])
    await publish(s, 'main')
    await publish(s, RELEASE_BRANCH)
  })
}
