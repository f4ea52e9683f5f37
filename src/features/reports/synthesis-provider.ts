// The optional provider: any OpenAI-compatible endpoint (a self-hosted one, typically). It is
// called only when the operator configured it AND the secretariat enabled it for the
// consultation, and it only ever receives what is already public: themes and recommendations
// built from disclosed submissions, never a name.
import type { Synthesis } from '../../engines/synthesis/index.ts';
import { AppError } from '../../shared/errors.ts';

export interface ProviderConfig {
  url: string;
  /** The chat model that drafts the summary, if any. */
  model: string | undefined;
  /** The embedding model that joins themes across languages, if any (provider-embeddings.ts). */
  embeddingModel: string | undefined;
  key: string | undefined;
}

export interface SummaryRequest {
  language: string;
  title: string;
  synthesis: Synthesis;
}

const TIMEOUT_MS = 120_000;

function prompt(request: SummaryRequest): string {
  const themes = request.synthesis.themes
    .slice(0, 8)
    .map((th, i) => `${i + 1}. ${th.label}: ${th.centralSentence?.text ?? ''}`);
  const recs = request.synthesis.recommendations.slice(0, 15).map((r) => `- ${r.text}`);
  return [`Consultation: ${request.title}`, 'Themes:', ...themes, 'Recommendations:', ...recs].join(
    '\n',
  );
}

/** Asks the provider's chat model for a short summary paragraph in the report's language. */
export async function providerSummary(
  config: ProviderConfig & { model: string },
  request: SummaryRequest,
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const response = await fetchImpl(`${config.url.replace(/\/$/, '')}/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(config.key ? { authorization: `Bearer ${config.key}` } : {}),
    },
    body: JSON.stringify({
      model: config.model,
      temperature: 0.2,
      messages: [
        {
          role: 'system',
          content: `You write the Summary section of a multistakeholder consultation report, in the language whose ISO 639-1 code is "${request.language}". Two to four sentences, neutral, in the style "participants noted…", "experts called for…". Never name or guess any person or organisation (Chatham House rule). Plain text, no headings.`,
        },
        { role: 'user', content: prompt(request) },
      ],
    }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok)
    throw new AppError('provider_failed', `the synthesis provider answered ${response.status}`);
  const body = (await response.json()) as { choices?: Array<{ message?: { content?: string } }> };
  const text = body.choices?.[0]?.message?.content?.trim();
  if (!text) throw new AppError('provider_failed', 'the synthesis provider returned no text');
  return text;
}
