// The Recordings tab: record, the file (typed or dropped), export, replay with its report, serve as mock.
import { expect, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** The recordings panel. */
export class RecordingsPage {
  readonly tab: Locator;
  readonly panel: Locator;
  readonly recordStart: Locator;
  readonly recordStop: Locator;
  readonly indicator: Locator;
  readonly files: Locator;
  readonly filePath: Locator;
  readonly openButton: Locator;
  readonly opened: Locator;
  readonly openedConnections: Locator;
  readonly exportFormat: Locator;
  readonly exportRun: Locator;
  readonly exportResult: Locator;
  readonly target: Locator;
  readonly mode: Locator;
  readonly ignore: Locator;
  readonly replayButton: Locator;
  readonly progress: Locator;
  readonly progressLabel: Locator;
  readonly report: Locator;
  readonly verdict: Locator;
  readonly findings: Locator;
  readonly serveButton: Locator;
  readonly served: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('tab-recordings');
    this.panel = page.getByTestId('recordings-panel');
    const section = page.getByTestId('record-section');
    this.recordStart = section.getByTestId('record-start');
    this.recordStop = section.getByTestId('record-stop');
    this.indicator = section.getByTestId('recording-active');
    this.files = page.getByTestId('recording-file');
    this.filePath = page.getByTestId('recording-file-path');
    this.openButton = page.getByTestId('recording-open');
    this.opened = page.getByTestId('opened-recording');
    this.openedConnections = page.getByTestId('opened-connection');
    this.exportFormat = page.getByTestId('export-format');
    this.exportRun = page.getByTestId('export-run');
    this.exportResult = page.getByTestId('export-result');
    this.target = page.getByTestId('replay-target');
    this.mode = page.getByTestId('replay-mode');
    this.ignore = page.getByTestId('replay-ignore');
    this.replayButton = page.getByTestId('replay-run');
    this.progress = page.getByTestId('replay-progress');
    this.progressLabel = page.getByTestId('replay-progress-label');
    this.report = page.getByTestId('replay-report');
    this.verdict = page.getByTestId('replay-verdict');
    this.findings = page.getByTestId('replay-finding');
    this.serveButton = page.getByTestId('serve-mock');
    this.served = page.getByTestId('mock-served');
  }

  async show(): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
  }

  /** Drops a file from disk on the panel, as a user dragging it from the file manager. */
  async drop(path: string): Promise<void> {
    const base64 = (await readFile(path)).toString('base64');
    const transfer = await this.page.evaluateHandle(
      ({ name, data }) => {
        // Page globals, typed here: the e2e project has no DOM library.
        const page = globalThis as unknown as {
          DataTransfer: new () => { items: { add(file: unknown): void } };
          File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
        };
        const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
        const dt = new page.DataTransfer();
        dt.items.add(new page.File([bytes], name, { type: 'application/json' }));
        return dt;
      },
      { name: basename(path), data: base64 },
    );
    await this.panel.dispatchEvent('dragover', { dataTransfer: transfer });
    await this.panel.dispatchEvent('drop', { dataTransfer: transfer });
  }

  /** Replays the panel's file against `target` with fields ignored; waits for the report. */
  async replay(target: string, ignore: string): Promise<void> {
    await this.target.fill(target);
    await this.ignore.fill(ignore);
    await this.replayButton.click();
    await expect(this.report).toBeVisible({ timeout: 20_000 });
  }

  /** Starts a timed replay (recorded gaps kept) of the panel's file against its recorded URLs. */
  async replayTimed(): Promise<void> {
    await this.target.fill('');
    await this.mode.selectOption('timed');
    await this.replayButton.click();
    await expect(this.progress).toBeVisible();
  }

  /** Stops the running replay (the button shows only while it runs). */
  async cancelReplay(): Promise<void> {
    await this.page.getByTestId('replay-cancel').click();
  }

  /** One side (recorded or live) of a finding. */
  side(finding: Locator, which: 'recorded' | 'live'): Locator {
    return finding.getByTestId(`diff-${which}`);
  }

  /** The highlighted lines of a side. */
  changedLines(side: Locator): Locator {
    return side.locator('[data-changed="true"]');
  }
}
