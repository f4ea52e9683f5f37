// One published submission as every page shows it, built only from what the participation rule
// let through (a DisclosedSubmission of the submissions feature fits this shape): identities
// appear only when the disclosed object carries them.
import type { ViewContext } from '../http/view-context.ts';
import { dayLabel, languageName } from './consultation-labels.ts';

export interface PublishedSubmissionView {
  id: string;
  language: string;
  freeText: string;
  answers: Array<{ position: number; question: string; text: string }>;
  publishedOn: string | null;
  author: { displayName: string; organisation: { name: string } | null } | null;
  cosignatories: Array<{ name: string }>;
  cosignatoryCount: number;
}

/** Plain text as paragraphs: participants' text is never interpreted as markup. */
export function Paragraphs({ text, lang }: { text: string; lang: string }) {
  const blocks = text.split(/\n\s*\n/).filter((b) => b.trim());
  return (
    <div class="submission-text" lang={lang} dir="auto">
      {blocks.map((block) => (
        <p>
          {block.split('\n').map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      ))}
    </div>
  );
}

function Attribution({ ctx, s }: { ctx: ViewContext; s: PublishedSubmissionView }) {
  const { t } = ctx;
  const cosigners = s.cosignatories.map((c) => c.name).join(', ');
  return (
    <>
      {s.author && (
        <p>
          {s.author.organisation
            ? t('submission.byOnBehalf', {
                name: s.author.displayName,
                organisation: s.author.organisation.name,
              })
            : t('submission.by', { name: s.author.displayName })}
        </p>
      )}
      {s.cosignatories.length > 0 && (
        <p>{t('submission.cosignedBy', { organisations: cosigners })}</p>
      )}
      {s.cosignatories.length === 0 && s.cosignatoryCount > 0 && (
        <p>{t('submission.joint', { count: s.cosignatoryCount })}</p>
      )}
    </>
  );
}

/** One published submission. Identities appear only when the disclosed object carries them. */
export function PublishedSubmission({
  ctx,
  s,
  level = 2,
}: {
  ctx: ViewContext;
  s: PublishedSubmissionView;
  level?: 2 | 3;
}) {
  const { t, locale } = ctx;
  const Heading = level === 2 ? 'h2' : 'h3';
  const Sub = level === 2 ? 'h3' : 'h4';
  const day = s.publishedOn ? dayLabel(locale, s.publishedOn) : '';
  return (
    <article class="submission" aria-labelledby={`submission-${s.id}`}>
      <Heading id={`submission-${s.id}`}>
        {s.publishedOn ? (
          <a href={`/submissions/${s.id}`}>{t('submission.heading', { day })}</a>
        ) : (
          t('submission.headingUnpublished')
        )}
      </Heading>
      <p class="hint">
        {t('submission.languageLine', { language: languageName(locale, s.language) })}
      </p>
      <Attribution ctx={ctx} s={s} />
      {s.answers.map((a) => (
        <section aria-labelledby={`answer-${s.id}-${a.position}`}>
          <Sub id={`answer-${s.id}-${a.position}`}>
            {t('submission.questionNumber', { number: a.position, question: a.question })}
          </Sub>
          <Paragraphs text={a.text} lang={s.language} />
        </section>
      ))}
      {s.freeText && (
        <section aria-labelledby={`free-${s.id}`}>
          <Sub id={`free-${s.id}`}>{t('submission.freeText')}</Sub>
          <Paragraphs text={s.freeText} lang={s.language} />
        </section>
      )}
    </article>
  );
}
