/** Timeline (being written). */
export function Timeline() {
  return <div data-testid="todo-Timeline" />;
}
