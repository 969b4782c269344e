/**
 * The application menu: File, Edit, View, Window, Help with the usual shortcuts, built from roles
 * so each platform gets its native behaviour. A plain template (type-only Electron import), so the
 * choices (reload only in development) are unit-tested.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** What the menu depends on. */
export interface MenuOptions {
  readonly appName: string;
  readonly isMac: boolean;
  /** Running from a checkout (not packaged): reload is offered. */
  readonly isDev: boolean;
}

/** The menu template. */
export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { appName, isMac, isDev } = options;
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];
  const reload: MenuItemConstructorOptions[] = isDev ? [{ role: 'reload' }, { role: 'forceReload' }] : [];
  return [
    ...appMenu,
    { label: '&File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'delete' },
        { type: 'separator' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        ...reload,
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Window',
      role: 'windowMenu',
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [{ role: 'about', label: `About ${appName}` }],
    },
  ];
}
