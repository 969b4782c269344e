// The application menu's shape: the usual menus, reload only in development.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from './menu.js';

const roles = (items: readonly MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);

describe('menuTemplate', () => {
  it('has File, Edit, View, Window and Help', () => {
    const labels = menuTemplate({ appName: 'wstap', isMac: false, isDev: false }).map((m) => m.label);
    expect(labels).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
  });

  it('offers reload only in development, devtools, zoom and fullscreen always', () => {
    const prod = roles(menuTemplate({ appName: 'wstap', isMac: false, isDev: false }));
    const dev = roles(menuTemplate({ appName: 'wstap', isMac: false, isDev: true }));
    expect(prod).not.toContain('reload');
    expect(prod).not.toContain('forceReload');
    expect(dev).toContain('reload');
    for (const role of ['quit', 'copy', 'paste', 'toggleDevTools', 'zoomIn', 'resetZoom', 'togglefullscreen'])
      expect(prod).toContain(role);
  });

  it('puts the app menu first on macOS', () => {
    const mac = menuTemplate({ appName: 'wstap', isMac: true, isDev: false });
    expect(mac[0]!.label).toBe('wstap');
    expect(roles([mac[0]!])).toContain('quit');
  });
});
