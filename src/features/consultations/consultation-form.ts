// Reads the secretariat's consultation form: the fields the service wants, the numbered question
// fieldsets (q1-text, q1-help, q1-id, q1-position…) and the invitees, and the same values again
// as the form shows them.
import { list, text, type FormBody } from '../../http/form-body.ts';
import type { FormState } from '../../ui/forms.tsx';
import { utcToZoned } from '../../shared/time-zones.ts';
import type { ConsultationInput, QuestionInput } from './consultations.service.ts';
import type { ConsultationRecord } from './consultations.store.ts';

const MAX_QUESTIONS = 100;

/** What the form posted, as the service wants it and as the form shows it again. */
export interface PostedForm {
  input: ConsultationInput;
  questions: QuestionInput[];
  emails: string[];
  values: Record<string, string>;
}

function postedQuestions(body: FormBody): Array<QuestionInput & { position: number }> {
  const questions: Array<QuestionInput & { position: number }> = [];
  for (let n = 1; n <= MAX_QUESTIONS && body[`q${n}-text`] !== undefined; n++) {
    const q = {
      id: text(body, `q${n}-id`) || undefined,
      text: text(body, `q${n}-text`),
      help: text(body, `q${n}-help`),
      position: Number(text(body, `q${n}-position`)) || n,
    };
    if (q.text || q.help) questions.push(q);
  }
  // A stable sort: equal positions keep the order on the page.
  return questions.sort((a, b) => a.position - b.position);
}

export function questionValues(
  questions: Array<{ id?: string | undefined; text: string; help: string }>,
): Record<string, string> {
  return Object.fromEntries(
    questions.flatMap((q, i) => [
      [`q${i + 1}-id`, q.id ?? ''],
      [`q${i + 1}-text`, q.text],
      [`q${i + 1}-help`, q.help],
      [`q${i + 1}-position`, String(i + 1)],
    ]),
  );
}

export function readForm(body: FormBody): PostedForm {
  const input: ConsultationInput = {
    title: text(body, 'title'),
    context: text(body, 'context'),
    languages: list(body, 'languages'),
    eligibility: text(body, 'eligibility'),
    rule: text(body, 'rule'),
    opensAtLocal: text(body, 'opensAt'),
    closesAtLocal: text(body, 'closesAt'),
    timeZone: text(body, 'timeZone'),
  };
  const questions = postedQuestions(body);
  const emails = text(body, 'emails')
    .split(/[\s,;]+/)
    .filter(Boolean);
  const values = {
    title: input.title,
    context: input.context,
    eligibility: input.eligibility,
    rule: input.rule,
    opensAt: input.opensAtLocal,
    closesAt: input.closesAtLocal,
    timeZone: input.timeZone,
    emails: text(body, 'emails'),
    ...questionValues(questions),
  };
  return { input, questions: questions.map(({ position: _p, ...q }) => q), emails, values };
}

/** The form as a saved consultation fills it, times shown in its own time zone. */
export function savedState(
  c: ConsultationRecord,
  questions: QuestionInput[],
): { state: FormState; languages: string[] } {
  const values = {
    title: c.title,
    context: c.context,
    eligibility: c.eligibility,
    rule: c.rule,
    opensAt: utcToZoned(c.opensAt, c.timeZone),
    closesAt: utcToZoned(c.closesAt, c.timeZone),
    timeZone: c.timeZone,
    emails: '',
    ...questionValues(questions),
  };
  return { state: { values, errors: {} }, languages: c.languages };
}
