import { describe, expect, it } from 'vitest'
import { findConflictMarkers } from './conflict-markers.ts'

describe('findConflictMarkers', () => {
  it('finds each marker line with its 1-based number', () => {
    const text = 'a\n<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> feature\nb\n'
    expect(findConflictMarkers(text).map((h) => h.line)).toEqual([2, 4, 6])
  })

  it('ignores a Markdown underline when there is no opening or closing marker', () => {
    expect(findConflictMarkers('Title\n=======\n', 'README.md')).toEqual([])
  })

  it('finds a lone ======= left in code, once the other markers were deleted', () => {
    const text = "export const routes = [\n  { path: '/a' },\n=======\n  { path: '/b' },\n]\n"
    expect(findConflictMarkers(text, 'src/app.ts')).toEqual([{ line: 3, text: '=======' }])
  })
})
