/// <reference path="./parse-prometheus-text-format.d.ts" />
import parsePrometheusTextFormat from 'parse-prometheus-text-format'

/** One sample line: its labels and value. */
export interface PromSample {
  labels: Record<string, string>
  value: number
}

/** A scrape of a `/metrics` page: every family's type, and every sample by its full name. */
export interface PromScrape {
  /** family name → 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped' */
  types: Map<string, string>
  /** sample name (e.g. `x_total`, `x_bucket`, `x_sum`) → its samples */
  samples: Map<string, PromSample[]>
}

/**
 * Parses the Prometheus text exposition format with parse-prometheus-text-format (throws on a
 * malformed page). The library folds a histogram's samples into one unlabelled object, dropping the
 * labels, so histogram families are parsed a second time as untyped to keep each sample's labels.
 */
export function parsePromText(text: string): PromScrape {
  // the library drops the last sample when the page does not end with a newline
  const page = text.endsWith('\n') ? text : `${text}\n`
  const types = new Map<string, string>()
  for (const family of parsePrometheusTextFormat(page)) types.set(family.name, family.type.toLowerCase())
  const flat = page.replace(/^# TYPE (\S+) (histogram|summary)$/gm, '# TYPE $1 untyped')
  const samples = new Map<string, PromSample[]>()
  for (const family of parsePrometheusTextFormat(flat))
    for (const m of family.metrics) {
      if (m.value === undefined) continue
      const name = family.name
      const list = samples.get(name) ?? []
      list.push({ labels: m.labels ?? {}, value: Number(m.value) })
      samples.set(name, list)
    }
  return { types, samples }
}

/** The sum of the values of `name`'s samples whose labels include every pair of `match`. */
export function sumWhere(scrape: PromScrape, name: string, match: Record<string, string>): number {
  return (scrape.samples.get(name) ?? [])
    .filter((s) => Object.entries(match).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0)
}
