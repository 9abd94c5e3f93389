import { checkDeadline } from '../engine/budget.ts'

/** Damerau-free Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.length]!
}

const normalise = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '')

/** The closest candidate: same letters ignoring case and separators, else within a third of the length. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  checkDeadline()
  let best: string | undefined
  let bestScore = Infinity
  const target = normalise(word)
  const limit = Math.max(1, Math.floor(word.length / 3))
  for (const candidate of candidates) {
    const other = normalise(candidate)
    if (other === target) return candidate
    // The distance is at least the difference in length: skip candidates that cannot qualify.
    if (Math.abs(other.length - target.length) > limit) continue
    checkDeadline()
    const score = editDistance(target, other)
    if (score < bestScore) {
      bestScore = score
      best = candidate
    }
  }
  return best !== undefined && bestScore <= limit ? best : undefined
}

export function didYouMean(word: string, candidates: Iterable<string>): string {
  const hint = closest(word, candidates)
  return hint ? ` (did you mean \`${hint}\`?)` : ''
}
