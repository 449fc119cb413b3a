/** A JSON export's text → its value, or a `json-syntax` error on `messages` and `undefined`. Pure. */
import type { Messages } from '../messages.js';

export function parseJsonDocument(text: string, messages: Messages): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    messages.error('json-syntax', `the JSON could not be read: ${(error as Error).message}`, null);
    return undefined;
  }
}
