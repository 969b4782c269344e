/**
 * The form's contents outlive the Connect tab: switching to the inspector after connecting and
 * back finds the form as it was. One draft per console model, beside (not inside) the store.
 */
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConsoleModel } from '../../store/console-store.js';
import { useModel } from '../../store/use-console.js';
import { EMPTY_FORM, type ConnectFormState } from './connect-form-state.js';

interface Draft {
  readonly form: ConnectFormState;
}

const drafts = new WeakMap<ConsoleModel, StoreApi<Draft>>();

/** The draft of `model`'s connect form. */
export function draftOf(model: ConsoleModel): StoreApi<Draft> {
  let draft = drafts.get(model);
  if (draft === undefined) {
    draft = createStore<Draft>()(() => ({ form: EMPTY_FORM }));
    drafts.set(model, draft);
  }
  return draft;
}

/** The form, a patcher, and a replacer (loading a saved connection). */
export function useDraft(): {
  readonly form: ConnectFormState;
  readonly update: (patch: Partial<ConnectFormState>) => void;
  readonly replace: (form: ConnectFormState) => void;
} {
  const draft = draftOf(useModel());
  const form = useStore(draft, (s) => s.form);
  return {
    form,
    update: (patch) => draft.setState((s) => ({ form: { ...s.form, ...patch } })),
    replace: (next) => draft.setState({ form: next }),
  };
}
