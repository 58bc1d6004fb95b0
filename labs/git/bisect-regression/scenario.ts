import { buildScenario, PEOPLE } from '@backend-labs/git-kit'
import {
  BIN_SLUG,
  SLUG_ONE_PASS,
  SLUG_ONE_PASS_DOCUMENTED,
  SLUG_STEPS,
  SLUG_TABS,
  SLUG_V1,
  TEST_SCRIPT,
  TITLECASE,
  TRUNCATE,
  WORDCOUNT,
} from './slugkit-files.ts'

/** The tag the learner puts on the first bad commit. */
export const ANSWER_TAG = 'first-bad'

const README = '# slugkit\n\nSmall POSIX shell helpers for blog URLs. Run the tests with `sh test.sh`.\n'
const { ada, grace, linus } = PEOPLE

/** [author, subject, files] in history order: 24 commits, the regression somewhere in the middle. */
const HISTORY: [typeof ada, string, Record<string, string>][] = [
  [
    ada,
    'Start slugkit with slugify and its tests',
    { 'lib/slug.sh': SLUG_V1, 'test.sh': TEST_SCRIPT, 'README.md': README },
  ],
  [
    ada,
    'Add usage to the README',
    { 'README.md': `${README}\n## Usage\n\n    . lib/slug.sh\n    slugify "Hello World"\n` },
  ],
  [grace, 'Add truncate helper', { 'lib/truncate.sh': TRUNCATE }],
  [
    grace,
    'Document truncate',
    { 'docs/truncate.md': '# truncate_text\n\n`truncate_text TEXT MAX` keeps MAX characters.\n' },
  ],
  [linus, 'Run the tests in CI', { '.ci.yml': 'test:\n  script: sh test.sh\n' }],
  [ada, 'Handle tabs in slugify input', { 'lib/slug.sh': SLUG_TABS }],
  [grace, 'Add MIT license', { LICENSE: 'MIT License\n\nCopyright (c) 2024 slugkit authors\n' }],
  [grace, 'Add wordcount helper', { 'lib/wordcount.sh': WORDCOUNT }],
  [
    ada,
    'Fix typo in README',
    { 'README.md': `${README}\n## Usage\n\n    . lib/slug.sh\n    slugify "Hello World"   # hello-world\n` },
  ],
  [
    linus,
    'Start a changelog',
    { 'CHANGELOG.md': '# Changelog\n\n## 0.2.0\n- truncate and wordcount helpers\n' },
  ],
  [ada, 'Split slugify into small steps', { 'lib/slug.sh': SLUG_STEPS }],
  [grace, 'Add bin/slug command', { 'bin/slug': BIN_SLUG('Prints its arguments as a slug.', false) }],
  [
    grace,
    'Document bin/slug',
    { 'docs/bin-slug.md': '# bin/slug\n\n    bin/slug Hello World   # hello-world\n' },
  ],
  [linus, 'Add --max option to bin/slug', { 'bin/slug': BIN_SLUG('Prints its arguments as a slug.', true) }],
  [ada, 'Collapse slug separators in one sed pass', { 'lib/slug.sh': SLUG_ONE_PASS }],
  [grace, 'Add examples', { 'examples/posts.txt': 'Hello World\nRelease 2.0 notes\n' }],
  [
    linus,
    'Update changelog for 0.3.0',
    { 'CHANGELOG.md': '# Changelog\n\n## 0.3.0\n- bin/slug\n\n## 0.2.0\n- truncate and wordcount helpers\n' },
  ],
  [grace, 'Add titlecase helper', { 'lib/titlecase.sh': TITLECASE }],
  [
    grace,
    'Document titlecase',
    { 'docs/titlecase.md': '# titlecase\n\n`titlecase TEXT` capitalises every word.\n' },
  ],
  [ada, 'Note where slugify is used', { 'lib/slug.sh': SLUG_ONE_PASS_DOCUMENTED }],
  [
    linus,
    'Tidy bin/slug help text',
    { 'bin/slug': BIN_SLUG('Usage: bin/slug [--max N] WORDS... prints WORDS as a slug.', true) },
  ],
  [
    grace,
    'Add contributing guide',
    { 'CONTRIBUTING.md': '# Contributing\n\nRun `sh test.sh` before you push.\n' },
  ],
  [
    linus,
    'Add editorconfig',
    { '.editorconfig': 'root = true\n\n[*]\nindent_style = space\nindent_size = 2\n' },
  ],
  [ada, 'Release 0.4.0', { VERSION: '0.4.0\n' }],
]

/**
 * slugkit: 24 commits on main. `sh test.sh` passes on the first commit and fails on the last; the
 * learner finds the first failing commit with `git bisect` and tags it.
 */
export default async function scenario(dir: string): Promise<void> {
  await buildScenario(dir, async (s) => {
    for (const [author, subject, files] of HISTORY) await s.commit(subject, { author, files })
  })
}
