/**
 * Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. Status is always
 * written out too, never shown by colour alone.
 */
export const STATUS_COLOURS: Record<string, string> = {
  passed: '#009E73',
  'passed-static': '#56B4E9',
  'in progress': '#E69F00',
  failed: '#D55E00',
  undecided: '#F0E442',
  error: '#CC79A7',
  'not started': '#999999',
}

/** The sequential scheme of the failure-rate heatmap (designed for colour-vision deficiencies). */
export const HEAT_SCHEME = 'cividis'
