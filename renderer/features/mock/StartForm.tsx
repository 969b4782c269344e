/** Start a server: behaviour, the file it reads, host, port and TLS. */
import { useState } from 'react';
import { useStore } from 'zustand';
import { useModel } from '../../store/use-console.js';
import { mockStore } from './mock-store.js';
import { startMock } from './panel-commands.js';
import type { StartDraft } from './start-form.js';
import { StartFields } from './StartFields.js';

/** The start form (its draft lives in the panel's store, so it survives a tab switch). */
export function StartForm() {
  const model = useModel();
  const store = mockStore(model);
  const draft = useStore(store, (s) => s.draft);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const patch = (change: Partial<StartDraft>) =>
    store.setState((s) => ({ draft: { ...s.draft, ...change } }));
  return (
    <form
      className="mk-start"
      data-testid="mock-start-form"
      onSubmit={(e) => {
        e.preventDefault();
        setStarting(true);
        void startMock(model, draft).then((problem) => {
          setStarting(false);
          setError(problem);
        });
      }}
    >
      <h3>Start a server</h3>
      <StartFields draft={draft} onChange={patch} />
      <button type="submit" className="mk-primary" data-testid="mock-start" disabled={starting}>
        {starting ? 'Starting…' : 'Start'}
      </button>
      {error !== null && (
        <div className="mk-error" data-testid="mock-start-error">
          {error}
        </div>
      )}
    </form>
  );
}
