import * as Plot from '@observablehq/plot'
import type { ClassLab, ClassModel } from '../dashboard-model.ts'
import { figure, h, table } from './dom.ts'
import { HEAT_SCHEME, STATUS_COLOURS } from './palette.ts'

function distribution(lab: ClassLab): HTMLElement {
  const counts = new Map<number, number>()
  for (const s of lab.scores) counts.set(s.score, (counts.get(s.score) ?? 0) + 1)
  const bars = [...counts].map(([score, learners]) => ({ score, learners })).sort((a, b) => a.score - b.score)
  const chart = Plot.plot({
    width: 360,
    height: 180,
    ariaLabel: `Score distribution for ${lab.id}`,
    ariaDescription: bars.map((b) => `${b.learners} learners scored ${b.score}`).join('; '),
    x: {
      label: `score (of ${lab.maxScore})`,
      type: 'band',
      domain: Array.from({ length: lab.maxScore + 1 }, (_, i) => i),
    },
    y: { label: 'learners', grid: true },
    marks: [
      Plot.barY(bars, {
        x: 'score',
        y: 'learners',
        fill: (b) => (b.score === lab.maxScore ? STATUS_COLOURS.passed : '#0072B2'),
        title: (b) => `${b.learners} learners scored ${b.score}/${lab.maxScore}`,
      }),
      Plot.ruleY([0]),
    ],
  })
  return figure(
    { 'data-chart': 'score-distribution', 'data-lab': lab.id },
    `${lab.id}: ${lab.passed} of ${lab.scores.length} graded learners passed`,
    chart,
    table(
      `Scores at ${lab.id}`,
      ['score', 'learners'],
      bars.map((b) => [b.score, b.learners]),
    ),
  )
}

function heatmap(model: ClassModel): HTMLElement {
  const cells = model.heatmap
  const pct = (r: number) => `${Math.round(r * 100)}%`
  const chart = Plot.plot({
    marginLeft: 160,
    marginBottom: 90,
    height: 80 + 40 * model.labs.length,
    width: Math.max(640, 160 + 48 * new Set(cells.map((c) => c.check)).size),
    ariaLabel: 'Failure rate per check (labs by checks)',
    x: { label: null, tickRotate: -40, domain: [...new Set(cells.map((c) => c.check))] },
    y: { label: null },
    color: {
      type: 'linear',
      scheme: HEAT_SCHEME,
      domain: [0, 1],
      legend: true,
      label: 'failure rate',
      tickFormat: '%',
    },
    marks: [
      Plot.cell(cells, {
        x: 'check',
        y: 'lab',
        fill: 'rate',
        inset: 0.5,
        title: (c) => `${c.lab} · ${c.check}: ${pct(c.rate)} failed (${c.failed} of ${c.graded})`,
      }),
      Plot.text(cells, {
        x: 'check',
        y: 'lab',
        text: (c) => pct(c.rate),
        fill: (c) => (c.rate > 0.6 ? 'black' : 'white'),
      }),
    ],
  })
  return figure(
    { 'data-chart': 'failure-heatmap' },
    'Failure rate of each check: labs × checks',
    chart,
    table(
      'Failure rate per check',
      ['lab', 'check', 'failed', 'graded', 'rate'],
      cells.map((c) => [c.lab, c.check, c.failed, c.graded, pct(c.rate)]),
      (i) => ({
        'data-lab': cells[i]!.lab,
        'data-check': cells[i]!.check,
        'data-failed': cells[i]!.failed,
        'data-graded': cells[i]!.graded,
      }),
    ),
  )
}

/** The instructor view of one batch: distributions, the heatmap, stuck learners, regrade changes. */
export function classView(model: ClassModel): HTMLElement[] {
  const out: HTMLElement[] = [
    h(
      'section',
      { 'aria-labelledby': 'dist-title' },
      h('h2', { id: 'dist-title' }, `Scores of ${model.learners} learners`),
      h('div', { class: 'grid' }, ...model.labs.map(distribution)),
    ),
    h('section', {}, heatmap(model)),
    h(
      'section',
      {},
      table(
        'Stuck learners: graded, not passed, below half the points',
        ['learner', 'lab', 'score', 'failing checks'],
        model.stuck.map((s) => [s.learner, s.lab, `${s.score}/${s.maxScore}`, s.failing.join(', ')]),
      ),
    ),
  ]
  if (model.ungraded.length > 0)
    out.push(
      h(
        'section',
        {},
        table(
          'Not graded',
          ['learner', 'why'],
          model.ungraded.map((u) => [u.learner, u.error]),
        ),
      ),
    )
  if (model.changes)
    out.push(
      h(
        'section',
        { 'data-chart': 'regrade' },
        model.changes.length === 0
          ? h('p', {}, 'Regrade: no score changes.')
          : table(
              'Regrade: score changes against the previous batch',
              ['learner', 'lab', 'before', 'after', 'why'],
              model.changes.map((c) => [c.learner, c.lab, c.before, c.after, c.checks.join('; ')]),
            ),
      ),
    )
  return out
}
