/** Plain-text articles and web clippings (`format: "text"`): see extract/text.ts. */
import { extractText } from '../../extract/text.js';
import type { SourceFormat } from '../format.js';

export const text: SourceFormat = {
  detect: () => true,
  read: (document, messages) => ({ works: [{ fields: extractText(document.text), key: null, messages }] }),
};
