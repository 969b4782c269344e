/** Inspector (being written). */
export function Inspector() {
  return <div data-testid="todo-Inspector" />;
}
