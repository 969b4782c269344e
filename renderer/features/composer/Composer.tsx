/** Composer (being written). */
export function Composer() {
  return <div data-testid="todo-Composer" />;
}
