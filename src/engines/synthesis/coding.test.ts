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
