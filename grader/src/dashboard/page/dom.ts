type Child = Node | string | number | undefined | false
type Attrs = Record<string, string | number | boolean | undefined>

/** Creates an element: `h('p', { class: 'x' }, 'text', child)`. Text is always set as text, never HTML. */
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs))
    if (v !== undefined && v !== false) el.setAttribute(k, String(v))
  for (const c of children)
    if (c !== undefined && c !== false)
      el.append(typeof c === 'object' ? c : document.createTextNode(String(c)))
  return el
}

/** A data table: the text alternative of a chart, or a view of its own. */
export function table(
  caption: string,
  head: string[],
  rows: (string | number)[][],
  rowAttrs?: (i: number) => Attrs,
) {
  return h(
    'table',
    {},
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...head.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, ...rows.map((r, i) => h('tr', rowAttrs?.(i) ?? {}, ...r.map((c) => h('td', {}, c))))),
  )
}

/** A chart with its caption and its data as a table (collapsed), for screen readers and for checking. */
export function figure(attrs: Attrs, caption: string, chart: Element, alternative: HTMLElement): HTMLElement {
  return h(
    'figure',
    attrs,
    h('figcaption', {}, caption),
    chart,
    h('details', {}, h('summary', {}, 'Data table'), alternative),
  )
}

export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.round(hours / 24)} days`
}
