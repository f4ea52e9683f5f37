// A small seeded generator (mulberry32) for everything that must give the same result for the same
// input (the opinion map, theme clustering, the demo's votes), so nothing depends on Math.random.
// Tiny, fast and good enough for initialisation choices and generated data; not for secrets.
export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
