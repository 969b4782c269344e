/** Adds a message rule to a running proxy: direction, match, latency, jitter, drop percentage. */
import { useState } from 'react';
import { useModel } from '../../store/use-console.js';
import { EMPTY_RULE, parseRule, type RuleDraft } from './proxy-forms.js';
import { runCommand } from '../../bridge/commands.js';

/** Props of RuleForm. */
export interface RuleFormProps {
  readonly proxy: number;
  readonly onDone: () => void;
}

/** The form under a proxy's rules. */
export function RuleForm({ proxy, onDone }: RuleFormProps) {
  const model = useModel();
  const [draft, setDraft] = useState<RuleDraft>(EMPTY_RULE);
  const [error, setError] = useState<string | null>(null);
  const change = (part: Partial<RuleDraft>) => setDraft({ ...draft, ...part });
  const add = async () => {
    const rule = parseRule(draft);
    if (!rule.ok) return setError(rule.error);
    const result = await runCommand(model, 'proxy.addRule', { proxy, rule: rule.value });
    setError(result.ok ? null : result.error);
    if (result.ok) setDraft(EMPTY_RULE);
    onDone();
  };
  const field = (key: 'latencyMs' | 'jitterMs' | 'dropPercent', label: string, testid: string) => (
    <label className="proxy-field">
      {label}
      <input
        className="mono proxy-num"
        data-testid={testid}
        inputMode="numeric"
        value={draft[key]}
        onChange={(e) => change({ [key]: e.target.value })}
      />
    </label>
  );
  return (
    <div className="proxy-form-row">
      <select
        aria-label="Rule direction"
        data-testid="proxy-rule-toward"
        value={draft.toward}
        onChange={(e) => change({ toward: e.target.value as RuleDraft['toward'] })}
      >
        <option value="both">both ways</option>
        <option value="target">toward the target</option>
        <option value="app">toward the app</option>
      </select>
      <input
        className="mono grow"
        aria-label="Match (regular expression over text messages)"
        placeholder="match: regex over text (empty: every message)"
        data-testid="proxy-rule-match"
        value={draft.match}
        onChange={(e) => change({ match: e.target.value })}
      />
      {field('latencyMs', 'latency ms', 'proxy-rule-latency')}
      {field('jitterMs', 'jitter ms', 'proxy-rule-jitter')}
      {field('dropPercent', 'drop %', 'proxy-rule-drop')}
      <button data-testid="proxy-rule-add" onClick={() => void add()}>
        Add rule
      </button>
      {error !== null && (
        <span className="proxy-error" data-testid="proxy-rule-error">
          {error}
        </span>
      )}
    </div>
  );
}
