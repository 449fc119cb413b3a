/**
 * The format registry (src/formats/registry.ts): every descriptor is
 * complete, every table about formats comes from it, and detection is
 * decided by it. One test runs every detector over every fixture input,
 * seed and ../shared/realworld file: no two specific readers accept the same
 * document, and each document is taken by the reader that gives the format
 * its hand-checked expected.json (or, for real-world files, MANIFEST.tsv's
 * kind) says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeWork, recordKeys } from '../src/merge.js';
import { detect, detectBytes, loadedReaders, specificReaders, type Loaded } from '../src/formats/readers.js';
import { emptyFields } from '../src/extract/fields.js';
import { processBytes, processFile } from '../src/process.js';
import { SourceFile } from '../src/source-file.js';
import { DEFAULT_INCLUDE, FORMAT_INFOS, FORMAT_NAMES, REGISTRY, claims, isOptional, ownerOf, shelfOfFormat, trustOf } from '../src/formats/registry.js';
import type { FormatDescriptor } from '../src/formats/format.js';
import { Messages } from '../src/messages.js';
import { decode } from '../src/read.js';
import { RecordSchema, type IngestRecord } from '../src/schema.js';
import { split } from '../src/split.js';
import { ROOT, runCli, scratch } from './helpers.js';

const ALL: readonly FormatDescriptor[] = REGISTRY;

describe('every descriptor', () => {
  it('is complete: id, family folder, formats with kind, trust, about and reads, claims, input, detection, a reader', async () => {
    const ids = new Set<string>();
    for (const descriptor of ALL) {
      expect(descriptor.id, 'id').toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(ids.has(descriptor.id), `${descriptor.id} twice`).toBe(false);
      ids.add(descriptor.id);
      // Its family is its folder, and the folder's descriptor.ts declares it.
      const folder = path.join(ROOT, 'src', 'formats', descriptor.family);
      expect(fs.existsSync(path.join(folder, 'descriptor.ts')), `${descriptor.family}/descriptor.ts`).toBe(true);
      expect(fs.readFileSync(path.join(folder, 'descriptor.ts'), 'utf8')).toContain(`id: '${descriptor.id}'`);
      for (const info of descriptor.formats) {
        expect(info.name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        expect(['highlights', 'markdown', 'text'].some((kind) => info.kind.startsWith(kind)), `${info.name} kind`).toBe(true);
        expect(info.trust, `${info.name} trust`).toBeGreaterThanOrEqual(0);
        expect(info.trust, `${info.name} trust`).toBeLessThanOrEqual(100);
        expect(info.about.length, `${info.name} about`).toBeGreaterThan(10);
        expect(info.reads.length, `${info.name} reads`).toBeGreaterThan(10);
      }
      expect(Array.isArray(descriptor.claims)).toBe(true);
      for (const glob of descriptor.claims) expect(glob, `${descriptor.id} claims a file name, not a path`).not.toContain('/');
      expect(['text', 'bytes']).toContain(descriptor.input);
      expect(['specific', 'fallback', 'refines', 'named']).toContain(descriptor.detection.role);
      const reader = await descriptor.reader();
      expect(typeof reader.detect, `${descriptor.id} detect`).toBe('function');
      expect(typeof reader.read, `${descriptor.id} read`).toBe('function');
      // A reader that refines what another read claims no file and must say what it adds.
      // A reader the user points at notes (--read-template) claims no file and says why it did not take one.
      if (descriptor.detection.role === 'named') {
        expect(descriptor.claims, `${descriptor.id} claims`).toEqual([]);
        expect(typeof reader.whyNot, `${descriptor.id} whyNot`).toBe('function');
      }
      if (descriptor.detection.role === 'refines') {
        expect(descriptor.claims, `${descriptor.id} claims`).toEqual([]);
        expect(typeof reader.refine, `${descriptor.id} refine`).toBe('function');
      }
    }
  });

  it('gives each format one owner, a trust no other format has, and fallbacks distinct ranks', () => {
    const names = FORMAT_INFOS.map((info) => info.name);
    expect(new Set(names).size).toBe(names.length);
    const trusts = FORMAT_INFOS.map((info) => info.trust);
    expect(new Set(trusts).size).toBe(trusts.length);
    const ranks = ALL.flatMap((descriptor) => (descriptor.detection.role === 'fallback' ? [descriptor.detection.rank] : []));
    expect(new Set(ranks).size).toBe(ranks.length);
    for (const name of names) expect(ownerOf(name)).toBeDefined();
    // `over` names specific readers that exist, and never both ways.
    const ids = new Map(ALL.map((descriptor) => [descriptor.id, descriptor]));
    for (const descriptor of ALL) {
      const over = descriptor.detection.role === 'specific' ? (descriptor.detection.over ?? []) : [];
      for (const id of over) {
        const other = ids.get(id);
        expect(other?.detection.role, `${descriptor.id} over ${id}`).toBe('specific');
        expect(other!.detection.role === 'specific' && (other!.detection.over ?? []).includes(descriptor.id), `${descriptor.id} and ${id} over each other`).toBe(false);
      }
    }
  });

  it('where two shapes overlap, the reader declared over the other reads the document', () => {
    // Apple Books' template: `Key:: value` fields (Logseq page properties too) and an ibooks:// link.
    const note = { name: 'Deep Work.md', text: 'Title:: 📕 Deep Work\nAuthor:: Newport, Cal\nLink:: [Apple Books Link](ibooks://assetid/A1B2C3D4E5F60718293A4B5C6D7E8F90)\n\n## Annotations\n\n- Highlight:: Clarity.\n' };
    expect(specificReaders(note).map((descriptor) => descriptor.id)).toEqual(['apple-books']);
    expect(detect(note)!.descriptor.id).toBe('apple-books');
  });

  it('derives the tables: schema enum, merge trust, digest shelves, walked files', () => {
    expect([...FORMAT_NAMES].sort()).toEqual(FORMAT_INFOS.map((info) => info.name).sort());
    // The schema refuses a format no descriptor declares.
    const record = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures', 'markdown-note', 'expected.json'), 'utf8'))[0] as IngestRecord;
    expect(RecordSchema.safeParse(record).success).toBe(true);
    expect(RecordSchema.safeParse({ ...record, format: 'readwsie' }).success).toBe(false);
    expect(trustOf('readwise-json')).toBeGreaterThan(trustOf('kindle-clippings'));
    expect(trustOf('no-such-format')).toBeLessThan(Math.min(...FORMAT_INFOS.map((info) => info.trust)));
    expect(shelfOfFormat('kindle-clippings')).toBe('Books');
    expect(shelfOfFormat('markdown')).toBeNull();
    for (const glob of ['*.md', '*.markdown', '*.txt', '*.csv', '*.json']) expect(DEFAULT_INCLUDE).toContain(glob);
    expect(isOptional('export.json')).toBe(true);
    expect(isOptional('export.csv')).toBe(true);
    expect(isOptional('Atomic Habits.md')).toBe(false);
    expect(claims(ALL.find((descriptor) => descriptor.id === 'readwise-csv')!, 'notes/readwise-data.CSV')).toBe(true);
  });

  it('merge follows the registry: the more trusted format gives the merged record its fields', () => {
    const base = JSON.parse(fs.readFileSync(path.join(ROOT, 'fixtures', 'markdown-note', 'expected.json'), 'utf8'))[0] as IngestRecord;
    const a = { ...base, id: 'a'.repeat(16), format: 'kindle-clippings', title: 'From Kindle' } as IngestRecord;
    const b = { ...base, id: 'b'.repeat(16), format: 'readwise-json', title: 'From Readwise' } as IngestRecord;
    expect(mergeWork([a, b], recordKeys(a)).record.title).toBe('From Readwise');
    expect(mergeWork([b, a], recordKeys(a)).record.title).toBe('From Readwise');
  });
});

/** Every document in a file, as the readers see it. */
function documentsOf(file: string): Array<{ name: string; text: string }> {
  const decoded = decode(fs.readFileSync(file), new Messages());
  if (!decoded.ok) return [];
  return split(decoded.text, new Messages()).map((segment) => ({ name: segment.bundle?.name ?? path.relative(ROOT, file), text: segment.text }));
}

