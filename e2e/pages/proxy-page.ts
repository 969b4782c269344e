// The proxy panel: start form, a proxy's card, its rules with counters, its relayed connections and
// their intervention controls. Locators by data-testid only.
import { expect, type Locator, type Page } from '@playwright/test';

/** A side of a relayed connection. */
export type Side = 'app' | 'target';

/** The proxy tab of the console. */
export class ProxyPage {
  readonly tab: Locator;
  readonly panel: Locator;
  /** Every relayed connection's block, on every proxy card. */
  readonly connections: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('tab-proxy');
    this.panel = page.getByTestId('proxy-panel');
    this.connections = page.getByTestId(/^proxy-conn-\d+$/);
  }

  /** Shows the proxy tab. */
  async show(): Promise<void> {
    await this.tab.click();
    await expect(this.tab).toHaveAttribute('aria-selected', 'true');
  }

  /** Starts a proxy in front of `target` (port 0: a free one); returns the URL apps connect to. */
  async start(target: string): Promise<string> {
    await this.page.getByTestId('proxy-target').fill(target);
    await this.page.getByTestId('proxy-start').click();
    const url = this.page.getByTestId('proxy-1-url');
    await expect(url).toHaveText(/^ws:\/\/127\.0\.0\.1:\d+$/);
    return (await url.textContent()) ?? '';
  }

  /** Waits for exactly one relayed connection and returns its id. */
  async onlyConnection(): Promise<number> {
    await expect(this.connections).toHaveCount(1);
    const id = await this.connections.first().getAttribute('data-testid');
    return Number(id?.replace('proxy-conn-', ''));
  }

  /** A control of connection `conn` (`inject`, `close-code`, `held-app`, `state`, …). */
  control(conn: number, name: string): Locator {
    return this.page.getByTestId(`proxy-conn-${conn}-${name}`);
  }

  /** The row of a relayed connection that ended (`data-closed-by`, `data-code`). */
  closed(conn: number): Locator {
    return this.page.getByTestId(`proxy-closed-${conn}`);
  }

  /** A control of an ended connection's row (`summary`, `reason`, `inspect`, `cut`, …). */
  closedControl(conn: number, name: string): Locator {
    return this.page.getByTestId(`proxy-closed-${conn}-${name}`);
  }

  /** Holds what goes toward `to` and waits for the panel to show the direction held. */
  async hold(conn: number, to: Side): Promise<void> {
    await this.control(conn, `hold-${to}`).click();
    await expect(this.control(conn, `release-${to}`)).toBeVisible();
  }

  /** Releases what was held toward `to` and waits for the direction to show as not held. */
  async release(conn: number, to: Side): Promise<void> {
    await this.control(conn, `release-${to}`).click();
    await expect(this.control(conn, `held-${to}`)).toHaveText('—');
  }

  /** Injects a text message toward one side. */
  async injectText(conn: number, to: Side, text: string): Promise<void> {
    await this.control(conn, 'inject-to').selectOption(to);
    await this.control(conn, 'inject-kind').selectOption('text');
    await this.control(conn, 'inject-payload').fill(text);
    await this.control(conn, 'inject').click();
  }

  /** Closes one side with a code and a reason. */
  async closeSide(conn: number, side: Side, code: number, reason: string): Promise<void> {
    await this.control(conn, 'close-side').selectOption(side);
    await this.control(conn, 'close-code').fill(String(code));
    await this.control(conn, 'close-reason').fill(reason);
    await this.control(conn, 'close').click();
  }

  /** Adds a rule to the first proxy: direction, match, drop percentage, latency. */
  async addRule(rule: {
    toward: Side | 'both';
    match?: string;
    dropPercent?: number;
    latencyMs?: number;
  }): Promise<void> {
    await this.page.getByTestId('proxy-rule-toward').selectOption(rule.toward);
    await this.page.getByTestId('proxy-rule-match').fill(rule.match ?? '');
    await this.page
      .getByTestId('proxy-rule-drop')
      .fill(rule.dropPercent === undefined ? '' : String(rule.dropPercent));
    await this.page
      .getByTestId('proxy-rule-latency')
      .fill(rule.latencyMs === undefined ? '' : String(rule.latencyMs));
    await this.page.getByTestId('proxy-rule-add').click();
  }

  /** A rule's counter (`delayed N`, `dropped N`). */
  ruleCounter(rule: number, counter: 'delayed' | 'dropped'): Locator {
    return this.page.getByTestId(`proxy-rule-${rule}-${counter}`);
  }
}
