// The iCalendar of a process: its milestones as all-day events, and each published consultation's
// opening and deadline at their exact public times (a schedule, not anyone's activity).
import ical, { ICalCalendarMethod } from 'ical-generator';
import { withoutControls } from '../../shared/invisible-characters.ts';
import type { Translate } from '../../i18n/i18n.ts';
import type { ConsultationRecord } from '../consultations/index.ts';
import type { MilestoneRecord, ProcessRecord } from '../processes/index.ts';

export interface CalendarInput {
  baseUrl: string;
  t: Translate;
  process: ProcessRecord;
  milestones: MilestoneRecord[];
  consultations: ConsultationRecord[];
}

export function processCalendar({
  baseUrl,
  t,
  process,
  milestones,
  consultations,
}: CalendarInput): string {
  const host = new URL(baseUrl).hostname;
  const processUrl = `${baseUrl}/processes/${process.slug}`;
  const calendar = ical({
    name: process.title,
    prodId: { company: 'Polylogue', product: 'Polylogue', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    url: processUrl,
  });
  for (const m of milestones) {
    calendar.createEvent({
      id: `milestone-${m.id}@${host}`,
      allDay: true,
      start: new Date(`${m.date}T00:00:00Z`),
      summary: m.title,
      description: m.description || null,
      url: processUrl,
      categories: [{ name: m.kind.toUpperCase() }],
    });
  }
  for (const c of consultations.filter((x) => x.publishedAt)) {
    const url = `${baseUrl}/consultations/${c.slug}`;
    calendar.createEvent({
      id: `consultation-${c.id}-opens@${host}`,
      start: new Date(c.opensAt),
      end: new Date(c.opensAt),
      summary: t('opendata.calendar.opens', { title: c.title }),
      url,
    });
    calendar.createEvent({
      id: `consultation-${c.id}-deadline@${host}`,
      start: new Date(c.closesAt),
      end: new Date(c.closesAt),
      summary: t('opendata.calendar.deadline', { title: c.title }),
      url,
      categories: [{ name: 'DEADLINE' }],
    });
  }
  // iCalendar text may hold no control character but tab (RFC 5545 §3.3.11); text stored before
  // input was cleaned at the edge must not break a subscriber's calendar. CRLF line ends stay.
  return withoutControls(calendar.toString());
}
