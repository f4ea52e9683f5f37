// Live results: tells the open results pages of a conversation when a
// newer opinion map is cached. The map is computed by the job worker, possibly in another process,
// and read by any number of app instances, so the database is the only place that knows: each
// instance runs one poller per watched conversation (one primary-key read of
// opinion_maps.version every couple of seconds, however many pages are open on that instance),
// started with the first subscriber and stopped with the last.
//
// Why polling and not PostgreSQL LISTEN/NOTIFY: the map changes at most once per debounce window
// (RECOMPUTE_DEBOUNCE_MS), so a 2-second poll adds little delay to what is already a 5-second
// wait; the read is as cheap as reads get; and it works the same on SQLite, with no dedicated
// listening connection to hold and re-establish per instance. Nothing here outlives a restart:
// the version is in the database, and a reconnecting page is sent the current one.
//
// Events carry the map version and nothing else: never who voted or when.

export const POLL_MS = 2_000;
/** Open streams per instance; beyond it the endpoint answers 503 and pages fall back to reload. */
export const MAX_STREAMS = 1_000;

export type MapListener = (version: number) => void;

export interface MapEventsOptions {
  /** The cached map's version of a conversation (undefined when none is cached yet). */
  mapVersion(conversationId: string): Promise<number | undefined>;
  pollMs?: number;
  maxStreams?: number;
  /** Where a failed read is reported; the poller carries on at the next tick. */
  onError?: (error: unknown) => void;
}

interface Watch {
  listeners: Set<MapListener>;
  version: number | undefined;
  timer: NodeJS.Timeout;
  busy: boolean;
}

export function mapEvents(options: MapEventsOptions) {
  const pollMs = options.pollMs ?? POLL_MS;
  const maxStreams = options.maxStreams ?? MAX_STREAMS;
  const watches = new Map<string, Watch>();
  let streams = 0;

  async function poll(conversationId: string, watch: Watch): Promise<void> {
    if (watch.busy) return;
    watch.busy = true;
    try {
      const version = await options.mapVersion(conversationId);
      if (version === undefined || (watch.version !== undefined && version <= watch.version))
        return;
      watch.version = version;
      for (const listener of watch.listeners) listener(version);
    } catch (error) {
      options.onError?.(error);
    } finally {
      watch.busy = false;
    }
  }

  return {
    /** Whether this instance holds as many streams as it may. */
    full: () => streams >= maxStreams,
    /**
     * Calls `listener` with the current version (once known) and with every newer one. Returns
     * the unsubscribe function, or null when this instance already holds `maxStreams` streams.
     */
    subscribe(conversationId: string, listener: MapListener): (() => void) | null {
      if (streams >= maxStreams) return null;
      streams++;
      let watch = watches.get(conversationId);
      if (!watch) {
        const created: Watch = {
          listeners: new Set(),
          version: undefined,
          busy: false,
          timer: setInterval(() => void poll(conversationId, created), pollMs),
        };
        created.timer.unref();
        watches.set(conversationId, created);
        watch = created;
        void poll(conversationId, created);
      } else if (watch.version !== undefined) {
        listener(watch.version);
      }
      const current = watch;
      current.listeners.add(listener);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        streams--;
        current.listeners.delete(listener);
        if (current.listeners.size === 0 && watches.get(conversationId) === current) {
          clearInterval(current.timer);
          watches.delete(conversationId);
        }
      };
    },
    /** Conversations watched and streams open on this instance (for tests and metrics). */
    stats(): { conversations: number; streams: number } {
      return { conversations: watches.size, streams };
    },
  };
}

export type MapEvents = ReturnType<typeof mapEvents>;
