/** StatusBar (being written). */
export function StatusBar() {
  return <div data-testid="todo-StatusBar" />;
}
