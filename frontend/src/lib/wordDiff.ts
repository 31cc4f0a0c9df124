// Word-level differences between two versions of a text, for showing an agreement's versions
// side by side. jsdiff does the comparison; this module only shapes it for the two columns.
import { diffWordsWithSpace } from 'diff'

export type Piece = { text: string; change: 'same' | 'removed' | 'added' }

/** sides returns the older text's pieces (with what was removed) and the newer text's (with
 * what was added), so each column reads as its own whole text. */
export function sides(older: string, newer: string): { before: Piece[]; after: Piece[] } {
  const before: Piece[] = []
  const after: Piece[] = []
  for (const part of diffWordsWithSpace(older, newer)) {
    if (part.added) after.push({ text: part.value, change: 'added' })
    else if (part.removed) before.push({ text: part.value, change: 'removed' })
    else {
      before.push({ text: part.value, change: 'same' })
      after.push({ text: part.value, change: 'same' })
    }
  }
  return { before, after }
}
