import type { DashboardModel } from './dashboard-model.ts'
import { PAGE_STYLE } from './page-style.ts'

/** JSON safe inside a <script> element: nothing in it can close the element. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029')
}

export interface PageOptions {
  /** Served live: the page listens for updates on /events. */
  live: boolean
  /** The page's script: a URL to load, or its text to inline (a self-contained report). */
  script: { src: string } | { inline: string }
}

/** The dashboard page: a heading painted at once, the model as JSON, and the bundled script that draws it. */
export function pageHtml(model: DashboardModel, options: PageOptions): string {
  const heading = model.kind === 'learner' ? 'Your progress' : 'Class results'
  const script =
    'src' in options.script
      ? `<script defer src="${options.script.src}"></script>`
      : `<script>${options.script.inline.replaceAll('</script', '<\\/script')}</script>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Backend Labs: ${heading}</title>
<style>${PAGE_STYLE}</style>
</head>
<body data-live="${options.live}" data-view="${model.kind}">
<header><h1>Backend Labs: ${heading}</h1><p>Generated ${model.generatedAt.slice(0, 16).replace('T', ' ')} UTC${options.live ? (model.kind === 'learner' ? ', updated live as you grade' : ', updated when the results change') : ''}.</p></header>
<main id="app" aria-live="polite"></main>
<script id="dashboard-model" type="application/json">${scriptSafeJson(model)}</script>
${script}
</body>
</html>
`
}