/** The reader that owns a format (the Readwise Markdown reader may also give `readwise-logseq`, which no fixture needs). */
function givers(format: string): string[] {
  const owner = ownerOf(format)!;
  // A format a `refines` reader gives (the structural reader's `template`) comes after whichever reader took the note.
  return owner.detection.role === 'refines' ? ALL.map((descriptor) => descriptor.id) : [owner.id];
}

describe('detection, on every file we have', () => {
  const fixtures = path.join(ROOT, 'fixtures');
  const expectations: Array<{ file: string; name: string; formats: Set<string> }> = [];
  for (const folder of fs.readdirSync(fixtures).sort()) {
    const expectedFile = path.join(fixtures, folder, 'expected.json');
    if (!fs.existsSync(expectedFile)) continue;
    const byDocument = new Map<string, Set<string>>();
    for (const record of JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as IngestRecord[]) {
      const key = `${record.source.path}\0${record.source.bundle?.name ?? ''}`;
      if (!byDocument.has(key)) byDocument.set(key, new Set());
      byDocument.get(key)!.add(record.format);
    }
    for (const [key, formats] of byDocument) {
      const [file, bundle] = key.split('\0') as [string, string];
      expectations.push({ file, name: bundle || file, formats });
    }
  }

  it('reads the fixtures', () => {
    expect(expectations.length).toBeGreaterThan(100);
  });

  it('no two specific readers accept one document, and each fixture document is taken by the reader of its expected format', () => {
    const wrong: string[] = [];
    for (const { file, name, formats } of expectations) {
      // A file a reader of bytes takes (a database) is never decoded: that reader, and no reader of text, reads it.
      const binary = detectBytes(file, fs.readFileSync(path.join(ROOT, file)));
      if (binary) {
        for (const format of formats) if (!givers(format).includes(binary.descriptor.id)) wrong.push(`${name}: taken by ${binary.descriptor.id}, expected to be ${format}`);
        continue;
      }
      const document = documentsOf(path.join(ROOT, file)).find((candidate) => candidate.name === name || candidate.name === file);
      expect(document, `${file} ${name}`).toBeDefined();
      // A document with no text is read by no reader (an empty-document warning and a text record).
      if (document!.text.trim() === '') continue;
      const specific = specificReaders(document!);
      if (specific.length > 1) wrong.push(`${name}: ${specific.map((descriptor) => descriptor.id).join(' and ')} both accept it`);
      const taken = detect(document!)!.descriptor.id;
      for (const format of formats) if (!givers(format).includes(taken)) wrong.push(`${name}: taken by ${taken}, expected to be ${format}`);
    }
    expect(wrong).toEqual([]);
  });

  const realworld = path.resolve(ROOT, '..', 'shared', 'realworld');
  const manifest = path.join(realworld, 'MANIFEST.tsv');
  it.skipIf(!fs.existsSync(manifest))('real-world files: one specific reader at most, and Readwise and Kindle files by their readers', () => {
    // What MANIFEST.tsv's kind of file must be read as.
    const expected = (kind: string): string[] | null =>
      /^(readwise-|reader-|custom-frontmatter)/.test(kind) ? ['readwise-markdown', 'logseq'] : kind === 'kindle-clippings' ? ['kindle-clippings'] : kind === 'plain-article' ? ['text', 'readwise-markdown', 'web-clipper'] : null;
    const wrong: string[] = [];
    let seen = 0;
    for (const line of fs.readFileSync(manifest, 'utf8').split('\n').slice(1)) {
      const [local, , , , kind] = line.split('\t');
      if (!local || !kind) continue;
      for (const document of documentsOf(path.join(realworld, local))) {
        seen += 1;
        const specific = specificReaders(document);
        if (specific.length > 1) wrong.push(`${local}: ${specific.map((descriptor) => descriptor.id).join(' and ')}`);
        const taken = detect(document)!.descriptor.id;
        const allowed = expected(kind);
        if (allowed && !allowed.includes(taken)) wrong.push(`${local}: ${kind} taken by ${taken}`);
      }
    }
    expect(seen).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });

  it('the seeds: one specific reader at most', () => {
    for (const file of fs.readdirSync(path.join(ROOT, 'seeds'))) {
      for (const document of documentsOf(path.join(ROOT, 'seeds', file))) expect(specificReaders(document).length).toBeLessThanOrEqual(1);
    }
  });

  it('a walked file only specific readers claim is read only when one accepts it', () => {
    const note = { name: 'settings.json', text: '{"theme": "dark"}' };
    expect(detect(note, true)).toBeNull();
    // Named on the command line, the same file is an error of its own (unknown-format).
    expect(detect(note)!.descriptor.id).toBe('unknown-data');
    const own = { name: 'out.json', text: '[\n  {"id": "0123456789abcdef", "work": "title:x", "kind": "markdown", "format": "markdown", "highlights": []}\n]' };
    expect(detect(own, true)).toBeNull();
    expect(detect(own)!.descriptor.id).toBe('ingest-output');
    expect(loadedReaders().length).toBe(ALL.length);
  });
});

