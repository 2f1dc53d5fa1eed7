// The order in which benchmarks/speed asks its workers for a round's measurements.

/**
 * The columns in round r's order: shuffled (Fisher–Yates, a fixed generator seeded by the round), so that
 * over the rounds each column follows different ones. A rotation would not do that: it keeps the cyclic
 * order, so every column but one per round follows the same column every time (native-1 always came right
 * after PyTorch's 2-thread request).
 */
export function roundOrder<T>(columns: readonly T[], round: number): T[] {
  const order = [...columns];
  let s = (round + 1) * 0x9e3779b9;
  for (let i = order.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
