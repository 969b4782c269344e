import type { SavedConnection, SavedMessage } from '../../../shared/ipc/contract.js';
import { INPUT_CHECKS } from '../../../shared/ipc/inputs.js';
import { list } from '../../../shared/ipc/validate.js';
import { JsonListFile } from './json-list-file.js';

/**
 * The user's saved connections and composer messages: `connections.json` and `messages.json` in
 * the data folder, checked against the same shapes the bridge accepts.
 */
export class SavedStore {
  private readonly connectionFile: JsonListFile<SavedConnection>;
  private readonly messageFile: JsonListFile<SavedMessage>;

  constructor(dataDir: string) {
    this.connectionFile = new JsonListFile(
      dataDir,
      'connections.json',
      'connections',
      list(INPUT_CHECKS['saved.putConnection'], 10_000),
    );
    this.messageFile = new JsonListFile(
      dataDir,
      'messages.json',
      'messages',
      INPUT_CHECKS['saved.setMessages'],
    );
  }

  /** The saved connections, in the order saved. */
  connections(): Promise<SavedConnection[]> {
    return this.connectionFile.read();
  }

  /** Saves a connection: replaces the one of the same name in place, else appends it. */
  putConnection(connection: SavedConnection): Promise<SavedConnection[]> {
    return this.connectionFile.update((current) => {
      const at = current.findIndex((c) => c.name === connection.name);
      return at < 0 ? [...current, connection] : current.map((c, i) => (i === at ? connection : c));
    });
  }

  /** Removes the connection of that name (nothing happens when there is none). */
  removeConnection(name: string): Promise<SavedConnection[]> {
    return this.connectionFile.update((current) => current.filter((c) => c.name !== name));
  }

  /** The saved messages, in the user's order. */
  messages(): Promise<SavedMessage[]> {
    return this.messageFile.read();
  }

  /** Replaces the saved messages with `messages`. */
  setMessages(messages: readonly SavedMessage[]): Promise<SavedMessage[]> {
    return this.messageFile.update(() => [...messages]);
  }
}
