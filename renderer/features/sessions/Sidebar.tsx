/** Sidebar (being written). */
export function Sidebar() {
  return <div data-testid="todo-Sidebar" />;
}
