// Rendered parts of pages that are the same for everyone allowed to see the page, signed in or
// not: the person's own parts (header, calls to action, CSRF tokens) are rendered around them on
// every request. The caller's key names everything a part shows — for a consultation, the content
// version the database raises on each change — so a write on any instance makes the next request
// build it afresh. Requests that miss the same key at once share one build: right after a change,
// a hundred readers cost one rendering, not a hundred. Bounded by bytes.
import { LRUCache } from 'lru-cache';

export function fragmentCache(maxBytes: number) {
  const kept = new LRUCache<string, string[]>({
    maxSize: maxBytes,
    sizeCalculation: (parts, key) => parts.reduce((n, p) => n + p.length, key.length),
  });
  const building = new Map<string, Promise<string[]>>();

  return {
    /** The parts kept under `key`, else those `build` renders (kept for the next request). */
    async get(key: string, build: () => Promise<string[]>): Promise<string[]> {
      const hit = kept.get(key);
      if (hit) return hit;
      let pending = building.get(key);
      if (!pending) {
        pending = build()
          .then((parts) => {
            kept.set(key, parts);
            return parts;
          })
          .finally(() => building.delete(key));
        building.set(key, pending);
      }
      return pending;
    },
  };
}

export type FragmentCache = ReturnType<typeof fragmentCache>;
