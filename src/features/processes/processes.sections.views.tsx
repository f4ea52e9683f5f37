// The public sections of a process page: timeline, documents, related processes, consultations.
// Its secretariat also sees a remove button by each item and the drafts, marked as such.
import type { ViewContext } from '../../http/view-context.ts';
import { formatDate } from '../../i18n/i18n.ts';
import { LOCALE_NAMES, isLocale } from '../../i18n/locales.ts';
import { PostButton } from '../../ui/buttons.tsx';
import { dateInZone, phaseLabel } from '../../ui/consultation-labels.ts';
import { linkLabel, milestoneLabel } from './processes.labels.ts';
import type { ProcessPageModel } from './processes.views.tsx';
import { isAllowedWebAddress } from '../../shared/link-policy.ts';

export function Timeline({ ctx, model }: { ctx: ViewContext; model: ProcessPageModel }) {
  const { t } = ctx;
  const { process, milestones } = model.view;
  if (milestones.length === 0) return <p>{t('secretariat.timeline.none')}</p>;
  return (
    <ol class="links">
      {milestones.map((m) => (
        <li>
          <time datetime={m.date}>{formatDate(ctx.locale, m.date)}</time> —{' '}
          {milestoneLabel(t, m.kind)}: <span dir="auto">{m.title}</span>
          {m.description && <p dir="auto">{m.description}</p>}
          {model.manage && (
            <PostButton
              ctx={ctx}
              action={`/processes/${process.slug}/milestones/${m.id}/remove`}
              label={t('secretariat.remove')}
              ariaLabel={t('secretariat.removeNamed', { name: m.title })}
              secondary
            />
          )}
        </li>
      ))}
    </ol>
  );
}

export function Documents({ ctx, model }: { ctx: ViewContext; model: ProcessPageModel }) {
  const { t } = ctx;
  const { process, documents } = model.view;
  if (documents.length === 0) return <p>{t('secretariat.documents.none')}</p>;
  return (
    <ul class="links">
      {documents.map((d) => (
        <li>
          {/* Stored before the link policy applied here: an address it refuses stays text. */}
          {isAllowedWebAddress(d.url) ? (
            <a href={d.url} rel="nofollow noopener" hreflang={d.language ?? undefined} dir="auto">
              {d.title}
            </a>
          ) : (
            <span dir="auto">{d.title}</span>
          )}
          {d.language && ` (${isLocale(d.language) ? LOCALE_NAMES[d.language] : d.language})`}
          {model.manage && (
            <PostButton
              ctx={ctx}
              action={`/processes/${process.slug}/documents/${d.id}/remove`}
              label={t('secretariat.remove')}
              ariaLabel={t('secretariat.removeNamed', { name: d.title })}
              secondary
            />
          )}
        </li>
      ))}
    </ul>
  );
}

export function Related({ ctx, model }: { ctx: ViewContext; model: ProcessPageModel }) {
  const { t } = ctx;
  const { process, links } = model.view;
  if (links.length === 0) return <p>{t('secretariat.related.none')}</p>;
  return (
    <ul class="links">
      {links.map((l) => (
        <li>
          {linkLabel(t, l)}: <a href={`/processes/${l.slug}`}>{l.title}</a>
          {model.manage && (
            <PostButton
              ctx={ctx}
              action={`/processes/${process.slug}/links/remove`}
              fields={{ otherSlug: l.slug }}
              label={t('secretariat.remove')}
              ariaLabel={t('secretariat.removeNamed', { name: l.title })}
              secondary
            />
          )}
        </li>
      ))}
    </ul>
  );
}

export function Consultations({ ctx, model }: { ctx: ViewContext; model: ProcessPageModel }) {
  const { t } = ctx;
  const slug = model.view.process.slug;
  return (
    <>
      {model.consultations.length === 0 ? (
        <p>{t('secretariat.consultations.none')}</p>
      ) : (
        <ul class="links">
          {model.consultations.map((c) => (
            <li>
              {c.phase === 'draft' ? <strong>{t('secretariat.draftMark')} </strong> : null}
              <a
                href={
                  c.phase === 'draft' ? `/consultations/${c.slug}/edit` : `/consultations/${c.slug}`
                }
              >
                {c.title}
              </a>{' '}
              — {phaseLabel(t, c.phase)},{' '}
              {t('secretariat.closesOn', {
                date: dateInZone(t, ctx.locale, c.closesAt, c.timeZone),
              })}
              {model.manage && (
                <>
                  {' '}
                  (
                  <a href={`/consultations/${c.slug}/dashboard`}>
                    {t('secretariat.dashboard.title')}
                  </a>
                  )
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {model.manage && (
        <p>
          <a class="button" href={`/processes/${slug}/consultations/new`}>
            {t('secretariat.consultation.new')}
          </a>
        </p>
      )}
    </>
  );
}
