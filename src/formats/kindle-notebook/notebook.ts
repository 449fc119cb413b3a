/**
 * The Kindle notebook in HTML (`format: "kindle-notebook"`): the page
 * saved from read.amazon.com/notebook (page.ts) and the notebook a Kindle
 * app exports (app-export.ts). One record per file: a notebook is one
 * book's. An HTML file of neither shape is not taken. Pure.
 */
import { loadParser } from './html-parts.js';
import type { SourceFormat } from '../format.js';
import { isAppExport, readAppExport } from './app-export.js';
import { isNotebookPage, readNotebookPage } from './page.js';

const HTML_NAME = /\.x?html?$/i;

export const kindleNotebook: SourceFormat = {
  detect: (document) => HTML_NAME.test(document.name) && (isNotebookPage(document.text) || isAppExport(document.text)),
  read: (document, messages) => {
    const fields = isNotebookPage(document.text) ? readNotebookPage(document.text) : readAppExport(document.text);
    return { works: [{ fields, key: null, messages }] };
  },
  prepare: loadParser,
};
