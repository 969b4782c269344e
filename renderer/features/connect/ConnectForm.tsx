/** ConnectForm (being written). */
export function ConnectForm() {
  return <div data-testid="todo-ConnectForm" />;
}
