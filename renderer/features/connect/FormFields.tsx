/** Labelled inputs of the connect form: one text or number field, one checkbox, one error line. */
import { useId, type ReactNode } from 'react';
import type { ConnectFormState } from './connect-form-state.js';

/** A partial update of the form. */
export type FormUpdate = (patch: Partial<ConnectFormState>) => void;

/** What each section gets: the form, a way to change it, and the message of a field (or null). */
export interface SectionProps {
  readonly form: ConnectFormState;
  readonly update: FormUpdate;
  readonly errorOf: (field: string) => string | null;
}

/** A labelled text input; its error (if any) shows beneath. */
export function TextField(props: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | null;
  readonly placeholder?: string;
  readonly testId?: string;
  readonly type?: 'text' | 'password';
  readonly disabled?: boolean;
  readonly wide?: boolean;
  /** Shown faded: kept, but not used with the current choices. */
  readonly dim?: boolean;
}) {
  const id = useId();
  const error = props.error ?? null;
  return (
    <div className={`cf-field${props.wide ? ' cf-wide' : ''}${props.dim ? ' cf-dim' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        disabled={props.disabled}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={error !== null}
        className={error !== null ? 'cf-invalid' : undefined}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <FieldError text={error} />
    </div>
  );
}

/** A labelled checkbox. */
export function CheckField(props: {
  readonly label: ReactNode;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly testId?: string;
  readonly disabled?: boolean;
}) {
  return (
    <label className="cf-check">
      <input
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      {props.label}
    </label>
  );
}

/** A field's problem, or nothing. */
export function FieldError({ text }: { readonly text: string | null }) {
  return text === null ? null : (
    <div className="cf-field-error" role="alert">
      {text}
    </div>
  );
}

/** A titled group of fields. */
export function Section({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  return (
    <fieldset className="cf-section">
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}
