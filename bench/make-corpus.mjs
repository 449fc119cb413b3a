#!/usr/bin/env node
// A deterministic corpus of research notes with ground truth, for the
// benchmark and the accuracy check. Needs only Node.js.
//
//   node bench/make-corpus.mjs DIR [--docs N] [--seed S]
//
// Writes N documents under DIR/shelf-NNN/: about half Readwise exports (two
// frontmatter templates, 1-40 highlights with tags and notes), plain-text
// articles (a paragraph per line, heading lines), web clippings (masthead,
// menu, page title, byline with date, chrome), and some bundles of 5-30
// documents behind `<<<FILE: name>>>` lines. DIR/../<name>.truth.ndjson gets
// one line per document: path, bundle index, kind, title, authors, url,
// published, tags and highlights, as the accuracy check compares them.
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const dir = args.find((arg) => !arg.startsWith('--'));
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
if (!dir) {
  console.error('usage: make-corpus.mjs DIR [--docs N] [--seed S]');
  process.exit(2);
}
const total = option('--docs', 10000);

// mulberry32: small, fast, and the same numbers on every machine.
let state = option('--seed', 7) >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (low, high) => low + Math.floor(random() * (high - low + 1));
const pick = (list) => list[Math.floor(random() * list.length)];

const WORDS = ('livestream commerce creators marketplace sellers checkout discounts holiday season brands audience retail growth ' +
  'affiliate fulfillment logistics cross-border revenue quarter users engagement video feed counterfeit trust regulation ' +
  'security analysts forecast expansion strategy pricing conversion returns shipping inventory wholesale margin advertising').split(' ');