describe('a walked folder, through the binary', () => {
  it('reads the exports formats claim (.csv, .json) and passes over the files no format accepts; named, such a file is an error', async () => {
    const { work } = scratch('registry-walk');
    const vault = path.join(work, 'vault');
    fs.mkdirSync(path.join(vault, 'exports'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'fixtures', 'readwise-json', '01-docs-export-example.json'), path.join(vault, 'exports', 'readwise.json'));
    fs.copyFileSync(path.join(ROOT, 'fixtures', 'readwise-csv', '04-reader-offset.csv'), path.join(vault, 'exports', 'readwise-data.csv'));
    fs.writeFileSync(path.join(vault, 'settings.json'), '{"theme": "dark"}\n');
    // Text that looks like a bundle's delimiter inside a JSON file: an export or nothing, never a bundle.
    fs.writeFileSync(path.join(vault, 'snippets.json'), '{"template": "<<<FILE: a.md>>>\\n# A"}\n');
    fs.writeFileSync(path.join(vault, 'binary.json'), Buffer.from([0x7b, 0x00, 0x01, 0x7d]));
    fs.writeFileSync(path.join(vault, 'budget.csv'), 'month,amount\nJanuary,12\n');
    fs.writeFileSync(path.join(vault, 'note.md'), '# A note\n\nSome text.\n');
    const walked = await runCli([vault, '-f', 'ndjson', '--no-cache']);
    expect(walked.exitCode).toBe(0);
    const formats = walked.stdout.trim().split('\n').map((line) => (JSON.parse(line) as IngestRecord).format);
    expect(new Set(formats)).toEqual(new Set(['readwise-json', 'readwise-csv', 'markdown']));
    expect(walked.stderr).not.toMatch(/settings\.json|budget\.csv|snippets\.json|binary\.json/);
    // Named on the command line, a file no format reads is an error that says so.
    const named = await runCli([path.join(vault, 'settings.json'), '--no-cache']);
    expect(named.exitCode).toBe(1);
    expect(named.stderr).toMatch(/settings\.json.*unknown-format/);
    // The same file walked and named is never answered from one cache entry.
    const cache = path.join(work, 'cache');
    expect((await runCli([vault, '-f', 'ndjson', '--cache', cache])).exitCode).toBe(0);
    expect((await runCli([path.join(vault, 'settings.json'), '--cache', cache])).exitCode).toBe(1);
    expect((await runCli([vault, '-f', 'ndjson', '--cache', cache])).stdout).toBe(walked.stdout);
  });
});

