// Suggest the closest known name for a misspelt one (Levenshtein distance), for error hints.
// Not a fuzzy search: returns at most one name, and only when it is plausibly a typo.

export function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/**
 * The known name nearest to `name`, if within a third of its length (at least 2 edits allowed)
 * and not a complete rewrite ("ab" is not a typo of "cd").
 */
export function didYouMean(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = levenshtein(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(name.length / 3));
  if (best === undefined || bestDistance > allowed) return undefined;
  return bestDistance < Math.max(name.length, best.length) ? best : undefined;
}
