import { VERB_FORMS } from './verb-forms.ts'

/** Subjects that say nothing about the change, compared lower-cased without punctuation. */
const VAGUE = new Set([
  'wip',
  'fix',
  'fixes',
  'fixed',
  'asdf',
  'update',
  'updates',
  'changes',
  'change',
  'stuff',
  'misc',
  'temp',
  'tmp',
  'test',
  'commit',
  'save',
  'work',
  'more',
  'done',
  'initial',
  'minor',
  'edit',
  'edits',
])

/** First words ending in -ed that are imperative verbs already. */
const IMPERATIVE_ED = new Set([
  'embed',
  'seed',
  'feed',
  'need',
  'shed',
  'speed',
  'proceed',
  'exceed',
  'succeed',
  'breed',
])

const MIN_SUBJECT = 10
const MAX_SUBJECT = 72

/** Why a commit subject is not a meaningful message, or undefined when it is fine. */
export function subjectProblem(subject: string): string | undefined {
  const trimmed = subject.trim()
  const bare = trimmed.toLowerCase().replace(/[^a-z0-9 ]/g, ' ')
  const words = bare.split(/\s+/).filter(Boolean)
  if (words.length === 0) return 'the subject is empty'
  if (words.every((w) => VAGUE.has(w))) return 'the subject is too vague: say what the commit changes'
  if (trimmed.length < MIN_SUBJECT)
    return `the subject is too short (${trimmed.length} characters, at least ${MIN_SUBJECT})`
  if (trimmed.length > MAX_SUBJECT) {
    return `the subject is too long (${trimmed.length} characters, at most ${MAX_SUBJECT}); put details in the body`
  }
  if (words.length < 2) return 'the subject is a single word: say what the commit changes'
  const first = words[0]!
  const base = VERB_FORMS.get(first)
  if (base) {
    const Base = `${base[0]!.toUpperCase()}${base.slice(1)}`
    return `the subject starts with "${trimmed.split(/\s/)[0]}": write it in the imperative, as a command: "${Base} …"`
  }
  if (
    (first.endsWith('ed') && first.length > 4 && !IMPERATIVE_ED.has(first)) ||
    /^[a-z]{3,}ing$/.test(first)
  ) {
    return `the subject starts with "${first}": write it in the imperative, like "Add …" rather than "Added …"`
  }
  return undefined
}
