/**
 * Kobo's device database (fixtures/kobo-sqlite, see its SOURCES.md): the
 * facts below were written by hand from the databases (read with the
 * sqlite3 shell) before expected.json was generated. And what is no Kobo
 * database: a damaged or cut-short file, one without the Bookmark table,
 * another program's `.sqlite`.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareFile, processFile } from '../src/process.js';
import { SourceFile } from '../src/source-file.js';
import { koboSqlite } from '../src/formats/kobo/sqlite.js';
import type { IngestRecord } from '../src/schema.js';
import { ROOT, records, runCli, scratch } from './helpers.js';

const FIXTURE = path.join(ROOT, 'fixtures', 'kobo-sqlite');
const { folder } = scratch('kobo');
const all = await records(['fixtures/kobo-sqlite'], { exclude: ['SOURCES.md'] });
const book = (title: string, file?: string): IngestRecord => all.find((record) => record.title === title && (file === undefined || record.source.path.endsWith(file)))!;

/** A database made with sql.js, as the tests need one. */
async function database(sql: string): Promise<Uint8Array> {
  const init = createRequire(import.meta.url)('sql.js') as (config?: object) => Promise<{ Database: new () => { run(sql: string): void; export(): Uint8Array } }>;
  const SQL = await init();
  const db = new SQL.Database();
  db.run(sql);
  return db.export();
}

