// The composer below the main pane: messages, control frames and the raw frame builder.
import { expect, type Locator, type Page } from '@playwright/test';

/** Draft modes of the composer. */
export type ComposerMode = 'text' | 'json' | 'hex' | 'base64';

/** The composer. */
export class ComposerPage {
  readonly root: Locator;
  readonly hint: Locator;
  readonly collapseToggle: Locator;
  readonly input: Locator;
  readonly sendButton: Locator;
  readonly fragments: Locator;
  readonly error: Locator;
  readonly pingPayload: Locator;
  readonly pingButton: Locator;
  readonly closeCode: Locator;
  readonly closeReason: Locator;
  readonly closeMeaning: Locator;
  readonly closeButton: Locator;
  readonly controlError: Locator;
  readonly rawToggle: Locator;
  readonly rawOpcode: Locator;
  readonly rawPayloadMode: Locator;
  readonly rawPayload: Locator;
  readonly rawSend: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('composer');
    this.hint = page.getByTestId('composer-hint');
    this.collapseToggle = page.getByTestId('composer-collapse');
    this.input = page.getByTestId('composer-input');
    this.sendButton = page.getByTestId('composer-send');
    this.fragments = page.getByTestId('composer-fragments');
    this.error = page.getByTestId('composer-error');
    this.pingPayload = page.getByTestId('composer-ping-payload');
    this.pingButton = page.getByTestId('composer-ping');
    this.closeCode = page.getByTestId('composer-close-code-custom');
    this.closeReason = page.getByTestId('composer-close-reason');
    this.closeMeaning = page.getByTestId('composer-close-meaning');
    this.closeButton = page.getByTestId('composer-close');
    this.controlError = page.getByTestId('composer-control-error');
    this.rawToggle = page.getByTestId('composer-raw-toggle');
    this.rawOpcode = page.getByTestId('composer-raw-opcode');
    this.rawPayloadMode = page.getByTestId('composer-raw-payload-mode');
    this.rawPayload = page.getByTestId('composer-raw-payload');
    this.rawSend = page.getByTestId('composer-raw-send');
  }

  mode(mode: ComposerMode): Locator {
    return this.page.getByTestId(`composer-mode-${mode}`);
  }

  /**
   * Sends one message: picks the mode, writes the draft, sets how many frames it goes in, presses
   * Send, and waits for the composer to be ready again with no error.
   */
  async send(text: string, options: { mode?: ComposerMode; fragments?: number } = {}): Promise<void> {
    const mode = options.mode ?? 'text';
    await this.mode(mode).click();
    await expect(this.mode(mode)).toHaveAttribute('aria-checked', 'true');
    await this.input.fill(text);
    await this.fragments.fill(String(options.fragments ?? 1));
    await expect(this.sendButton).toBeEnabled();
    await this.sendButton.click();
    await expect(this.sendButton).toHaveText('Send');
    await expect(this.error).toBeHidden();
  }

  /** Folds the composer away (more room for the pane above) or shows it again. */
  async setCollapsed(collapsed: boolean): Promise<void> {
    const expanded = String(!collapsed);
    if ((await this.collapseToggle.getAttribute('aria-expanded')) !== expanded)
      await this.collapseToggle.click();
    await expect(this.collapseToggle).toHaveAttribute('aria-expanded', expanded);
    await expect(this.input).toBeVisible({ visible: !collapsed });
  }

  /** Sends a Ping with a text payload. */
  async ping(payload: string): Promise<void> {
    await this.pingPayload.fill(payload);
    await this.pingButton.click();
    await expect(this.controlError).toBeHidden();
  }

  /** Starts the close handshake with a code and reason. */
  async close(code: number, reason: string): Promise<void> {
    await this.closeCode.fill(String(code));
    await this.closeReason.fill(reason);
    await this.closeButton.click();
    await expect(this.controlError).toBeHidden();
  }

  /** Writes one raw frame (fault injection) with an opcode and a hex payload, as is. */
  async sendRawHex(opcode: number, hex: string): Promise<void> {
    await this.rawToggle.click();
    await this.rawOpcode.selectOption(String(opcode));
    await this.rawPayloadMode.selectOption('hex');
    await this.rawPayload.fill(hex);
    await this.rawSend.click();
  }
}
