// The Mock servers tab: the start form, server cards with their clients, the definition editor.
import { expect, type Locator, type Page } from '@playwright/test';

/** The mock panel. */
export class MockPage {
  readonly tab: Locator;
  readonly panel: Locator;
  readonly behaviour: Locator;
  readonly file: Locator;
  readonly startButton: Locator;
  readonly startError: Locator;
  readonly servers: Locator;
  readonly editor: Locator;
  /** CodeMirror's editable content. */
  readonly editorContent: Locator;
  /** Inline lint marks of errors in the editor. */
  readonly inlineErrors: Locator;
  readonly saveButton: Locator;
  readonly problems: Locator;
  readonly validity: Locator;
  readonly reload: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('tab-mock');
    this.panel = page.getByTestId('mock-panel');
    this.behaviour = page.getByTestId('mock-behaviour');
    this.file = page.getByTestId('mock-file');
    this.startButton = page.getByTestId('mock-start');
    this.startError = page.getByTestId('mock-start-error');
    this.servers = page.getByTestId('mock-server');
    this.editor = page.getByTestId('mock-editor');
    this.editorContent = this.editor.locator('.cm-content');
    this.inlineErrors = this.editor.locator('.cm-lintRange-error');
    this.saveButton = page.getByTestId('mock-save');
    this.problems = page.getByTestId('mock-problem');
    this.validity = page.getByTestId('mock-validity');
    this.reload = page.getByTestId('mock-reload');
  }

  /** Switches to the tab. */
  async show(): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
    await expect(this.panel).toBeVisible();
  }

  /** Starts a mock server from `file` on a free loopback port; returns its card. */
  async startMock(file: string): Promise<Locator> {
    await this.behaviour.selectOption('mock');
    await this.file.fill(file);
    const before = await this.servers.count();
    await this.startButton.click();
    await expect(this.servers).toHaveCount(before + 1);
    return this.servers.last();
  }

  /** Starts a replay server serving `recording`, with replay options (the panel's fields); returns its card. */
  async startReplay(
    recording: string,
    options: {
      speed?: string;
      correlate?: string;
      ignore?: string;
      window?: string;
      onMismatch?: 'warn' | 'close';
      connections?: string;
    },
  ): Promise<Locator> {
    await this.behaviour.selectOption('replay');
    await this.file.fill(recording);
    await expect(this.page.getByTestId('mock-replay-options')).toBeVisible();
    for (const field of ['speed', 'correlate', 'ignore', 'window', 'connections'] as const)
      await this.page.getByTestId(`mock-replay-${field}`).fill(options[field] ?? '');
    await this.page.getByTestId('mock-replay-mismatch').selectOption(options.onMismatch ?? 'warn');
    const before = await this.servers.count();
    await this.startButton.click();
    await expect(this.servers).toHaveCount(before + 1);
    return this.servers.last();
  }

  /** A server card's ws:// URL. */
  async urlOf(server: Locator): Promise<string> {
    const url = await server.getAttribute('data-url');
    if (url === null) throw new Error('a server card without data-url');
    return url;
  }

  /** A server's client rows. */
  clients(server: Locator): Locator {
    return server.getByTestId('mock-client');
  }

  /** Replaces the editor's whole text (as a paste: no auto-indent) and waits for the lint to run on it. */
  async replaceText(text: string): Promise<void> {
    await this.editorContent.click();
    await this.page.keyboard.press('ControlOrMeta+a');
    await this.page.keyboard.insertText(text);
  }

  /** Saves and waits for the reload after `previous` reloads (data-n counts them). */
  async saveAndReload(previous: number): Promise<void> {
    await this.saveButton.click();
    await expect(this.reload).toHaveAttribute('data-n', String(previous + 1));
  }
}
