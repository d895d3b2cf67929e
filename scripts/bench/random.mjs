// Seeded randomness for the bench's generated repositories: every machine builds the same history.

/** Deterministic PRNG (mulberry32). */
export function random(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `entries` ([value, weight] pairs), chosen by weight. */
export function weighted(rand, entries) {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let pick = rand() * total;
  for (const [value, weight] of entries) {
    pick -= weight;
    if (pick < 0) return value;
  }
  return entries[0][0];
}

export function pick(rand, list) {
  return list[Math.floor(rand() * list.length)];
}

/** An integer in [low, high]. */
export function between(rand, low, high) {
  return low + Math.floor(rand() * (high - low + 1));
}
