// Renders a Markdown digest to a standalone HTML page, to look at it as a
// reader would (issue #15): `node bench/digest-html.mjs digest.md > digest.html`,
// then `chromium --headless --screenshot=out.png --window-size=1200,2000 digest.html`.
// marked is a devDependency: this is a tool for looking, not part of ingest.
import fs from 'node:fs';
import { marked } from 'marked';

const [input] = process.argv.slice(2);
if (!input) {
  process.stderr.write('usage: node bench/digest-html.mjs DIGEST.md > DIGEST.html\n');
  process.exit(2);
}
const body = marked.parse(fs.readFileSync(input, 'utf8'), { async: false, gfm: true });
const style = `body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
blockquote{margin:0 0 1rem;padding:.25rem 1rem;border-left:4px solid #ccc;color:#444}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.25rem .5rem;vertical-align:top}
code{background:#f3f3f3;padding:0 .2rem}h2{border-top:1px solid #eee;padding-top:1rem}`;
process.stdout.write(`<!doctype html>\n<html><head><meta charset="utf-8"><title>Digest</title><style>${style}</style></head><body>\n${body}</body></html>\n`);
