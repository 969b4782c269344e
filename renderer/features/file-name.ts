/** A path's last part, whichever separator the machine that wrote it uses (paths come from main: POSIX or Windows). */
export function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
