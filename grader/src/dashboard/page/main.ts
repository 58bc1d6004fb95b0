import type { DashboardModel } from '../dashboard-model.ts'
import { classView } from './class-view.ts'
import { h } from './dom.ts'
import { learnerView } from './learner-view.ts'

let renders = 0

function render(model: DashboardModel): void {
  const app = document.getElementById('app')!
  const notices = model.notices.map((n) => h('p', { class: 'notice', role: 'status' }, n))
  app.replaceChildren(...notices, ...(model.kind === 'learner' ? learnerView(model) : classView(model)))
  renders++
  document.body.dataset.renders = String(renders)
  document.body.dataset.generatedAt = model.generatedAt
}

const initial = JSON.parse(document.getElementById('dashboard-model')!.textContent ?? '{}') as DashboardModel
render(initial)
// Served by `labs dashboard` (not a saved report): redraw whenever the history changes.
if (document.body.dataset.live === 'true') {
  const events = new EventSource('/events')
  events.addEventListener('model', (e) =>
    render(JSON.parse((e as MessageEvent<string>).data) as DashboardModel),
  )
}
