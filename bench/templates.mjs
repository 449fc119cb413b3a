#!/usr/bin/env node
// npm run bench:templates: how many of the hand-written facts of real
// custom-template notes ingest reads right (#24). Each note `X.md` under the
// folders given has `X.facts.json` beside it (fixtures/templates-real/SOURCES.tsv
// says where each came from); a folder of plain notes (`--plain`) must give
// no highlight at all. Prints, per note, the fields that differ, then the
// share of fields that match.
//
//   node bench/templates.mjs fixtures/templates-real [more folders] [--plain fixtures/plain-notes-real] [--json]
//
// A field is one of the document's title, authors, url, category, published
// and tags, or one of each highlight's text, note, location, page and url
// (highlights compared in order; a missing or extra highlight counts all its
// five fields as wrong). Compared after folding what a reader may write
// either way: white space runs, Unicode normal form, case of tags.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'ingest.js');

/** Every `.md` with a `.facts.json` beside it, under `folder`. */
export function notesUnder(folder) {
  return fs
    .readdirSync(folder, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.facts.json'))
    .sort()
    .map((name) => ({ note: path.join(folder, name.replace(/\.facts\.json$/, '.md')), facts: JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8')) }));
}

/** What ingest reads from these files, by path. */
export function read(files) {
  const out = execFileSync(process.execPath, [bin, ...files, '--no-cache', '-f', 'ndjson', '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const records = new Map();
  for (const line of out.split('\n').filter(Boolean)) {
    const record = JSON.parse(line);
    records.set(path.resolve(record.source.path), record);
  }
  return records;
}

const fold = (value) => (value === null || value === undefined ? null : String(value).normalize('NFC').replace(/\s+/g, ' ').trim());
const same = (a, b) => fold(a) === fold(b);
const sameList = (a, b, lower = false) => {
  const norm = (list) => (list ?? []).map((item) => (lower ? fold(item)?.toLowerCase() : fold(item)));
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
};
/** A page as the schema writes it (`12`), a location as `Location 12`. */
const sameLocation = (fact, record) => same(fact, record) || (fact !== null && record !== null && same(String(fact).replace(/^(?:page|p\.)\s*/i, ''), String(record).replace(/^(?:page|p\.)\s*/i, '')));

/** The fields of one note that differ from its facts, and how many were compared. */
export function compare(facts, record) {
  const wrong = [];
  let total = 0;
  const check = (name, ok, want, got) => {
    total += 1;
    if (!ok) wrong.push({ name, want, got });
  };
  const f = facts.fields;
  check('title', same(f.title, record?.title), f.title, record?.title);
  check('authors', sameList(f.authors, record?.authors), f.authors, record?.authors);
  check('url', same(f.url, record?.url), f.url, record?.url);
  check('category', same(f.category, record?.category), f.category, record?.category);
  check('published', same(f.published, record?.published?.slice(0, 10) ?? null), f.published, record?.published);
  // Tags are a set: ingest sorts them.
  check('tags', sameList([...(f.tags ?? [])].map((tag) => fold(tag).toLowerCase()).sort(), [...(record?.tags ?? [])].map((tag) => fold(tag).toLowerCase()).sort()), f.tags, record?.tags);
  const got = record?.highlights ?? [];
  const count = Math.max(facts.highlights.length, got.length);
  for (let i = 0; i < count; i++) {
    const want = facts.highlights[i];
    const have = got[i];
    if (!want || !have) {
      for (const name of ['text', 'note', 'location', 'page', 'url']) check(`highlight ${i + 1} ${name}`, false, want?.[name] ?? '(none)', have?.[name] ?? '(none)');
      continue;
    }
    check(`highlight ${i + 1} text`, same(want.text, have.text), want.text, have.text);
    check(`highlight ${i + 1} note`, same(want.note, have.note), want.note, have.note);
    // `Location: Page 12` beside `page: 12` only restates the page.
    const location = have.location !== null && have.page !== null && want.location === null && same(have.location, `Page ${have.page}`) ? null : have.location;
    check(`highlight ${i + 1} location`, sameLocation(want.location, location), want.location, have.location);
    check(`highlight ${i + 1} page`, sameLocation(want.page, have.page), want.page, have.page);
    check(`highlight ${i + 1} url`, same(want.url, have.url), want.url, have.url);
  }
  return { wrong, total };
}

/** Per note: its path, fields compared, fields wrong; and plain notes that grew highlights. */
export function measure(folders, plainFolders = []) {
  const notes = folders.flatMap(notesUnder);
  const records = read(notes.map((n) => n.note));
  const results = notes.map(({ note, facts }) => {
    const record = records.get(path.resolve(note)) ?? null;
    return { note, format: record?.format ?? '(none)', ...compare(facts, record) };
  });
  const plain = plainFolders.flatMap((folder) =>
    fs
      .readdirSync(folder, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.md'))
      .map((name) => path.join(folder, name)),
  );
  const plainRecords = plain.length > 0 ? read(plain) : new Map();
  const grew = plain.filter((file) => (plainRecords.get(path.resolve(file))?.highlights.length ?? 0) > 0);
  return { results, plain: plain.length, grew };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const plainFolders = [];
  const folders = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--plain') plainFolders.push(args[++i]);
    else if (args[i] !== '--json' && args[i] !== '--quiet') folders.push(args[i]);
  }
  const { results, plain, grew } = measure(folders.length ? folders : ['fixtures/templates-real'], plainFolders);
  let total = 0;
  let wrong = 0;
  for (const result of results) {
    total += result.total;
    wrong += result.wrong.length;
    const share = (((result.total - result.wrong.length) / result.total) * 100).toFixed(0);
    console.log(`${share.padStart(4)}%  ${result.format.padEnd(18)} ${result.note}`);
    if (!args.includes('--quiet'))
      for (const w of result.wrong.slice(0, 8)) console.log(`        ${w.name}: want ${JSON.stringify(w.want)?.slice(0, 90)} got ${JSON.stringify(w.got)?.slice(0, 90)}`);
  }
  console.log(`\n${results.length} notes: ${total - wrong} of ${total} fields match (${(((total - wrong) / total) * 100).toFixed(1)}%)`);
  if (plainFolders.length) console.log(`${plain} plain notes: ${grew.length} grew highlights${grew.length ? `: ${grew.join(', ')}` : ''}`);
}
