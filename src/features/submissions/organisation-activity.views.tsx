// An organisation's own record: what was submitted on its behalf and what it was asked to co-sign.
import { Layout } from '../../http/layout.tsx';
import type { ViewContext } from '../../http/view-context.ts';
import { COSIGN_KEYS, STATUS_KEYS } from './my-submissions.views.tsx';
import type { OrganisationActivity } from './organisation-activity.ts';

function ConsultationLink({ c }: { c: { slug: string; title: string } }) {
  return (
    <a href={`/consultations/${c.slug}`} dir="auto">
      {c.title}
    </a>
  );
}

export function OrganisationActivityPage({
  ctx,
  activity,
}: {
  ctx: ViewContext;
  activity: OrganisationActivity;
}) {
  const { t } = ctx;
  const title = t('org.activity.title', { organisation: activity.organisation.name });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{t('org.activity.intro')}</p>
      <h2>{t('org.activity.submitted')}</h2>
      {activity.submissions.length === 0 ? (
        <p>{t('org.activity.none')}</p>
      ) : (
        <ul>
          {activity.submissions.map((s) => (
            <li>
              <ConsultationLink c={s.consultation} /> —{' '}
              {t(
                STATUS_KEYS[s.status as keyof typeof STATUS_KEYS] ?? 'submission.status.submitted',
              )}{' '}
              ({s.updatedOn})
              {s.status === 'published' && (
                <>
                  {' '}
                  <a href={`/submissions/${s.id}`}>{t('org.activity.read')}</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('org.activity.cosigned')}</h2>
      {activity.cosignatures.length === 0 ? (
        <p>{t('org.activity.none')}</p>
      ) : (
        <ul>
          {activity.cosignatures.map((k) => (
            <li>
              <ConsultationLink c={k.consultation} /> —{' '}
              {t(COSIGN_KEYS[k.status as keyof typeof COSIGN_KEYS] ?? 'cosign.status.invited')}
              {k.submissionStatus === 'published' && (
                <>
                  {' '}
                  <a href={`/submissions/${k.submissionId}`}>{t('org.activity.read')}</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={`/organisations/${activity.organisation.slug}`}>{t('org.activity.back')}</a>
      </p>
    </Layout>
  );
}
