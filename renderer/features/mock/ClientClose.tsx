/** Close one client with a code and reason. */
import { useState } from 'react';
import { useModel } from '../../store/use-console.js';
import { closeClient } from './panel-commands.js';
import { closeCodeOf } from './send-draft.js';

/** The close form of client `conn`. */
export function ClientClose({
  url,
  conn,
  done,
}: {
  readonly url: string;
  readonly conn: number;
  readonly done: () => void;
}) {
  const model = useModel();
  const [code, setCode] = useState('1000');
  const [reason, setReason] = useState('');
  const checked = closeCodeOf(code);
  return (
    <form
      className="mk-close"
      data-testid="mock-close-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (typeof checked === 'number')
          void closeClient(model, url, conn, checked, reason).then((ok) => ok && done());
      }}
    >
      <span>Close #{conn} with</span>
      <input
        className="mono"
        aria-label="Close code"
        data-testid="mock-close-code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        size={5}
      />
      <input
        aria-label="Close reason"
        data-testid="mock-close-reason"
        placeholder="reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={123}
      />
      <button type="submit" data-testid="mock-close-submit" disabled={typeof checked !== 'number'}>
        Close
      </button>
      {typeof checked !== 'number' && <span className="mk-error-text">{checked.error}</span>}
    </form>
  );
}
