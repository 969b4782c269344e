// The Timeline tab of one connection: handshake phases and messages, RTT, close.
import type { Locator, Page } from '@playwright/test';

/** Handshake phases of the phase bar. */
export type PhaseName = 'dns' | 'tcp' | 'tls' | 'upgrade';

/** The timeline. */
export class TimelinePage {
  readonly root: Locator;
  readonly phases: Locator;
  readonly handshakeRequest: Locator;
  readonly handshakeResponse: Locator;
  readonly handshakeBody: Locator;
  readonly rtt: Locator;
  readonly rttLast: Locator;
  readonly close: Locator;
  readonly closeExplanation: Locator;
  readonly closeInitiator: Locator;
  readonly closeSent: Locator;
  readonly closeReceived: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('timeline');
    this.phases = page.getByTestId('timeline-phases');
    this.handshakeRequest = page.getByTestId('handshake-request');
    this.handshakeResponse = page.getByTestId('handshake-response');
    this.handshakeBody = this.handshakeResponse.getByTestId('handshake-body');
    this.rtt = page.getByTestId('timeline-rtt');
    this.rttLast = page.getByTestId('timeline-rtt-last');
    this.close = page.getByTestId('timeline-close');
    this.closeExplanation = page.getByTestId('timeline-close-explanation');
    this.closeInitiator = page.getByTestId('timeline-close-initiator');
    this.closeSent = page.getByTestId('timeline-close-sent');
    this.closeReceived = page.getByTestId('timeline-close-received');
  }

  /** A phase cell of the bar; its data-ms is the phase's duration ('' when it did not happen). */
  phase(name: PhaseName): Locator {
    return this.page.getByTestId(`timeline-phase-${name}`);
  }
}
