// The detail pane's Decoded tab: the connection's decoder and the decoded value.
import { expect, type Locator, type Page } from '@playwright/test';

/** Decoder kinds of the picker (option values). */
export type DecoderChoice = 'none' | 'json' | 'msgpack' | 'protobuf' | 'module';

/** The Decoded tab of the open row. */
export class DecoderPage {
  readonly tab: Locator;
  readonly choice: Locator;
  readonly protoPath: Locator;
  readonly messageType: Locator;
  readonly modulePath: Locator;
  readonly apply: Locator;
  readonly current: Locator;
  readonly formError: Locator;
  readonly value: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('detail-tab-decoded');
    this.choice = page.getByTestId('decoder-choice');
    this.protoPath = page.getByTestId('decoder-proto-path');
    this.messageType = page.getByTestId('decoder-message-type');
    this.modulePath = page.getByTestId('decoder-module-path');
    this.apply = page.getByTestId('decoder-apply');
    this.current = page.getByTestId('decoder-current');
    this.formError = page.getByTestId('decoder-form-error');
    this.value = page.getByTestId('decoded-value');
    this.error = page.getByTestId('decoded-error');
  }

  /** Shows the tab; waits until the connection's current decoder is known. */
  async show(): Promise<void> {
    await this.tab.click();
    await expect(this.current).toHaveText(/^using /);
  }

  /** Chooses a decoder (with its fields) and applies it to the connection. */
  async use(
    choice: DecoderChoice,
    fields: { protoPath?: string; messageType?: string; modulePath?: string } = {},
  ): Promise<void> {
    await this.choice.selectOption(choice);
    if (fields.protoPath !== undefined) await this.protoPath.fill(fields.protoPath);
    if (fields.messageType !== undefined) await this.messageType.fill(fields.messageType);
    if (fields.modulePath !== undefined) await this.modulePath.fill(fields.modulePath);
    await this.apply.click();
  }
}