const PEOPLE = ['Ada Byrne', 'Bruno Costa', 'Chen Wei', 'Dana Holt', 'Emeka Obi', 'Farah Nadeem', 'Gus Lindqvist', 'Hana Sato', 'Ivan Petrov', 'Julia Mendes'];
const SITES = [['retailwire.example', 'Retail Wire'], ['shoptalk.example', 'Shop Talk'], ['asiatech.example', 'Asia Tech'], ['commercebrief.example', 'Commerce Brief']];
const TAGS = ['ecommerce', 'social-commerce', 'marketing', 'retail', 'live-shopping', 'logistics', 'regulation', 'creators', 'payments', 'ads'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ID = '0123456789abcdefghjkmnpqrstvwxyz';

const capital = (text) => text[0].toUpperCase() + text.slice(1);
const sentence = () => {
  const words = Array.from({ length: int(8, 22) }, () => pick(WORDS));
  if (random() < 0.3) words.splice(int(1, words.length - 1), 0, `$${int(2, 950)} ${pick(['million', 'billion'])}`);
  if (random() < 0.2) words.splice(int(1, words.length - 1), 0, `${int(2, 90)}%`);
  return `${capital(words.join(' '))}.`;
};
const paragraph = () => Array.from({ length: int(2, 6) }, sentence).join(' ');
const headline = () => Array.from({ length: int(4, 9) }, () => capital(pick(WORDS))).join(' ');
const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const date = () => {
  const y = int(2018, 2026);
  const m = int(1, 12);
  const d = int(1, 28);
  return { y, m, d, iso: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
};
const readwiseId = () => Array.from({ length: 26 }, () => pick(ID.split(''))).join('');

function readwiseExport(n) {
  const title = headline();
  const author = pick(PEOPLE);
  const [host] = pick(SITES);
  const published = date();
  const canonical = `https://www.${host}/${slug(title)}/`;
  const url = random() < 0.6 ? `${canonical}?utm_source=digest&utm_medium=email&utm_campaign=n${n}` : canonical;
  const tags = [...new Set(Array.from({ length: int(1, 4) }, () => pick(TAGS)))].sort();
  const highlights = Array.from({ length: int(1, 40) }, () => ({
    text: Array.from({ length: int(1, 3) }, sentence).join(' '),
    id: readwiseId(),
    tags: random() < 0.25 ? [pick(TAGS)] : [],
    note: random() < 0.15 ? sentence() : null,
  }));
  const frontmatter =
    random() < 0.5
      ? ['---', 'title: |', `  ${title}`, 'author: |', `  ${author}`, `url: ${url}`, 'category: articles',
        `published_date: ${published.iso}`, 'summary: |', `  ${paragraph()}`, '---']
      : ['---', `title: ${title}`, `author: ${author}`, `publishedOn: ${published.iso}`, 'source: reader', 'status: ', `url: ${url}`, '---'];
  const body = [`# ${title}`, '', `![rw-book-cover](https://www.${host}/covers/${n}.png)`, '', '## Metadata', `- Author: [[${author}]]`,
    `- Full Title: ${title}`, '- Category: #articles', `- Document Tags: ${tags.map((tag) => `[[${tag}]]`).join(' ')} `, `- URL: ${url}`, '', '## Highlights'];
  for (const highlight of highlights) {
    body.push(`- ${highlight.text} ([View Highlight](https://read.readwise.io/read/${highlight.id}))`);
    if (highlight.tags.length > 0) body.push(`    - Tags: ${highlight.tags.map((tag) => `[[${tag}]]`).join(' ')} `);
    if (highlight.note) body.push(`    - Note: ${highlight.note}`);
  }
  return {
    text: [...frontmatter, ...body, ''].join('\n'),
    extension: '.md',
    truth: { kind: 'readwise', title, authors: [author], url: canonical, published: published.iso, tags, highlights },
  };
}

function plainArticle() {
  const lines = [paragraph()];
  for (let section = 0; section < int(2, 6); section++) {
    lines.push(headline());
    for (let p = 0; p < int(1, 3); p++) lines.push(paragraph());
  }
  return { text: lines.join('\n'), extension: '.txt', truth: { kind: 'text', title: null, authors: [], url: null, published: null, highlights: [] } };
}

function webClipping() {
  const title = headline();
  const author = pick(PEOPLE);
  const [, site] = pick(SITES);
  const published = date();
  const when = `${MONTHS[published.m - 1]} ${published.d}, ${published.y}`;
  const top =
    random() < 0.5
      ? [`FB Pixel no script${title} | ${site}`, 'MENU', site, 'News', '', title, '', `Written by ${author} Published on ${when}  ${int(2, 9)} mins read`, '', 'Share']
      : [site, '', 'Business', '', title, '', `By ${author} · ${when}`];
  const paragraphs = Array.from({ length: int(4, 14) }, paragraph);
  const text = [...top, '', ...paragraphs.flatMap((p) => [p, '']), 'Share', '', 'Auto loading next article...', '', 'Loading...'].join('\n');
  return { text, extension: '.txt', truth: { kind: 'text', title, authors: [author], url: null, published: published.iso, highlights: [] } };
}

const documentOf = (n) => {
  const roll = random();
  return roll < 0.55 ? readwiseExport(n) : roll < 0.78 ? plainArticle() : webClipping();
};

fs.mkdirSync(dir, { recursive: true });
const truthFile = path.join(path.dirname(path.resolve(dir)), `${path.basename(path.resolve(dir))}.truth.ndjson`);
const truth = fs.openSync(truthFile, 'w');
let files = 0;
let documents = 0;
while (documents < total) {
  const shelf = path.join(dir, `shelf-${String(Math.floor(files / 500)).padStart(3, '0')}`);
  fs.mkdirSync(shelf, { recursive: true });
  if (random() < 0.02 && total - documents > 10) {
    const count = Math.min(int(5, 30), total - documents);
    const file = path.join(shelf, `bundle-${files}.txt`);
    const parts = [];
    for (let index = 0; index < count; index++) {
      const doc = documentOf(files * 100 + index);
      const name = `note-${files}-${index}${doc.extension}`;
      parts.push(`<<<FILE: ${name}>>>`, doc.text.replace(/\n+$/, ''), '');
      fs.writeSync(truth, `${JSON.stringify({ path: path.relative(dir, file).split(path.sep).join('/'), bundleIndex: index, name, ...doc.truth })}\n`);
    }
    fs.writeFileSync(file, parts.join('\n'));
    documents += count;
  } else {
    const doc = documentOf(files);
    const file = path.join(shelf, `doc-${files}${doc.extension}`);
    fs.writeFileSync(file, doc.text);
    fs.writeSync(truth, `${JSON.stringify({ path: path.relative(dir, file).split(path.sep).join('/'), bundleIndex: null, ...doc.truth })}\n`);
    documents += 1;
  }
  files += 1;
}
fs.closeSync(truth);
console.error(`wrote ${documents} documents in ${files} files under ${dir}; truth in ${truthFile}`);
