/** File contents of the slugkit project, in the versions its history goes through. */

/** The project's test script. It never changes in history; the grader runs this exact text. */
export const TEST_SCRIPT = `#!/bin/sh
# Slug tests: prints each failure, exits 0 when every case passes and 1 otherwise.
. ./lib/slug.sh

failures=0
check() {
  got=$(slugify "$1")
  if [ "$got" != "$2" ]; then
    echo "FAIL: slugify '$1' gave '$got', expected '$2'"
    failures=$((failures + 1))
  fi
}

check "Hello World" "hello-world"
check "  Trim me  " "trim-me"
check "Hello, World!" "hello-world"
check "Release 2.0 notes" "release-2-0-notes"
check "already-a-slug" "already-a-slug"

if [ "$failures" -ne 0 ]; then
  echo "$failures slug test(s) failed"
  exit 1
fi
echo "all slug tests passed"
`

const HEADER = '# slugify TEXT: prints TEXT as a URL slug (lower case, dashes between words).\n'

export const SLUG_V1 = `${HEADER}slugify() {
  printf '%s\\n' "$1" \\
    | tr '[:upper:]' '[:lower:]' \\
    | sed -e 's/[^a-z0-9][^a-z0-9]*/-/g' -e 's/^-//' -e 's/-$//'
}
`

export const SLUG_TABS = `${HEADER}slugify() {
  printf '%s\\n' "$1" \\
    | tr '\\t' ' ' \\
    | tr '[:upper:]' '[:lower:]' \\
    | sed -e 's/[^a-z0-9][^a-z0-9]*/-/g' -e 's/^-//' -e 's/-$//'
}
`

const STEPS = `slug_lower() { tr '[:upper:]' '[:lower:]'; }
slug_dashes() { sed -e 's/[^a-z0-9][^a-z0-9]*/-/g'; }
slug_trim() { sed -e 's/^-//' -e 's/-$//'; }
`

export const SLUG_STEPS = `${HEADER}${STEPS}
slugify() {
  printf '%s\\n' "$1" | tr '\\t' ' ' | slug_lower | slug_dashes | slug_trim
}
`

/** The regression: the one-pass sed drops leading separators but keeps a trailing dash. */
const ONE_PASS = `slug_lower() { tr '[:upper:]' '[:lower:]'; }
slug_dashes() { sed -e 's/^[^a-z0-9]*//' -e 's/[^a-z0-9][^a-z0-9]*/-/g'; }
`

export const SLUG_ONE_PASS = `${HEADER}${ONE_PASS}
slugify() {
  printf '%s\\n' "$1" | tr '\\t' ' ' | slug_lower | slug_dashes
}
`

export const SLUG_ONE_PASS_DOCUMENTED = `${HEADER}# Used by bin/slug and by the blog's URL builder; keep it POSIX sh.
${ONE_PASS}
slugify() {
  printf '%s\\n' "$1" | tr '\\t' ' ' | slug_lower | slug_dashes
}
`

export const TRUNCATE = `# truncate TEXT MAX: prints at most MAX characters of TEXT.
truncate_text() {
  printf '%s\\n' "$1" | cut -c "1-$2"
}
`

export const WORDCOUNT = `# wordcount TEXT: prints the number of words in TEXT.
wordcount() {
  printf '%s\\n' "$1" | wc -w | tr -d ' '
}
`

export const TITLECASE = `# titlecase TEXT: upper-cases the first letter of every word.
titlecase() {
  printf '%s\\n' "$1" | awk '{ for (i = 1; i <= NF; i++) $i = toupper(substr($i, 1, 1)) substr($i, 2); print }'
}
`

export const BIN_SLUG = (help: string, max: boolean) => `#!/bin/sh
# ${help}
. "$(dirname "$0")/../lib/slug.sh"
${max ? '. "$(dirname "$0")/../lib/truncate.sh"\nif [ "$1" = "--max" ]; then max=$2; shift 2; truncate_text "$(slugify "$*")" "$max"; exit; fi\n' : ''}slugify "$*"
`
