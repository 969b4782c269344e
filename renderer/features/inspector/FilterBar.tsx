/**
 * The inspector's filters: frames/messages, direction, opcode chips, text or regex search over the
 * row previews, violations only and a time range. Typing is debounced so a million rows are not
 * re-filtered per key; the connection scope follows the sidebar.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { PREVIEW_CHARS } from '../../../shared/ipc/rows.js';
import type { RowFilter } from '../../store/row-filter.js';
import { useConsole, useModel } from '../../store/use-console.js';
import { chipApplies, formatTimeBound, OPCODE_CHIPS, parseTimeBound, toggleOpcode } from './filter-input.js';
import { tallyOf } from './row-tally.js';
import './inspector.css';

const DEBOUNCE_MS = 200;

/** A toggle button (aria-pressed), the toolbar's one control shape. */
function Chip(props: {
  readonly testId: string;
  readonly on: boolean;
  readonly label: string;
  readonly title?: string;
  readonly disabled?: boolean;
  onToggle(): void;
}) {
  return (
    <button
      type="button"
      className={props.on ? 'chip on' : 'chip'}
      aria-pressed={props.on}
      data-testid={props.testId}
      title={props.title}
      disabled={props.disabled}
      onClick={props.onToggle}
    >
      {props.label}
    </button>
  );
}

/** Calls `apply(text)` once the user stops typing, while `pending` says the text is not applied yet. */
function useDebouncedApply(pending: boolean, text: string, apply: (text: string) => void): void {
  const latest = useRef(apply);
  useLayoutEffect(() => {
    latest.current = apply;
  });
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => latest.current(text), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [pending, text]);
}

/** A time-range input: ms on the time column's relative clock, applied as engine ms. */
function TimeInput(props: {
  readonly testId: string;
  readonly label: string;
  readonly bound: 'from' | 'to';
}) {
  const model = useModel();
  const value = useConsole((s) => s.filter[props.bound]);
  const origin = (): number | null => tallyOf(model.rows).origin;
  const [text, setText] = useState(() => formatTimeBound(value, origin()));
  const parsed = parseTimeBound(text, origin());
  useDebouncedApply(parsed !== 'invalid' && parsed !== value, text, (t) => {
    const bound = parseTimeBound(t, origin());
    if (bound !== 'invalid') model.store.getState().setFilter({ [props.bound]: bound });
  });
  return (
    <label className="ifield" title="ms since the first row (the time column's relative clock), inclusive">
      {props.label}
      <input
        className="itime"
        inputMode="decimal"
        placeholder="ms"
        data-testid={props.testId}
        aria-invalid={parsed === 'invalid'}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </label>
  );
}

/** The search box with its regex toggle and the filter's error. */
function SearchInput() {
  const model = useModel();
  const search = useConsole((s) => s.filter.search);
  const regex = useConsole((s) => s.filter.regex);
  const error = useConsole((s) => s.filterError);
  const [text, setText] = useState(search);
  useDebouncedApply(text !== search, text, (t) => model.store.getState().setFilter({ search: t }));
  const hint = `Searches each row's preview: the first ${PREVIEW_CHARS} characters of its payload (all the window holds; open a row for the whole payload)`;
  return (
    <span className="isearch">
      <input
        type="search"
        placeholder={`search first ${PREVIEW_CHARS} chars of payloads`}
        title={hint}
        data-testid="filter-search"
        aria-invalid={error !== null}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <Chip
        testId="filter-regex"
        on={regex}
        label=".*"
        title="Search as a regular expression (case-insensitive)"
        onToggle={() => model.store.getState().setFilter({ regex: !regex, search: text })}
      />
      {error !== null && (
        <span className="ierror" role="alert" data-testid="filter-error">
          {error}
        </span>
      )}
    </span>
  );
}

/** The filters toolbar. */
export function FilterBar() {
  const model = useModel();
  const mode = useConsole((s) => s.filter.mode);
  const directions = useConsole((s) => s.filter.directions);
  const opcodes = useConsole((s) => s.filter.opcodes);
  const violationsOnly = useConsole((s) => s.filter.violationsOnly);
  const set = (change: Partial<RowFilter>): void => model.store.getState().setFilter(change);
  return (
    <div className="ifilters" role="toolbar" aria-label="Filters">
      <select
        data-testid="filter-mode"
        value={mode}
        title="Frames as they crossed the wire, or reassembled (inflated) messages"
        onChange={(e) => set({ mode: e.target.value === 'messages' ? 'messages' : 'frames' })}
      >
        <option value="frames">frames</option>
        <option value="messages">messages</option>
      </select>
      <span className="igroup">
        <Chip
          testId="filter-dir-out"
          on={directions.out}
          label="→ out"
          title="Written by wstap"
          onToggle={() => set({ directions: { ...directions, out: !directions.out } })}
        />
        <Chip
          testId="filter-dir-in"
          on={directions.in}
          label="← in"
          title="Read by wstap"
          onToggle={() => set({ directions: { ...directions, in: !directions.in } })}
        />
      </span>
      <span className="igroup" title="Opcodes shown; none selected shows all">
        {OPCODE_CHIPS.map((chip) => (
          <Chip
            key={chip.name}
            testId={`filter-opcode-${chip.name}`}
            on={opcodes.includes(chip.opcode)}
            label={chip.label}
            disabled={!chipApplies(chip.opcode, mode)}
            onToggle={() => set({ opcodes: toggleOpcode(opcodes, chip.opcode) })}
          />
        ))}
      </span>
      <SearchInput />
      <Chip
        testId="filter-violations"
        on={violationsOnly}
        label="⚠ violations"
        title="Only rows with a protocol violation"
        onToggle={() => set({ violationsOnly: !violationsOnly })}
      />
      <span className="igroup">
        <TimeInput testId="filter-from" label="from" bound="from" />
        <TimeInput testId="filter-to" label="to" bound="to" />
      </span>
    </div>
  );
}
