// The rule in force as the ordered steps the queue applies, for the sentence shown on screen.
import type { BalanceAttribute, QueueRule } from './types.ts';

export type RuleStep =
  | { step: 'points-of-order' }
  | { step: 'replies' }
  | { step: 'chair-moves' }
  | { step: 'alternation'; maxTurns: number }
  | { step: 'first-time' }
  | { step: 'balance'; attribute: BalanceAttribute; measure: 'turns' | 'floor-time' }
  | { step: 'arrival' };

export function ruleSteps(rule: QueueRule): RuleStep[] {
  return [
    { step: 'points-of-order' },
    { step: 'replies' },
    { step: 'chair-moves' },
    ...(rule.alternation
      ? [{ step: 'alternation' as const, maxTurns: rule.alternation.maxTurns }]
      : []),
    ...(rule.firstTimeFirst ? [{ step: 'first-time' as const }] : []),
    ...(rule.balance ? [{ step: 'balance' as const, ...rule.balance }] : []),
    { step: 'arrival' },
  ];
}
