/**
 * Where the console window was: its normal bounds and whether it was maximized, kept in
 * userData/window-state.json. Pure logic plus plain file I/O (no Electron), so it is unit-tested:
 * a saved position is used only when enough of the window lands on a display that is still there
 * (an unplugged monitor must not leave the window off-screen).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A rectangle in screen coordinates (Electron's Rectangle). */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** What is remembered between runs. */
export interface WindowState {
  readonly bounds: Rect;
  readonly maximized: boolean;
}

/** Bounds to open the window with: no x/y means "centered by the system". */
export interface InitialBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

/** The size of a first window. */
export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;

/** The smallest window the layout is made for. */
export const MIN_SIZE = { width: 720, height: 480 } as const;

/** How much of the window must overlap a display's work area to count as visible (px). */
const VISIBLE = { width: 120, height: 60 } as const;

const isCoordinate = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e6;

/** A saved state read back from JSON, or null when it is missing pieces or nonsense. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as { bounds?: unknown; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null || typeof maximized !== 'boolean') return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (![x, y, width, height].every(isCoordinate)) return null;
  if ((width as number) <= 0 || (height as number) <= 0) return null;
  return {
    bounds: { x: x as number, y: y as number, width: width as number, height: height as number },
    maximized,
  };
}

/** The area two rectangles share (0 when they do not meet). */
function overlap(a: Rect, b: Rect): { readonly width: number; readonly height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

/** True when enough of `bounds` lies on one of the work areas to be grabbed and moved. */
export function isVisible(bounds: Rect, workAreas: readonly Rect[]): boolean {
  const need = {
    width: Math.min(VISIBLE.width, bounds.width),
    height: Math.min(VISIBLE.height, bounds.height),
  };
  return workAreas.some((area) => {
    const o = overlap(bounds, area);
    return o.width >= need.width && o.height >= need.height;
  });
}

/**
 * The bounds to open with: the saved ones when they are visible on today's displays (size at
 * least MIN_SIZE), else the default size centered; maximized is kept either way.
 */
export function initialBounds(saved: WindowState | null, workAreas: readonly Rect[]): InitialBounds {
  if (saved === null) return { ...DEFAULT_SIZE, maximized: false };
  const width = Math.max(MIN_SIZE.width, Math.round(saved.bounds.width));
  const height = Math.max(MIN_SIZE.height, Math.round(saved.bounds.height));
  const bounds = { x: Math.round(saved.bounds.x), y: Math.round(saved.bounds.y), width, height };
  if (!isVisible(bounds, workAreas)) return { ...DEFAULT_SIZE, maximized: saved.maximized };
  return { ...bounds, maximized: saved.maximized };
}

/** The saved state in `file`, or null when there is none or it cannot be read. */
export function loadWindowState(file: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return null;
  }
}

/** Writes the state (whole file replaced at once); false when it could not be written. */
export function saveWindowState(file: string, state: WindowState): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, `${JSON.stringify(state)}\n`);
    renameSync(temporary, file);
    return true;
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // the folder itself is not there
    }
    return false;
  }
}
