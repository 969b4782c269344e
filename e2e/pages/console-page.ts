// The console's frame: tabs, the sessions sidebar and the status bar. Locators live here (and in
// the other page objects), by data-testid only.
import { expect, type Locator, type Page } from '@playwright/test';
import { ComposerPage } from './composer-page.js';
import { ConnectPage } from './connect-page.js';
import { InspectorPage } from './inspector-page.js';
import { TimelinePage } from './timeline-page.js';

/** The main panes' tabs. */
export type ConsoleTab = 'inspector' | 'timeline' | 'connect';

/** A connection's state as the sidebar badges it (data-state). */
export type ConnectionState = 'connecting' | 'open' | 'closing' | 'closed' | 'failed';

/** The whole console window. */
export class ConsolePage {
  readonly connect: ConnectPage;
  readonly inspector: InspectorPage;
  readonly composer: ComposerPage;
  readonly timeline: TimelinePage;
  /** The bridge indicator: data-connected="true" once app.info answered. */
  readonly bridgeStatus: Locator;
  readonly statusNotice: Locator;
  readonly sidebar: Locator;
  readonly newConnectionButton: Locator;
  /** Every connection row in the sidebar. */
  readonly sessions: Locator;

  constructor(readonly page: Page) {
    this.connect = new ConnectPage(page);
    this.inspector = new InspectorPage(page);
    this.composer = new ComposerPage(page);
    this.timeline = new TimelinePage(page);
    this.bridgeStatus = page.getByTestId('status-connected');
    this.statusNotice = page.getByTestId('status-notice');
    this.sidebar = page.getByTestId('sidebar');
    this.newConnectionButton = page.getByTestId('new-connection');
    this.sessions = this.sidebar.getByTestId('session-item');
  }

  /** Opens the console's URL and waits until the page reached wstap over the bridge. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.bridgeStatus).toHaveAttribute('data-connected', 'true');
  }

  /** Elements matching a CSS selector anywhere in the rendered app (#root). */
  elements(selector: string): Locator {
    return this.page.locator('#root').locator(selector);
  }

  tab(tab: ConsoleTab): Locator {
    return this.page.getByTestId(`tab-${tab}`);
  }

  /** Switches to a tab and waits until it is the selected one. */
  async showTab(tab: ConsoleTab): Promise<void> {
    await this.tab(tab).click();
    await expect(this.tab(tab)).toHaveAttribute('aria-selected', 'true');
  }

  /** The sidebar row of connection `conn` (data-conn). */
  session(conn: number | string): Locator {
    return this.sessions.and(this.page.locator(`[data-conn="${conn}"]`));
  }

  /** The selected connection's sidebar row (aria-current). */
  selectedSession(): Locator {
    return this.sessions.and(this.page.locator('[aria-current="true"]'));
  }

  /** Waits for the selected connection to reach `state`; returns its id. */
  async expectSelectedState(state: ConnectionState): Promise<string> {
    const row = this.selectedSession();
    await expect(row).toHaveAttribute('data-state', state);
    return (await row.getAttribute('data-conn')) ?? '';
  }

  /** Connects to `url` from the Connect tab and waits until the new connection is open and selected. */
  async connectTo(url: string, options: { bearer?: string } = {}): Promise<string> {
    await this.newConnectionButton.click();
    await this.connect.submit(url, options);
    return this.expectSelectedState('open');
  }
}
