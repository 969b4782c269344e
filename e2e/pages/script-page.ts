// The Scripts tab: folder and files, the CodeMirror editor, Run/Stop and the run's output.
import { expect, type Locator, type Page } from '@playwright/test';

/** How a run shows (data-outcome of the status badge). */
export type RunOutcome = 'running' | 'passed' | 'stopped' | 'expectation' | 'assertion' | 'error';

/** The script editor. */
export class ScriptPage {
  readonly tab: Locator;
  readonly panel: Locator;
  readonly folder: Locator;
  readonly folderOpen: Locator;
  /** The file list (data-dir: the folder listed). */
  readonly files: Locator;
  readonly newName: Locator;
  readonly newButton: Locator;
  readonly path: Locator;
  readonly editor: Locator;
  /** The editable content of CodeMirror. */
  readonly content: Locator;
  readonly cursor: Locator;
  readonly args: Locator;
  readonly saveButton: Locator;
  readonly runButton: Locator;
  readonly stopButton: Locator;
  readonly status: Locator;
  readonly report: Locator;
  readonly failures: Locator;
  readonly failureLinks: Locator;
  readonly log: Locator;
  readonly conns: Locator;
  /** The completion list CodeMirror shows, and its info tooltip. */
  readonly completions: Locator;
  readonly completionInfo: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('tab-scripts');
    this.panel = page.getByTestId('scripts-panel');
    this.folder = page.getByTestId('script-folder');
    this.folderOpen = page.getByTestId('script-folder-open');
    this.files = page.getByTestId('script-files');
    this.newName = page.getByTestId('script-new-name');
    this.newButton = page.getByTestId('script-new');
    this.path = page.getByTestId('script-path');
    this.editor = page.getByTestId('script-editor');
    this.content = this.editor.locator('.cm-content');
    this.cursor = page.getByTestId('script-cursor');
    this.args = page.getByTestId('script-args');
    this.saveButton = page.getByTestId('script-save');
    this.runButton = page.getByTestId('script-run');
    this.stopButton = page.getByTestId('script-stop');
    this.status = page.getByTestId('script-status');
    this.report = page.getByTestId('script-report');
    this.failures = page.getByTestId('script-failure');
    this.failureLinks = page.getByTestId('script-failure-link');
    this.log = page.getByTestId('script-log');
    this.conns = page.getByTestId('script-conns').getByRole('button');
    this.completions = this.editor.locator('.cm-tooltip-autocomplete');
    this.completionInfo = this.editor.locator('.cm-completionInfo');
  }

  /** Shows the tab and waits for its folder to be listed. */
  async show(): Promise<void> {
    await this.tab.click();
    await expect(this.panel).toBeVisible();
    await expect(this.folder).not.toHaveValue('');
  }

  /** Lists another folder. */
  async openFolder(dir: string): Promise<void> {
    await this.folder.fill(dir);
    await this.folderOpen.click();
    await expect(this.files).toHaveAttribute('data-dir', dir);
  }

  file(name: string): Locator {
    return this.page.getByTestId(`script-file-${name}`);
  }

  /** Opens a listed file and waits until the editor shows it. */
  async openFile(name: string): Promise<void> {
    await this.file(name).click();
    await expect(this.path).toHaveText(new RegExp(`${name.replace(/\./g, '\\.')}$`));
  }

  /** Makes a new script from the template and opens it. */
  async create(name: string): Promise<void> {
    await this.newName.fill(name);
    await this.newButton.click();
    await expect(this.path).toHaveText(new RegExp(`/${name.replace(/\./g, '\\.')}$`));
  }

  /** Replaces the whole text of the editor. */
  async setText(text: string): Promise<void> {
    await this.content.fill(text);
  }

  /** Types at the end of the document, as a user would (completion pops up). */
  async typeAtEnd(text: string): Promise<void> {
    await this.content.click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text);
  }

  /** An entry of the open completion list. */
  completion(label: string): Locator {
    return this.completions
      .locator('li')
      .filter({ has: this.page.locator('.cm-completionLabel', { hasText: new RegExp(`^${label}$`) }) });
  }

  /** Runs (saving first) and waits until the run has ended with `outcome`. */
  async run(outcome: RunOutcome): Promise<void> {
    await this.runButton.click();
    await expect(this.status).toHaveAttribute('data-outcome', outcome);
  }
}
