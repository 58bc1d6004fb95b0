import * as Plot from '@observablehq/plot'
import type { AttemptPoint, LearnerLab, LearnerModel } from '../dashboard-model.ts'
import { duration, figure, h, table } from './dom.ts'
import { STATUS_COLOURS } from './palette.ts'

/** The tracks as a map: each lab a card with its status and what it needs first. */
function trackMap(model: LearnerModel): HTMLElement {
  const tracks = [...new Set(model.labs.map((l) => l.track))]
  return h(
    'section',
    { 'aria-labelledby': 'map-title' },
    h('h2', { id: 'map-title' }, 'Your tracks'),
    ...tracks.map((track) =>
      h(
        'div',
        { class: 'track' },
        h('h3', {}, track),
        h(
          'ol',
          { class: 'labs' },
          ...model.labs
            .filter((l) => l.track === track)
            .map((l) =>
              h(
                'li',
                {
                  class: 'lab-card',
                  'data-lab': l.id,
                  'data-status': l.status,
                  style: `border-left-color: ${STATUS_COLOURS[l.status]}`,
                },
                h('strong', {}, l.title),
                h(
                  'span',
                  { class: 'status' },
                  l.status,
                  l.bestScore !== undefined ? ` · best ${l.bestScore}/${l.maxScore}` : '',
                ),
                l.prerequisites.length > 0 &&
                  h('span', { class: 'needs' }, `needs ${l.prerequisites.join(', ')}`),
              ),
            ),
        ),
      ),
    ),
  )
}

function scoreChart(lab: LearnerLab): HTMLElement {
  const points = lab.attempts
  const chart = Plot.plot({
    width: 360,
    height: 180,
    marginLeft: 40,
    ariaLabel: `Score over attempts for ${lab.id}`,
    ariaDescription: points.map((p) => `attempt ${p.n}: ${p.score} of ${p.max}`).join('; '),
    x: { label: 'attempt', tickFormat: 'd', ticks: Math.min(points.length, 10) },
    y: { label: 'score', domain: [0, Math.max(1, lab.maxScore ?? 0)], grid: true },
    marks: [
      Plot.lineY(points, { x: 'n', y: 'score', stroke: '#0072B2' }),
      Plot.dot(points, {
        x: 'n',
        y: 'score',
        r: 4,
        fill: (p) => STATUS_COLOURS[p.status] ?? '#000',
        symbol: (p: AttemptPoint) =>
          p.status === 'passed' || p.status === 'passed-static' ? 'star' : 'circle',
        title: (p) => `attempt ${p.n}: ${p.score}/${p.max} (${p.status})`,
      }),
    ],
  })
  const folded = lab.foldedAttempts > 0 ? ` (the ${lab.foldedAttempts} earliest are counted, not drawn)` : ''
  return figure(
    { 'data-chart': 'score-over-attempts', 'data-lab': lab.id },
    `${lab.title}: score over ${lab.totalAttempts} attempts${folded}`,
    chart,
    table(
      `Attempts at ${lab.id}`,
      ['attempt', 'when', 'score', 'status', 'failed checks'],
      points.map((p) => [p.n, p.at, `${p.score}/${p.max}`, p.status, p.failed.join(', ')]),
      (i) => ({ 'data-attempt': points[i]!.n, 'data-score': points[i]!.score }),
    ),
  )
}

function failedMostChart(model: LearnerModel): HTMLElement {
  const data = model.failedMost.map((f) => ({ ...f, label: `${f.lab} · ${f.check}` }))
  const chart = Plot.plot({
    height: 40 + 24 * data.length,
    marginLeft: 260,
    ariaLabel: 'Checks failed most',
    x: { label: 'attempts failed', grid: true },
    y: { label: null },
    marks: [
      Plot.barX(data, {
        x: 'count',
        y: 'label',
        fill: '#D55E00',
        sort: { y: '-x' },
        title: (d) => `${d.label}: ${d.count}`,
      }),
    ],
  })
  return figure(
    { 'data-chart': 'failed-most' },
    'Checks you failed most',
    chart,
    table(
      'Checks failed most',
      ['lab', 'check', 'attempts failed'],
      model.failedMost.map((f) => [f.lab, f.check, f.count]),
    ),
  )
}

/** The learner view: the map, what to do next, each lab's scores, the checks failed most, time to pass. */
export function learnerView(model: LearnerModel): HTMLElement[] {
  const attempted = model.labs.filter((l) => l.attempts.length > 0)
  const passed = model.labs.filter((l) => l.timeToPassMs !== undefined)
  return [
    h(
      'section',
      { class: 'next', 'aria-labelledby': 'next-title', 'data-next': model.next?.id },
      h('h2', { id: 'next-title' }, 'What to do next'),
      model.next
        ? h('p', {}, h('strong', {}, model.next.title), ` (${model.next.id}): ${model.next.why}`)
        : h('p', {}, 'Every lab is passed. Well done!'),
    ),
    trackMap(model),
    h(
      'section',
      { 'aria-labelledby': 'scores-title' },
      h('h2', { id: 'scores-title' }, 'Score over attempts'),
      attempted.length > 0
        ? h('div', { class: 'grid' }, ...attempted.map(scoreChart))
        : h('p', {}, 'No attempts yet: grade a lab with `pnpm grade <lab>`.'),
    ),
    model.failedMost.length > 0 ? h('section', {}, failedMostChart(model)) : false,
    passed.length > 0
      ? h(
          'section',
          {},
          table(
            'Time from first attempt to pass',
            ['lab', 'attempts', 'time to pass'],
            passed.map((l) => [l.id, l.totalAttempts, duration(l.timeToPassMs!)]),
          ),
        )
      : false,
  ].filter((x): x is HTMLElement => x !== false)
}