describe('readers of bytes', () => {
  // A reader of bytes as a format folder would declare it: claims `*.sqlite`, accepts SQLite's header.
  const sqlite: Loaded = {
    descriptor: {
      id: 'test-sqlite',
      family: 'test',
      formats: [],
      claims: ['*.sqlite'],
      input: 'bytes',
      detection: { role: 'specific' },
      reader: () => Promise.reject(new Error('not loaded')),
    },
    reader: {
      detect: (document) => document.bytes !== undefined && Buffer.from(document.bytes.subarray(0, 16)).toString('latin1') === 'SQLite format 3\0',
      read: (document, messages) => {
        const fields = emptyFields('highlights', 'kindle-clippings');
        fields.title = `${document.bytes!.length} bytes`;
        return { works: [{ fields, key: null, messages }] };
      },
    },
  };
  const database = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(100)]);

  it('are asked before decoding, by the name they claim and the bytes they accept', () => {
    expect(detectBytes('KoboReader.sqlite', database, [sqlite])).toBe(sqlite);
    expect(detectBytes('KoboReader.db', database, [sqlite])).toBeNull();
    expect(detectBytes('notes.sqlite', Buffer.from('not a database'), [sqlite])).toBeNull();
    // The registry's (kobo-sqlite) takes Kobo's own file by its name, another database only by Kobo's tables in it.
    expect(detectBytes('KoboReader.sqlite', database)?.descriptor.id).toBe('kobo-sqlite');
    expect(detectBytes('notes.sqlite', database)).toBeNull();
  });

  it('read the bytes as they are (NUL bytes and all), never refused as binary', () => {
    const [outcome] = processBytes(new SourceFile({ path: 'KoboReader.sqlite', bytes: database, place: 'notes/KoboReader.sqlite' }), sqlite);
    expect(outcome!.record!.title).toBe('116 bytes');
    expect(outcome!.record!.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(outcome!.diagnostics).toEqual([]);
    // Without a reader of bytes that takes it, the same file is binary.
    expect(processFile(new SourceFile({ path: 'notes.sqlite', bytes: database }))[0]!.diagnostics.map((diagnostic) => diagnostic.rule)).toEqual(['binary-file']);
  });
});