describe('Kobo KoboReader.sqlite', () => {
  it('reads one record per book with highlights: title, authors, category, identifiers', () => {
    expect(all.map((record) => [record.source.path.split('/').pop(), record.title])).toEqual([
      ['01-epubcfi-multi.sqlite', 'Sözler'],
      ['01-epubcfi-multi.sqlite', 'Bu Ülke'],
      ['02-epubcfi.sqlite', 'Mesnevî-i Nuriye'],
      ['02-epubcfi.sqlite', 'المنطق والفكر الإنساني'],
      ['KoboReader.sqlite', 'The Art of War'],
      ['04-constructed-colours.sqlite', 'The Art of War'],
    ]);
    const sozler = book('Sözler');
    expect([sozler.format, sozler.kind, sozler.authors, sozler.category]).toEqual(['kobo-sqlite', 'highlights', ['Bediüzzaman Said Nursi'], 'books']);
    // A sideloaded EPUB's ISBN column holds a UUID: no ISBN.
    expect(sozler.extra['identifier']).toBe('FEDE3A65-8A96-445B-8918-0F1EF217A75F');
    expect(sozler.extra['isbn']).toBeUndefined();
    expect(sozler.extra['language']).toBe('tr');
    expect(book('Bu Ülke').authors).toEqual(['Cemil Meriç']);
    expect(book('المنطق والفكر الإنساني').authors).toEqual(['عبد السلام محمد عبده']);
    const war = book('The Art of War', 'KoboReader.sqlite');
    expect([war.authors, war.summary, war.extra['publisher']]).toEqual([['Sun Tzu'], 'An ancient Chinese classic discussing the art of war.', 'Standard Ebooks']);
    // The description's HTML is read as text.
    expect(book('Mesnevî-i Nuriye').summary).toMatch(/^Hz\. Said-i Bediüzzaman'ın te'lif ettiği ilk eserlerindendir\.\n/);
  });

  it('reads every highlight with its text, note, chapter and date, in book order', () => {
    const sozler = book('Sözler').highlights;
    expect(sozler).toHaveLength(11);
    expect(sozler.map((highlight) => highlight.note)).toEqual(['Deneme 1', 'Unicode¿?', 'Multiple ps', null, null, null, null, null, null, null, 'Son']);
    expect([...new Set(sozler.map((highlight) => highlight.location))]).toEqual(['Birinci Söz', 'Ondördüncü Lem’anın İkinci Makamı', 'Birinci Sır']);
    expect(sozler[0]!.highlightedAt).toBe('2024-11-16T15:42:36');
    // Kobo's line breaks and indents between paragraphs: one line per paragraph.
    expect(sozler[4]!.text).toMatch(/^Ondördüncü Lem’anın İkinci Makamı\n\(Makam münasebetiyle buraya alınmıştır\)\n\S.* in binler esrarından$/);
    const ulke = book('Bu Ülke').highlights;
    expect(ulke.map((highlight) => [highlight.text, highlight.note, highlight.highlightedAt]).slice(0, 2)).toEqual([
      ['Ötüken Yayınevi 1974-1975-1976-', null, '2024-11-13T20:29:45'],
      ['letişim Yayınlan 195 • Cemil Meriç', 'Deniyor', '2024-11-13T20:30:01'],
    ]);
    expect(ulke).toHaveLength(6);
    expect(ulke[3]!.text).toBe('Le nouvel');
    const mesnevi = book('Mesnevî-i Nuriye').highlights;
    expect(mesnevi.map((highlight) => [highlight.note, highlight.location, highlight.highlightedAt])).toEqual([
      ['Çok güzel tasvir edilmiş', 'Risale-i Nur’un bir nevi Arabî Mesnevî-i Şerif’i hükmünde olan bu mecmuanın mukaddemesi “Beş Nokta”dır.', '2024-11-18T17:43:18'],
      [null, 'HABBE', '2024-11-18T17:43:44'],
    ]);
    const arabic = book('المنطق والفكر الإنساني').highlights;
    expect(arabic.map((highlight) => [highlight.location, highlight.highlightedAt])).toEqual([
      ['إهداء', '2024-11-18T17:44:17'],
      ['إهداء', '2024-11-18T17:44:24'],
    ]);
    expect(arabic[0]!.text.split('\n')[0]).toBe('من الرحيم');
    // A KEPUB's part is titled by its file; the chapter is its table-of-contents entry.
    const war = book('The Art of War', 'KoboReader.sqlite').highlights;
    expect(war.map((highlight) => [highlight.location, highlight.note, highlight.color])).toEqual([
      ['Sun Wu and His Book', 'Such a cool quote! Amazing!', null],
      ['Sun Wu and His Book', null, null],
      ['Sun Wu and His Book', null, null],
      ['Sun Wu and His Book', 'Test', null],
    ]);
    expect(war[2]!.text).toBe('The story of Sun Tzǔ will be found, for what it is worth, in chapter 2. The only new points in it worth noting are');
  });

  it('names Color 0–3 of colour devices and skips dog-ears', () => {
    const colours = book('The Art of War', '04-constructed-colours.sqlite').highlights;
    expect(colours.map((highlight) => highlight.color)).toEqual(['yellow', 'red', 'blue', 'green']);
  });

  it('gives one record per book with every highlight through the binary, the database next to notes', async () => {
    const vault = folder('vault');
    fs.mkdirSync(path.join(vault, 'kobo'));
    fs.copyFileSync(path.join(FIXTURE, '01-epubcfi-multi.sqlite'), path.join(vault, 'kobo', 'KoboReader.sqlite'));
    fs.writeFileSync(path.join(vault, 'note.md'), '# A note\n\nNothing highlighted here.\n');
    const run = await runCli([vault, '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const list = JSON.parse(run.stdout) as IngestRecord[];
    expect(list.map((record) => [record.format, record.title, record.highlights.length])).toEqual([
      ['kobo-sqlite', 'Sözler', 11],
      ['kobo-sqlite', 'Bu Ülke', 6],
      ['markdown', 'A note', 0],
    ]);
  });

  it('reads a database large enough to be read in a worker (as real ones are, 2–40 MB)', async () => {
    const big = folder('big');
    const filler = 'x'.repeat(400 * 1024);
    fs.writeFileSync(
      path.join(big, 'KoboReader.sqlite'),
      await database(`CREATE TABLE content(ContentID TEXT, ContentType TEXT, Title TEXT, Attribution TEXT, BookTitle TEXT, Description TEXT);
        CREATE TABLE Bookmark (BookmarkID TEXT, VolumeID TEXT, ContentID TEXT, Text TEXT, Annotation TEXT, DateCreated TEXT);
        INSERT INTO content VALUES ('book', '6', 'A Big Book', 'Ann Author', NULL, '${filler}');
        INSERT INTO Bookmark VALUES ('1', 'book', 'book#1', 'A line worth keeping.', 'Mine.', '2025-01-02T03:04:05.000');`),
    );
    expect(fs.statSync(path.join(big, 'KoboReader.sqlite')).size).toBeGreaterThan(256 * 1024);
    const run = await runCli([big, '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const [record] = JSON.parse(run.stdout) as IngestRecord[];
    expect([record!.title, record!.authors, record!.highlights.map((highlight) => [highlight.text, highlight.note, highlight.highlightedAt])]).toEqual([
      'A Big Book',
      ['Ann Author'],
      [['A line worth keeping.', 'Mine.', '2025-01-02T03:04:05']],
    ]);
  });

  it('says what is wrong with a damaged, cut-short or foreign database', async () => {
    const dir = folder('bad');
    const whole = fs.readFileSync(path.join(FIXTURE, '02-epubcfi.sqlite'));
    fs.writeFileSync(path.join(dir, 'KoboReader.sqlite'), whole.subarray(0, 6000));
    const cut = await runCli([path.join(dir, 'KoboReader.sqlite')]);
    expect(cut.exitCode).toBe(1);
    expect(cut.stderr).toMatch(/sqlite-unreadable/);
    expect(cut.stderr).toMatch(/could not be read \(SQLite: /);
    const other = folder('other');
    fs.writeFileSync(path.join(other, 'KoboReader.sqlite'), await database('CREATE TABLE notes (id INTEGER, body TEXT); INSERT INTO notes VALUES (1, "x");'));
    const foreign = await runCli([path.join(other, 'KoboReader.sqlite')]);
    expect(foreign.exitCode).toBe(1);
    expect(foreign.stderr).toMatch(/kobo-schema/);
    expect(foreign.stderr).toMatch(/no Bookmark table/);
  });

  it('takes another .sqlite only when it has Kobo’s tables; passes over other databases in a walk', async () => {
    const walk = folder('walk');
    fs.writeFileSync(path.join(walk, 'cache.sqlite'), await database('CREATE TABLE notes (id INTEGER, body TEXT);'));
    fs.writeFileSync(path.join(walk, 'note.md'), '# Only a note\n');
    const run = await runCli([walk, '--format', 'json']);
    expect(run.exitCode).toBe(0);
    expect((JSON.parse(run.stdout) as IngestRecord[]).map((record) => record.title)).toEqual(['Only a note']);
    const bytes = await database('CREATE TABLE notes (id INTEGER);');
    expect(koboSqlite.detect({ name: 'cache.sqlite', text: '', bytes })).toBe(false);
    expect(koboSqlite.detect({ name: 'copy.sqlite', text: '', bytes: fs.readFileSync(path.join(FIXTURE, '02-epubcfi.sqlite')) })).toBe(true);
    expect(koboSqlite.detect({ name: 'KoboReader.sqlite', text: '', bytes: Buffer.from('not a database') })).toBe(false);
  });

  it('loads SQLite only for a database', async () => {
    // This file's own `database()` helper loads sql.js too: the check runs in a fresh process.
    const script = `
      import { createRequire } from 'node:module';
      const { processFile, prepareFile } = await import(${JSON.stringify(path.join(ROOT, 'dist', 'process.js'))});
      const { SourceFile } = await import(${JSON.stringify(path.join(ROOT, 'dist', 'source-file.js'))});
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((file) => /sql-wasm\\.js$/.test(file));
      const note = new SourceFile({ path: 'note.md', bytes: new TextEncoder().encode('# A note\\n') });
      await prepareFile(note); processFile(note);
      const before = loaded();
      const db = new SourceFile({ path: 'KoboReader.sqlite', bytes: (await import('node:fs')).readFileSync(${JSON.stringify(path.join(FIXTURE, '02-epubcfi.sqlite'))}) });
      await prepareFile(db);
      console.log(JSON.stringify([before, loaded(), processFile(db).length]));`;
    const file = path.join(folder('lazy'), 'check.mjs');
    fs.writeFileSync(file, script);
    const run = await runCli([], { shell: `node ${JSON.stringify(file)}` });
    expect(run.stdout.trim()).toBe('[false,true,2]');
  });

  it('reads a database in this process once prepared', async () => {
    const file = new SourceFile({ path: 'KoboReader.sqlite', bytes: fs.readFileSync(path.join(FIXTURE, '03-recalldaily', 'KoboReader.sqlite')) });
    await prepareFile(file);
    const [outcome] = processFile(file);
    expect(outcome!.record!.highlights).toHaveLength(4);
  });
});
