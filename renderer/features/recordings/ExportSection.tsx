/** Export: the panel's file as HAR, a k6 script or a Playwright spec, written where the user says (beside it by default). */
import { useState } from 'react';
import type { ExportFormat, ExportResult } from '../../../shared/ipc/recording-commands.js';
import { command } from '../../bridge/commands.js';
import { useModel } from '../../store/use-console.js';

/** The export controls for `file`. */
export function ExportSection({ file }: { file: string }) {
  const model = useModel();
  const [format, setFormat] = useState<ExportFormat>('har');
  const [output, setOutput] = useState('');
  const [result, setResult] = useState<ExportResult | null>(null);
  const run = async () => {
    setResult(null);
    const input = { path: file, format, ...(output.trim() === '' ? {} : { output: output.trim() }) };
    setResult(await command(model, 'recording.export', input));
  };
  return (
    <section className="rec-section" data-testid="export-section">
      <h3>Export</h3>
      <div className="rec-row">
        <select
          data-testid="export-format"
          value={format}
          onChange={(e) => setFormat(e.target.value as ExportFormat)}
        >
          <option value="har">HAR</option>
          <option value="k6">k6 script</option>
          <option value="playwright">Playwright spec</option>
        </select>
        <input
          className="rec-input"
          data-testid="export-output"
          placeholder="beside the file"
          value={output}
          onChange={(e) => setOutput(e.target.value)}
        />
        <button type="button" data-testid="export-run" disabled={file === ''} onClick={() => void run()}>
          Export
        </button>
      </div>
      {result !== null && (
        <div className="rec-done" data-testid="export-result">
          wrote <code>{result.output}</code>: {result.format}, {result.connections} connection
          {result.connections === 1 ? '' : 's'}, {result.messages} messages
          {result.warnings.map((w) => (
            <div key={w} className="rec-warning">
              {w}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
