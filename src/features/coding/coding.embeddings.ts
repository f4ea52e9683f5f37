// The provider's embeddings for assisted coding. Used only when the operator configured an
// embedding model AND the secretariat enabled the provider for the consultation (the reports
// feature's setting). Pages only read the cache; the provider is called by the refresh job alone,
// for the texts whose current version (model and SHA-256 of the text) has no cached embedding.
import { createHash } from 'node:crypto';
import type { CodingEmbeddings, SynthesisInput } from '../../engines/synthesis/index.ts';
import type { JobQueue, JobState } from '../../jobs/queue.ts';
import type { Clock } from '../../shared/clock.ts';
import { providerEmbeddings, type ProviderConfig } from '../reports/index.ts';
import type { CodingStore, ThemeRecord } from './coding.store.ts';

export const REFRESH_JOB = 'coding.embeddings';
/** Texts embedded and saved together: a provider failing late keeps what came before. */
const SAVE_EVERY = 256;

export interface EmbeddingDeps {
  store: CodingStore;
  jobs: JobQueue;
  clock: Clock;
  /** The reports feature's answer to "may the provider be called for this consultation?". */
  reports: { providerEnabled(consultationId: string): Promise<boolean> };
  provider: ProviderConfig | undefined;
  fetchImpl?: typeof fetch;
}

export interface RefreshPayload {
  consultationId: string;
}

/** Whether scores use the provider's embeddings, and how far the cache is from complete. */
export interface EmbeddingStatus {
  /** unavailable: no embedding model configured; disabled: not enabled for this consultation. */
  mode: 'unavailable' | 'disabled' | 'active';
  model: string | null;
  /** Contributions and themes with no cached embedding of their current text. */
  missing: number;
  job: JobState | undefined;
}

type Progress = (fraction: number, note?: string) => Promise<void>;

/** What a theme is embedded from: the name and description the engine compares inputs with. */
const themeText = (th: { label: string; description: string }) =>
  `${th.label}. ${th.description}`.trim();

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every text that should have an embedding, by input id (submission or theme): its text and hash. */
function embeddable(
  inputs: readonly SynthesisInput[],
  themes: readonly ThemeRecord[],
): Map<string, { text: string; hash: string }> {
  const out = new Map<string, { text: string; hash: string }>();
  for (const [id, text] of [
    ...inputs.map((x) => [x.id, x.text] as const),
    ...themes.map((th) => [th.id, themeText(th)] as const),
  ])
    if (text.trim()) out.set(id, { text, hash: hashOf(text) });
  return out;
}

export function codingEmbeddings(deps: EmbeddingDeps) {
  const { store, jobs } = deps;
  const now = () => deps.clock.now().toISOString();

  /** The embedding model, when one is configured AND the provider is enabled for the consultation. */
  async function activeModel(consultationId: string): Promise<string | undefined> {
    const model = deps.provider?.embeddingModel;
    return model && (await deps.reports.providerEnabled(consultationId)) ? model : undefined;
  }

  return {
    activeModel,

    /** Cached embeddings of the current texts (never fetched here) and the status pages show. */
    async cached(
      consultationId: string,
      inputs: readonly SynthesisInput[],
      themes: readonly ThemeRecord[],
    ): Promise<{ status: EmbeddingStatus; embeddings: CodingEmbeddings | undefined }> {
      const jobId = await store.refreshJob(consultationId);
      const job = jobId ? await jobs.get(jobId) : undefined;
      const model = await activeModel(consultationId);
      if (!model) {
        const mode = deps.provider?.embeddingModel ? 'disabled' : 'unavailable';
        return { status: { mode, model: null, missing: 0, job }, embeddings: undefined };
      }
      const wanted = embeddable(inputs, themes);
      const found = new Map<string, Float32Array>();
      for (const e of await store.embeddings(consultationId, model))
        if (wanted.get(e.inputId)?.hash === e.textHash) found.set(e.inputId, e.vector);
      const themeIds = new Set(themes.map((th) => th.id));
      const embeddings: CodingEmbeddings = {
        inputs: new Map([...found].filter(([id]) => !themeIds.has(id))),
        themes: new Map([...found].filter(([id]) => themeIds.has(id))),
      };
      const status = { mode: 'active' as const, model, missing: wanted.size - found.size, job };
      return { status, embeddings };
    },

    /** Queues the job that fetches missing embeddings; a request while one waits or runs joins it. */
    async queueRefresh(consultationId: string): Promise<string> {
      const jobId = await jobs.enqueue(REFRESH_JOB, { consultationId } satisfies RefreshPayload, {
        uniqueKey: `coding-embeddings:${consultationId}`,
        maxAttempts: 2,
      });
      await store.setRefreshJob(consultationId, jobId, now());
      return jobId;
    },

    /** The job's work: embed what has no cached embedding, save as it comes, drop stale ones. */
    async fetchMissing(
      consultationId: string,
      model: string,
      inputs: readonly SynthesisInput[],
      themes: readonly ThemeRecord[],
      progress: Progress,
    ): Promise<{ embedded: number }> {
      const provider = deps.provider;
      if (!provider) return { embedded: 0 };
      const wanted = embeddable(inputs, themes);
      const cached = new Set(
        (await store.embeddings(consultationId, model)).map((e) => `${e.inputId} ${e.textHash}`),
      );
      const missing = [...wanted].filter(([id, w]) => !cached.has(`${id} ${w.hash}`));
      await progress(0, 'embedding');
      for (let start = 0; start < missing.length; start += SAVE_EVERY) {
        const chunk = missing.slice(start, start + SAVE_EVERY);
        const vectors = await providerEmbeddings(
          provider,
          chunk.map(([, w]) => w.text),
          {
            ...(deps.fetchImpl ? { fetchImpl: deps.fetchImpl } : {}),
            onProgress: (f) => progress((start + f * chunk.length) / missing.length, 'embedding'),
          },
        );
        const rows = chunk.map(([inputId, w], i) => ({
          inputId,
          textHash: w.hash,
          vector: vectors[i]!,
        }));
        await store.saveEmbeddings(consultationId, model, rows, now());
      }
      const current = new Map([...wanted].map(([id, w]) => [id, w.hash]));
      await store.pruneEmbeddings(consultationId, model, current);
      return { embedded: missing.length };
    },
  };
}
