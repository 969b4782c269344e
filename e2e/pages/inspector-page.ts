// The Inspector tab: filters, the frame/message table, live-tail pause and the detail pane.
import { expect, type Locator, type Page } from '@playwright/test';

/** The table's columns, in order (the header row's columnheaders). */
const COLUMNS = [
  '#',
  'time',
  'delta',
  'dir',
  'opcode',
  'fin',
  'rsv',
  'mask',
  'length',
  'conn',
  'preview',
] as const;

/** A column of the inspector table. */
export type Column = (typeof COLUMNS)[number];

/** Opcode chips of the filter bar. */
export type OpcodeChip = 'text' | 'binary' | 'continuation' | 'close' | 'ping' | 'pong';

/** What a row is expected to show; cells left out are not checked. */
export type RowCells = Partial<Record<Column, string | RegExp>>;

/** Fields of the detail pane (data-testid `detail-<field>`). */
export type DetailField =
  | 'fin'
  | 'rsv1'
  | 'rsv2'
  | 'rsv3'
  | 'opcode'
  | 'mask'
  | 'mask-key'
  | 'length'
  | 'header-length'
  | 'message'
  | 'close-code'
  | 'close-meaning'
  | 'close-reason'
  | 'frames'
  | 'compression';

/** The inspector. */
export class InspectorPage {
  readonly table: Locator;
  /** The rows the table renders (a window over the view: enough for these tests' traffic). */
  readonly rows: Locator;
  readonly mode: Locator;
  readonly search: Locator;
  readonly regexToggle: Locator;
  readonly filterError: Locator;
  readonly violationsOnly: Locator;
  readonly pauseButton: Locator;
  readonly unread: Locator;
  readonly count: Locator;
  readonly detail: Locator;
  readonly detailPayload: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('inspector-table');
    this.rows = this.table.getByTestId('inspector-row');
    this.mode = page.getByTestId('filter-mode');
    this.search = page.getByTestId('filter-search');
    this.regexToggle = page.getByTestId('filter-regex');
    this.filterError = page.getByTestId('filter-error');
    this.violationsOnly = page.getByTestId('filter-violations');
    this.pauseButton = page.getByTestId('inspector-pause');
    this.unread = page.getByTestId('inspector-unread');
    this.count = page.getByTestId('inspector-count');
    this.detail = page.getByTestId('detail-pane');
    this.detailPayload = this.detail.getByTestId('detail-payload');
  }

  /** The rendered row at `index` (0-based; -1 is the last). */
  row(index: number): Locator {
    return this.rows.nth(index);
  }

  /** The row of absolute store index `index` (data-row-index), wherever the view puts it. */
  rowAt(index: string): Locator {
    return this.rows.and(this.page.locator(`[data-row-index="${index}"]`));
  }

  /** A rendered row's absolute store index. */
  async indexOf(row: Locator): Promise<string> {
    const index = await row.getAttribute('data-row-index');
    if (index === null) throw new Error('a row without data-row-index');
    return index;
  }

  /** The rows going one way (data-dir). */
  rowsGoing(dir: 'in' | 'out'): Locator {
    return this.rows.and(this.page.locator(`[data-dir="${dir}"]`));
  }

  /** Elements matching a CSS selector inside the table or the detail pane (e.g. markup made from a payload). */
  elementsIn(region: 'table' | 'detail', selector: string): Locator {
    return (region === 'table' ? this.table : this.detail).locator(selector);
  }

  /** The violations listed in the open detail (data-code is the stable code). */
  get violations(): Locator {
    return this.detail.getByTestId('detail-violation');
  }

  /** The rows going one way with one opcode (data-dir, data-opcode). */
  rowsOf(dir: 'in' | 'out', opcode: string): Locator {
    return this.rows.and(this.page.locator(`[data-dir="${dir}"][data-opcode="${opcode}"]`));
  }

  /** A row's cell. */
  cell(row: Locator, column: Column): Locator {
    return row.getByRole('gridcell').nth(COLUMNS.indexOf(column));
  }

  /** Checks the given cells of a row. */
  async expectCells(row: Locator, cells: RowCells): Promise<void> {
    for (const [column, text] of Object.entries(cells) as [Column, string | RegExp][]) {
      await expect(this.cell(row, column), `${column} cell`).toHaveText(text);
    }
  }

  /** The rows whose preview cell is exactly `text`. */
  rowsWithPreview(text: string): Locator {
    return this.rows.filter({ has: this.page.getByRole('gridcell').getByText(text, { exact: true }) });
  }

  /** Opens a row's detail and waits for it to load. */
  async open(row: Locator): Promise<void> {
    await row.click();
    await expect(this.detail).toHaveAttribute('data-status', 'ok');
  }

  field(name: DetailField): Locator {
    return this.detail.getByTestId(`detail-${name}`);
  }

  /** Shows a payload tab of the open detail (text, json, hex, base64). */
  async payloadTab(tab: 'text' | 'json' | 'hex' | 'base64'): Promise<Locator> {
    await this.detail.getByTestId(`detail-tab-${tab}`).click();
    await expect(this.detailPayload).toHaveAttribute('data-tab', tab);
    return this.detailPayload;
  }

  /** Frames (as on the wire) or messages (reassembled). */
  async setMode(mode: 'frames' | 'messages'): Promise<void> {
    await this.mode.selectOption(mode);
  }

  directionChip(dir: 'in' | 'out'): Locator {
    return this.page.getByTestId(`filter-dir-${dir}`);
  }

  opcodeChip(opcode: OpcodeChip): Locator {
    return this.page.getByTestId(`filter-opcode-${opcode}`);
  }

  /** Presses a toggle chip and waits for its new state. */
  async toggle(chip: Locator): Promise<void> {
    const before = await chip.getAttribute('aria-pressed');
    await chip.click();
    await expect(chip).toHaveAttribute('aria-pressed', before === 'true' ? 'false' : 'true');
  }

  /** Types a search (applied after the input's debounce: callers wait on the rows). */
  async searchFor(text: string, options: { regex?: boolean } = {}): Promise<void> {
    const on = (await this.regexToggle.getAttribute('aria-pressed')) === 'true';
    if ((options.regex ?? false) !== on) await this.toggle(this.regexToggle);
    await this.search.fill(text);
  }

  /** Pauses the live tail (the button then offers Resume). */
  async pause(): Promise<void> {
    await this.pauseButton.click();
    await expect(this.pauseButton).toHaveAttribute('aria-pressed', 'true');
  }

  async resume(): Promise<void> {
    await this.pauseButton.click();
    await expect(this.pauseButton).toHaveAttribute('aria-pressed', 'false');
  }

  /** Expects the counter to read `shown of total rows`. */
  async expectCount(shown: number, total: number): Promise<void> {
    await expect(this.count).toHaveText(`${shown} of ${total} rows`);
  }
}
