import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeInputs, type CodebookTheme } from './index.ts';

const CODEBOOK: CodebookTheme[] = [
  { id: 'transport', label: 'Transport', description: 'buses, trains, fares and public transport' },
  { id: 'housing', label: 'Housing', description: 'rents, affordable homes and housing' },
];

// Words the descriptions never use ("tram", "metro", "landlord", "tenants") are learnt from labels.
const TRANSPORT = [
  'tram',
  'metro',
  'tram stop',
  'metro line',
  'night tram',
  'metro station',
  'tram lines',
  'metro fares',
];
const HOUSING = [
  'landlord',
  'tenants',
  'landlord deposit',
  'tenants union',
  'evicted tenants',
  'landlord repairs',
];
const inputs = [
  ...TRANSPORT.map((t, i) => ({
    id: `t${i}`,
    text: `The ${t} is a problem for us`,
    language: 'en',
  })),
  ...HOUSING.map((t, i) => ({ id: `h${i}`, text: `The ${t} is a problem for us`, language: 'en' })),
  { id: 'b0', text: 'Bus fares are too high', language: 'en' },
  { id: 'r0', text: 'Rents and housing costs are too high', language: 'en' },
];
const truth = (id: string) => (id.startsWith('t') || id.startsWith('b') ? 'transport' : 'housing');
const heldOut = inputs.filter((x) => /^[th][4-9]$/.test(x.id));

function accuracy(result: ReturnType<typeof codeInputs>) {
  const right = heldOut.filter((x) => {
    const s = result.scores[x.id]!;
    return (s.transport! > s.housing! ? 'transport' : 'housing') === truth(x.id);
  });
  return right.length / heldOut.length;
}

test('without labels the description decides and every input gets a score per theme', () => {
  const result = codeInputs(inputs, CODEBOOK);
  assert.equal(Object.keys(result.scores).length, inputs.length);
  assert.ok(result.scores.b0!.transport! > result.scores.b0!.housing!);
  assert.ok(result.scores.r0!.housing! > result.scores.r0!.transport!);
  assert.ok(result.proposals.find((p) => p.inputId === 'b0')!.themeIds.includes('transport'));
  assert.equal(result.reviewOrder.length, inputs.length);
});

test('confirmed and corrected labels improve the proposals for unlabelled inputs', () => {
  const labels = inputs
    .filter((x) => /^[th][0-3]$/.test(x.id))
    .map((x) => ({ inputId: x.id, themeIds: [truth(x.id)] }));
  const before = accuracy(codeInputs(inputs, CODEBOOK));
  const after = codeInputs(inputs, CODEBOOK, labels);
  assert.ok(accuracy(after) > before, `${before} → ${accuracy(after)}`);
  assert.equal(accuracy(after), 1);
  const labelled = after.proposals.find((p) => p.inputId === 't0')!;
  assert.deepEqual(labelled, {
    inputId: 't0',
    themeIds: ['transport'],
    confirmed: true,
    sourceIds: ['t0'],
  });
  assert.ok(!after.reviewOrder.includes('t0'));
});

test('active learning asks first about the least confident input', () => {
  const result = codeInputs(inputs, CODEBOOK);
  const margin = (id: string) =>
    Math.min(...Object.values(result.scores[id]!).map((p) => Math.abs(p - 0.5)));
  const margins = result.reviewOrder.map(margin);
  assert.deepEqual(
    margins,
    [...margins].sort((a, b) => a - b),
  );
});

// Embeddings in the manner of a multilingual model: one direction per topic, whatever the language.
const MULTILINGUAL = [
  { id: 'es1', text: 'El metro y los autobuses deben ser gratuitos', language: 'es' },
  { id: 'ar1', text: 'يجب أن تكون الحافلات والقطارات أرخص', language: 'ar' },
  { id: 'en2', text: 'Landlords raise the rent every year', language: 'en' },
  { id: 'es2', text: 'Los alquileres son demasiado caros', language: 'es' },
  { id: 'fr3', text: 'Les hôpitaux manquent de médecins', language: 'fr' },
  { id: 'en3', text: 'Hospitals need more nurses', language: 'en' },
  { id: 'en4', text: 'Schools need more teachers', language: 'en' },
  { id: 'ru4', text: 'Школам нужны учителя', language: 'ru' },
];
const TOPICS = ['transport', 'housing', 'health', 'schools'];
const topicOf = (id: string) => TOPICS[Number(id.slice(-1)) - 1]!;
const direction = (topic: string) => [...TOPICS.map((t) => (t === topic ? 1 : 0)), 0.05];
const embeddings = {
  inputs: new Map(MULTILINGUAL.map((x) => [x.id, direction(topicOf(x.id))])),
  themes: new Map(CODEBOOK.map((th) => [th.id, direction(th.id)])),
};

