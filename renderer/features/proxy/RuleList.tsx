/** A proxy's message rules with their live counters (how many messages each delayed and dropped). */
import type { ProxyRuleInfo } from '../../../shared/ipc/proxy-commands.js';
import { describeRule } from './proxy-forms.js';

/** Props of RuleList. */
export interface RuleListProps {
  readonly rules: readonly ProxyRuleInfo[];
  readonly onRemove: (rule: number) => void;
}

/** The rules, oldest first (the first that drops a message wins; latencies add up). */
export function RuleList({ rules, onRemove }: RuleListProps) {
  if (rules.length === 0) return <p className="proxy-empty">No rules: messages pass as they come.</p>;
  return (
    <ul className="proxy-rules" data-testid="proxy-rules">
      {rules.map((rule) => (
        <li key={rule.id} className="proxy-rule" data-testid={`proxy-rule-${rule.id}`}>
          <span className="mono">#{rule.id}</span>
          <span className="grow">{describeRule(rule)}</span>
          <span className="proxy-counter" data-testid={`proxy-rule-${rule.id}-delayed`}>
            delayed {rule.delayed}
          </span>
          <span className="proxy-counter" data-testid={`proxy-rule-${rule.id}-dropped`}>
            dropped {rule.dropped}
          </span>
          <button data-testid={`proxy-rule-${rule.id}-remove`} onClick={() => onRemove(rule.id)}>
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}
