/**
 * Learner-controlled text (build logs, container output, file contents quoted in messages) may hold
 * terminal control sequences: ESC[2J clears the screen, ESC[8m hides what follows, CR overwrites a
 * line, OSC sets titles or links. Every reporter passes such text through `plainText` so that a
 * submission can neither hide nor fake anything the grader prints.
 */
// CSI (ESC [ … final), OSC (ESC ] … BEL or ST), other two-byte escapes, then C1 controls.
const ESCAPES =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b[ -/]*[0-~]?|\u009b[0-?]*[ -/]*[@-~]/g
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g

/** Removes terminal control sequences and control characters; keeps newlines and tabs. */
export function plainText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(ESCAPES, '').replace(CONTROLS, '')
}
