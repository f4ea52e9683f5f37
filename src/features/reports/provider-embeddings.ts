// Embeddings from the optional provider (POST {url}/embeddings, OpenAI format): what lets themes,
// near-duplicates and coding join inputs across languages that share no spelling (Arabic,
// Russian, Chinese and the rest). Called only where the secretariat enabled the provider; what
// it receives is the published text of each input, never a name. A provider that keeps failing
// fails the report job with a message saying so: the draft is never silently local-only.
import { AppError } from '../../shared/errors.ts';
import type { ProviderConfig } from './synthesis-provider.ts';

export interface EmbeddingOptions {
  fetchImpl?: typeof fetch;
  /** Texts per request (default 64). */
  batchSize?: number;
  /** Per request (default 60 s). */
  timeoutMs?: number;
  /** Attempts per batch on 429, 5xx, timeouts and network errors (default 4). */
  attempts?: number;
  /** First backoff; doubled at each retry (default 1 s). */
  backoffMs?: number;
  /** Called after each batch with the share of texts embedded. */
  onProgress?: (fraction: number) => Promise<void>;
  sleep?: (ms: number) => Promise<void>;
}

/** Long submissions are cut: embedding models take a few thousand tokens, the start says most. */
const MAX_CHARS = 8000;
const MAX_WAIT_MS = 30_000;

const failed = (detail: string) =>
  new AppError('provider_failed', `the synthesis provider's embeddings failed: ${detail}`);

function retriable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Retry-After in seconds, when the provider sends one, else exponential backoff. */
function waitFor(response: Response | undefined, attempt: number, backoffMs: number): number {
  const header = Number(response?.headers.get('retry-after'));
  const ms = Number.isFinite(header) && header > 0 ? header * 1000 : backoffMs * 2 ** attempt;
  return Math.min(ms, MAX_WAIT_MS);
}

function parseBatch(body: unknown, count: number): number[][] {
  const data = (body as { data?: Array<{ index?: number; embedding?: unknown }> })?.data;
  if (!Array.isArray(data) || data.length !== count)
    throw failed(`expected ${count} embeddings, got ${Array.isArray(data) ? data.length : 'none'}`);
  const out: number[][] = new Array<number[]>(count);
  data.forEach((d, position) => {
    const at = typeof d.index === 'number' ? d.index : position;
    const e = d.embedding;
    if (!Array.isArray(e) || e.length === 0 || !e.every((x) => Number.isFinite(x)) || at >= count)
      throw failed('an embedding is not a list of numbers');
    out[at] = e as number[];
  });
  const size = out[0]?.length;
  if (out.some((e) => e === undefined || e.length !== size))
    throw failed('embeddings of different sizes');
  return out;
}

async function embedBatch(
  config: ProviderConfig & { embeddingModel: string },
  texts: string[],
  o: Required<Omit<EmbeddingOptions, 'onProgress'>>,
): Promise<number[][]> {
  let last = '';
  for (let attempt = 0; attempt < o.attempts; attempt++) {
    let response: Response | undefined;
    try {
      response = await o.fetchImpl(`${config.url.replace(/\/$/, '')}/embeddings`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(config.key ? { authorization: `Bearer ${config.key}` } : {}),
        },
        body: JSON.stringify({ model: config.embeddingModel, input: texts }),
        signal: AbortSignal.timeout(o.timeoutMs),
      });
    } catch (error) {
      last = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'unreachable';
    }
    if (response?.ok) return parseBatch(await response.json(), texts.length);
    if (response && !retriable(response.status)) throw failed(`it answered ${response.status}`);
    if (response) last = `it answered ${response.status}`;
    if (attempt + 1 < o.attempts) await o.sleep(waitFor(response, attempt, o.backoffMs));
  }
  throw failed(`${last} (${o.attempts === 1 ? '1 attempt' : `${o.attempts} attempts`})`);
}

/** One embedding per text, in order; identical texts (campaigns) are sent once. */
export async function providerEmbeddings(
  config: ProviderConfig,
  texts: readonly string[],
  options: EmbeddingOptions = {},
): Promise<number[][]> {
  const model = config.embeddingModel;
  if (!model) throw failed('no embedding model is configured');
  const o = {
    fetchImpl: options.fetchImpl ?? fetch,
    batchSize: options.batchSize ?? 64,
    timeoutMs: options.timeoutMs ?? 60_000,
    attempts: options.attempts ?? 4,
    backoffMs: options.backoffMs ?? 1000,
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
  };
  const unique = [...new Set(texts.map((t) => t.slice(0, MAX_CHARS)))];
  const byText = new Map<string, number[]>();
  for (let start = 0; start < unique.length; start += o.batchSize) {
    const batch = unique.slice(start, start + o.batchSize);
    const vectors = await embedBatch({ ...config, embeddingModel: model }, batch, o);
    batch.forEach((t, i) => byText.set(t, vectors[i]!));
    await options.onProgress?.(Math.min(1, (start + batch.length) / unique.length));
  }
  const out = texts.map((t) => byText.get(t.slice(0, MAX_CHARS))!);
  if (new Set(out.map((e) => e.length)).size > 1) throw failed('embeddings of different sizes');
  return out;
}
