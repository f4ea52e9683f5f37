// Open-data exports of a consultation's published submissions, built only from disclosed
// submissions: CSV (with a UTF-8 byte-order mark so spreadsheets read Arabic or Chinese right)
// and JSON. Both stream batch by batch, so a large consultation is never held in memory at once.
// The CSV goes through the platform's one CSV writer, which defuses formulas (anyone can write a
// submission, and the file is opened by others); the JSON keeps the exact text.
import { csvText, type CsvCell } from '../../shared/csv-writer.ts';
import type { ConsultationRecord, QuestionRecord } from '../consultations/index.ts';
import { identitiesVisible } from '../../shared/consultation-rules.ts';
import type { DisclosedSubmission } from '../submissions/index.ts';

export interface ExportSource {
  baseUrl: string;
  consultation: ConsultationRecord;
  questions: QuestionRecord[];
  batches: AsyncIterable<DisclosedSubmission[]>;
}

function csvColumns(source: ExportSource): string[] {
  const attributed = identitiesVisible(source.consultation.rule, 'public');
  return [
    'id',
    'url',
    'published_on',
    'language',
    ...source.questions.map((q) => `Q${q.position}. ${q.text}`),
    'free_text',
    ...(attributed ? ['author', 'organisation', 'cosignatories'] : []),
    'cosignatory_count',
    'attachments',
  ];
}

function csvRow(source: ExportSource, s: DisclosedSubmission): CsvCell[] {
  const byQuestion = new Map(s.answers.map((a) => [a.questionId, a.text]));
  const attributed = identitiesVisible(source.consultation.rule, 'public');
  const identity = attributed
    ? [
        s.author?.displayName ?? '',
        s.author?.organisation?.name ?? '',
        s.cosignatories.map((c) => c.name).join('; '),
      ]
    : [];
  return [
    s.id,
    `${source.baseUrl}/submissions/${s.id}`,
    s.publishedOn ?? '',
    s.language,
    ...source.questions.map((q) => byQuestion.get(q.id) ?? ''),
    s.freeText,
    ...identity,
    s.cosignatoryCount,
    s.attachments.map((a) => `${source.baseUrl}/attachments/${a.id}`).join(' '),
  ];
}

export async function* csvExport(source: ExportSource): AsyncGenerator<string> {
  yield csvText([csvColumns(source)], { bom: true });
  for await (const batch of source.batches) {
    if (batch.length > 0) yield csvText(batch.map((s) => csvRow(source, s)));
  }
}

function jsonSubmission(baseUrl: string, s: DisclosedSubmission) {
  return {
    id: s.id,
    url: `${baseUrl}/submissions/${s.id}`,
    publishedOn: s.publishedOn,
    language: s.language,
    answers: s.answers.map((a) => ({
      questionId: a.questionId,
      position: a.position,
      text: a.text,
    })),
    freeText: s.freeText,
    author: s.author,
    cosignatories: s.cosignatories,
    cosignatoryCount: s.cosignatoryCount,
    attachments: s.attachments.map((a) => ({
      url: `${baseUrl}/attachments/${a.id}`,
      fileName: a.fileName,
      mediaType: a.mediaType,
      size: a.size,
    })),
  };
}

export async function* jsonExport(source: ExportSource): AsyncGenerator<string> {
  const c = source.consultation;
  const head = {
    consultation: {
      slug: c.slug,
      title: c.title,
      url: `${source.baseUrl}/consultations/${c.slug}`,
      rule: c.rule,
      languages: c.languages,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
    },
    questions: source.questions.map((q) => ({ id: q.id, position: q.position, text: q.text })),
  };
  yield `${JSON.stringify(head).slice(0, -1)},"submissions":[`;
  let first = true;
  for await (const batch of source.batches) {
    for (const s of batch) {
      yield (first ? '' : ',') + JSON.stringify(jsonSubmission(source.baseUrl, s));
      first = false;
    }
  }
  yield ']}';
}