test('with embeddings, inputs in other languages are proposed for the theme they are about', () => {
  const words = codeInputs(MULTILINGUAL, CODEBOOK);
  const near = codeInputs(MULTILINGUAL, CODEBOOK, [], { embeddings });
  for (const id of ['es1', 'ar1']) {
    assert.deepEqual(words.proposals.find((p) => p.inputId === id)!.themeIds, []);
    assert.deepEqual(near.proposals.find((p) => p.inputId === id)!.themeIds, ['transport']);
  }
  assert.deepEqual(near.proposals.find((p) => p.inputId === 'es2')!.themeIds, ['housing']);
  assert.deepEqual(near.proposals.find((p) => p.inputId === 'ru4')!.themeIds, []);
});

test('with embeddings, an input or theme without one is scored on words alone', () => {
  const partial = {
    inputs: new Map([...embeddings.inputs].filter(([id]) => id !== 'ar1')),
    themes: new Map([...embeddings.themes].filter(([id]) => id !== 'housing')),
  };
  const words = codeInputs(MULTILINGUAL, CODEBOOK);
  const near = codeInputs(MULTILINGUAL, CODEBOOK, [], { embeddings: partial });
  for (const x of MULTILINGUAL)
    assert.equal(near.scores[x.id]!.housing, words.scores[x.id]!.housing);
  assert.ok(near.scores.ar1!.transport! < near.scores.es1!.transport!);
});

test('with embeddings, the centroid of confirmed inputs pulls their neighbours towards the theme', () => {
  // The theme's own embedding says little; the inputs confirmed for it show where it lies.
  const vague = {
    inputs: new Map([
      ['es1', [1, 0.2, 0]],
      ['ar1', [0.9, 0.3, 0]],
      ['en2', [0, 1, 0.3]],
      ['es2', [0.1, 1, 0.2]],
      ['fr3', [0.3, 0.3, 1]],
      ['en3', [0.2, 0.4, 1]],
      ['en4', [0.95, 0.25, 0]],
      ['ru4', [0.5, 0.5, 0.5]],
    ]),
    themes: new Map([
      ['transport', [0.5, 0.5, 1]],
      ['housing', [0, 1, 0]],
    ]),
  };
  const one = codeInputs(MULTILINGUAL, CODEBOOK, [{ inputId: 'es1', themeIds: ['transport'] }], {
    embeddings: vague,
  });
  const two = codeInputs(
    MULTILINGUAL,
    CODEBOOK,
    [
      { inputId: 'es1', themeIds: ['transport'] },
      { inputId: 'ar1', themeIds: ['transport'] },
    ],
    { embeddings: vague },
  );
  const none = codeInputs(MULTILINGUAL, CODEBOOK, [], { embeddings: vague });
  const at = (r: typeof none) => r.scores.en4!.transport!;
  assert.ok(at(one) > at(none), `${at(none)} → ${at(one)}`);
  assert.ok(at(two) > at(one), `${at(one)} → ${at(two)}`);
  assert.ok(two.scores.en4!.transport! > two.scores.fr3!.transport!);
});

test('when the secretariat only confirms inputs for one theme, then unrelated inputs are not proposed for it', () => {
  const unrelated = [
    { id: 'x0', text: 'Libraries need longer opening hours', language: 'en' },
    { id: 'x1', text: 'Parks should be cleaner', language: 'en' },
  ];
  for (const n of [1, 2, 4]) {
    // Confirmations for transport alone: the model never sees an input that is not transport.
    const labels = inputs
      .filter((x) => x.id.startsWith('t'))
      .slice(0, n)
      .map((x) => ({ inputId: x.id, themeIds: ['transport'] }));
    const result = codeInputs([...inputs, ...unrelated], CODEBOOK, labels);
    const proposed = result.proposals
      .filter((p) => !p.confirmed && p.themeIds.includes('transport'))
      .map((p) => p.inputId);
    assert.deepEqual(
      proposed.filter((id) => id.startsWith('h') || id.startsWith('x')),
      [],
      `${n} confirmations: ${proposed.join(' ')}`,
    );
  }
});
