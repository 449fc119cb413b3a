#!/usr/bin/env node
// Held-out measure for issue #26: runs `node bin/ingest.js <file> -f json` on
// every file under fixtures/heldout-26/<format>/ that has hand-written facts in
// docs/facts/heldout-26/<format>/<file>.json, and compares field by field.
//
// Record fields: title (skipped when the facts give null), authors, url and
// category (only when the facts give them), highlight count. Highlights are
// matched in order; per highlight text, note, location, highlightedAt, color
// (a key absent from the facts means "none": null is expected). Text and notes
// are compared after whitespace collapse. A location matches ingest's
// `location`, or `Page N` against its `page`. A time written HH:MM matches
// HH:MM:00. A highlight ingest does not give counts all five of its fields as
// missed. Prints one table per format and every mismatch.
//
// Usage: npm run build && node bench/heldout.mjs [format ...]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = path.join(ROOT, 'fixtures', 'heldout-26');
const FACTS = path.join(ROOT, 'docs', 'facts', 'heldout-26');

const collapse = (s) => (s == null ? null : String(s).replace(/\s+/g, ' ').trim());
const minutes = (s) => (s == null ? null : String(s).replace(/T(\d\d:\d\d)(?=$|[Z+-])/, 'T$1:00'));

function factFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...factFiles(full));
    else if (entry.name.endsWith('.json')) out.push(full);
  }
  return out.sort();
}

function runIngest(file) {
  try {
    const stdout = execFileSync('node', [path.join(ROOT, 'bin', 'ingest.js'), file, '-f', 'json'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    const parsed = JSON.parse(stdout);
    return { records: Array.isArray(parsed) ? parsed : [parsed] };
  } catch (error) {
    const stdout = error.stdout ? String(error.stdout) : '';
    try {
      const parsed = JSON.parse(stdout);
      return { records: Array.isArray(parsed) ? parsed : [parsed], error: `exit ${error.status}` };
    } catch {
      return { records: [], error: `exit ${error.status}: ${String(error.stderr ?? '').trim().split('\n')[0]}` };
    }
  }
}

/** Compares one expected record with one actual record; pushes into tally. */
function compareRecord(expected, actual, label, tally) {
  const check = (field, want, got, ok) => {
    tally.total += 1;
    if (ok) tally.matched += 1;
    else tally.mismatches.push({ label, field, want, got });
  };
  const rec = actual ?? {};
  if (expected.title !== null && expected.title !== undefined) {
    check('title', expected.title, rec.title ?? null, collapse(expected.title) === collapse(rec.title));
  }
  const gotAuthors = rec.authors ?? [];
  check('authors', expected.authors, gotAuthors, JSON.stringify(expected.authors) === JSON.stringify(gotAuthors));
  if ('url' in expected) check('url', expected.url, rec.url ?? null, expected.url === (rec.url ?? null));
  if ('category' in expected) {
    check('category', expected.category, rec.category ?? null, expected.category === (rec.category ?? null));
  }
  const wantH = expected.highlights ?? [];
  const gotH = rec.highlights ?? [];
  const wantCount = expected.highlightsTotal ?? wantH.length;
  check('highlight count', wantCount, gotH.length, wantCount === gotH.length);
  wantH.forEach((want, i) => {
    const at = `highlight ${i + 1}`;
    if (i >= gotH.length) {
      // A highlight ingest did not give: each of its fields is missed, whatever the facts say.
      for (const field of ['text', 'note', 'location', 'highlightedAt', 'color']) {
        check(`${at} ${field}`, want[field] ?? null, '(no highlight)', false);
      }
      return;
    }
    const got = gotH[i];
    check(`${at} text`, want.text, got.text ?? null, collapse(want.text) === collapse(got.text));
    check(`${at} note`, want.note ?? null, got.note ?? null, collapse(want.note ?? null) === collapse(got.note ?? null));
    const wantLoc = want.location ?? null;
    const locOk =
      wantLoc === (got.location ?? null) ||
      (wantLoc !== null && got.page != null && wantLoc === `Page ${got.page}` && (got.location ?? null) === null);
    check(`${at} location`, wantLoc, got.location ?? (got.page != null ? `page ${got.page}` : null), locOk);
    check(
      `${at} highlightedAt`,
      want.highlightedAt ?? null,
      got.highlightedAt ?? null,
      minutes(want.highlightedAt ?? null) === minutes(got.highlightedAt ?? null),
    );
    check(`${at} color`, want.color ?? null, got.color ?? null, (want.color ?? null) === (got.color ?? null));
  });
}

/** Every format's files against their facts: per format the rows (file, format read as, fields matched/total) and mismatches. */
export function measure(only = []) {
  const formats = fs
    .readdirSync(FACTS, { withFileTypes: true })
    .filter((e) => e.isDirectory() && (only.length === 0 || only.includes(e.name)))
    .map((e) => e.name)
    .sort();
  return formats.map((format) => {
    const rows = [];
    const mismatches = [];
    for (const factFile of factFiles(path.join(FACTS, format))) {
      const rel = path.relative(path.join(FACTS, format), factFile).replace(/\.json$/, '');
      const input = path.join(FIXTURES, format, rel);
      const facts = JSON.parse(fs.readFileSync(factFile, 'utf8'));
      const expectedRecords = facts.records ?? [facts];
      const { records, error } = runIngest(input);
      const tally = { matched: 0, total: 0, mismatches: [] };
      if (records.length !== expectedRecords.length) {
        tally.total += 1;
        tally.mismatches.push({ label: rel, field: 'record count', want: expectedRecords.length, got: records.length });
      }
      expectedRecords.forEach((expected, i) => {
        // Several records: pair by URL when the facts give one, else by order.
        const actual = expectedRecords.length > 1 && expected.url ? (records.find((r) => r.url === expected.url) ?? records[i]) : records[i];
        const label = expectedRecords.length > 1 ? `${rel} #${i + 1}` : rel;
        compareRecord(expected, actual, label, tally);
      });
      if (error) tally.mismatches.unshift({ label: rel, field: 'run', want: 'exit 0', got: error });
      rows.push({ file: rel, format: records.map((r) => r.format).join(',') || '-', matched: tally.matched, total: tally.total });
      mismatches.push(...tally.mismatches);
    }
    const matched = rows.reduce((n, r) => n + r.matched, 0);
    const total = rows.reduce((n, r) => n + r.total, 0);
    return { format, rows, mismatches, matched, total };
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = measure(process.argv.slice(2));
  let allMatched = 0;
  let allTotal = 0;
  for (const { format, rows, mismatches, matched, total } of results) {
    allMatched += matched;
    allTotal += total;
    console.log(`\n## ${format}: ${matched}/${total} fields (${total ? ((100 * matched) / total).toFixed(1) : '-'}%)\n`);
    console.log('| file | read as | matched / total |');
    console.log('|---|---|---|');
    for (const r of rows) console.log(`| ${r.file} | ${r.format} | ${r.matched}/${r.total} |`);
    if (mismatches.length > 0) {
      console.log('\nMismatches (expected → got):');
      for (const m of mismatches) console.log(`- ${m.label} · ${m.field}: ${JSON.stringify(m.want)} → ${JSON.stringify(m.got)}`);
    }
  }
  console.log(`\n## all: ${allMatched}/${allTotal} fields (${allTotal ? ((100 * allMatched) / allTotal).toFixed(1) : '-'}%)`);
}
