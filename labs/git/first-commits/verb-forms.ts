/**
 * Common verbs of commit subjects, by their base (imperative) form. Their other forms (third person,
 * past, -ing) are derived below, so "Adds", "Added" and "Adding" all lead back to "Add".
 */
const BASES = `accept add adjust align allow apply archive avoid bump build cache call catch change check
clarify clean close collapse combine commit compile configure convert copy correct create
cut debug declare default define delete deploy deprecate describe detect disable document drop
edit enable encode ensure escape exclude expand expose extend extract fetch fill filter finish fix
flatten forbid format generate group guard handle hide ignore implement import improve include
increase initialize inline insert install introduce keep limit link lint list load lock log make
mark merge migrate mock move name normalize note open optimize parse pass patch pin polish prefer
prepare prevent print protect provide publish pull push put raise read rebase refactor reformat
refresh reject release reload remove rename reorder replace report require reset resolve restore
restructure retry return reuse revert review rewrite run save scan separate serve set ship
show shorten simplify skip sort split start stop store strip support switch sync tag test tidy
track translate trim tweak unify untrack update upgrade use validate verify wrap write`
  .split(/\s+/)
  .filter(Boolean)

const IRREGULAR_PAST: Record<string, string[]> = {
  build: ['built'],
  catch: ['caught'],
  cut: ['cut'],
  forbid: ['forbade', 'forbidden'],
  hide: ['hid', 'hidden'],
  keep: ['kept'],
  make: ['made'],
  put: ['put'],
  read: ['read'],
  rewrite: ['rewrote', 'rewritten'],
  run: ['ran'],
  set: ['set'],
  show: ['showed', 'shown'],
  split: ['split'],
  write: ['wrote', 'written'],
}
/** Verbs that double their last consonant: "stop" → "stopped", "stopping". */
const DOUBLED = new Set([
  'commit',
  'cut',
  'drop',
  'forbid',
  'log',
  'pin',
  'put',
  'run',
  'set',
  'ship',
  'skip',
  'split',
  'stop',
  'strip',
  'tag',
  'wrap',
])

function thirdPerson(base: string): string {
  if (/(s|x|z|ch|sh)$/.test(base)) return `${base}es`
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ies`
  return `${base}s`
}

function regularPast(base: string): string {
  if (base.endsWith('e')) return `${base}d`
  if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ied`
  return DOUBLED.has(base) ? `${base}${base.at(-1)}ed` : `${base}ed`
}

function gerund(base: string): string {
  if (/[^e]e$/.test(base)) return `${base.slice(0, -1)}ing`
  return DOUBLED.has(base) ? `${base}${base.at(-1)}ing` : `${base}ing`
}

/** Non-imperative form (lower case) → its base: "adds" → "add", "fixed" → "fix", "making" → "make". */
export const VERB_FORMS: ReadonlyMap<string, string> = (() => {
  const forms = new Map<string, string>()
  for (const base of BASES) {
    const past = IRREGULAR_PAST[base] ?? [regularPast(base)]
    for (const form of [thirdPerson(base), ...past, gerund(base)]) {
      if (form !== base && !BASES.includes(form)) forms.set(form, base)
    }
  }
  return forms
})()
