/** `1 warning`, `2 warnings`: a count with its noun, for messages and summaries. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`
