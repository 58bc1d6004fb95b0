/** The README of the learners' repository. */
export function renderLearnerReadme(labs: { id: string; title: string; hidden: number }[]): string {
  const rows = labs.map((l) => `| \`${l.id}\` | ${l.title} | ${l.hidden || '–'} |`)
  return `# Backend Labs

Hands-on labs for back-end developers, graded on your machine and in CI.

\`\`\`bash
npm i -g pnpm@10 && pnpm install
pnpm labs list                      # every lab and your status
pnpm labs start git/first-commits   # creates your workspace and says where to work
pnpm grade git/first-commits        # feedback from the public checks
pnpm labs submit git/first-commits  # git labs: writes submission.bundle; commit it
\`\`\`

Node.js ≥ 20.19 and git ≥ 2.30 are needed; Docker for the Docker labs (\`pnpm labs doctor\` tells you
what you have).

## Public and hidden checks

Each lab has public checks, which you run with \`pnpm grade\`, and hidden checks, which run at the
course's grading. The hidden checks ship here sealed (\`grader/suites.sealed\`, encrypted): without
the course key, grading says how many hidden checks wait. Your grade of record is made by the
course, from your commits, with the course's own copy of the checks and the grader: editing checks,
the grader, lockfiles or CI here changes nothing in it (such edits are listed as a warning).

## CI

\`.github/workflows/labs-feedback.yml\` (GitHub) and \`.gitlab-ci.yml\` (GitLab) grade the labs each push
touches, with the public checks, and show a points table in the job summary. Run the workflow by hand
to grade every lab you started.

| lab | title | hidden checks |
| --- | --- | ---: |
${rows.join('\n')}
`
}
