// The Connect tab: the client options form.
import { expect, type Locator, type Page } from '@playwright/test';

/** The connect form. */
export class ConnectPage {
  readonly form: Locator;
  readonly url: Locator;
  readonly submitButton: Locator;
  readonly error: Locator;
  readonly bearerToken: Locator;
  readonly authNone: Locator;

  constructor(readonly page: Page) {
    this.form = page.getByTestId('connect-form');
    this.url = page.getByTestId('connect-url');
    this.submitButton = page.getByTestId('connect-submit');
    this.error = page.getByTestId('connect-error');
    this.bearerToken = page.getByTestId('connect-bearer');
    this.authNone = page.getByTestId('connect-auth-none');
  }

  /** Fills the URL (and a bearer token, or none) and presses Connect; the form leaves on success. */
  async submit(url: string, options: { bearer?: string } = {}): Promise<void> {
    await expect(this.form).toBeVisible();
    await this.url.fill(url);
    if (options.bearer !== undefined) await this.bearerToken.fill(options.bearer);
    else await this.authNone.check();
    await this.submitButton.click();
    await expect(this.form).toBeHidden();
  }
}
