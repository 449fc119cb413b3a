import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { discover, displayPath, inFolder, shownUnder } from '../src/discover.js';
import { BIN, runCli } from './helpers.js';

let root: string;
let outside: string;

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-discover-'));
  outside = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-outside-'));
  const write = (file: string, text = 'x\n') => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  for (const file of ['b.md', 'A.MD', 'c.txt', 'd.json', 'sub/e.markdown', 'sub/deeper/f.Txt', '.hidden/x.md', 'node_modules/y.md', 'drafts/z.md', 'name with spaces #1 🚀.md']) {
    write(file);
  }
  fs.writeFileSync(path.join(outside, 'elsewhere.md'), 'x\n');
  fs.symlinkSync('..', path.join(root, 'sub', 'loop'));
  fs.symlinkSync(root, path.join(root, 'sub', 'deeper', 'loop-to-root'));
  fs.symlinkSync(outside, path.join(root, 'linked'));
  fs.symlinkSync(path.join(root, 'does-not-exist'), path.join(root, 'broken.md'));
});

afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

describe('discover', () => {
  it('walks folders for the files the registry claims (any case), sorted, skipping dot-folders and node_modules', async () => {
    const { inputs, problems } = await discover(['.'], { cwd: root });
    expect(inputs.map((input) => input.path)).toEqual([
      'A.MD',
      'b.md',
      'c.txt',
      'd.json',
      'drafts/z.md',
      'linked/elsewhere.md',
      'name with spaces #1 🚀.md',
      'sub/deeper/f.Txt',
      'sub/e.markdown',
    ]);
    // A .json only specific formats claim is optional: read only if one of them accepts it.
    expect(inputs.filter((input) => input.optional).map((input) => input.path)).toEqual(['d.json']);
    // Symlink loops are walked once; a broken link is reported, not fatal.
    expect(problems).toEqual([{ path: 'broken.md', code: 'ENOENT', message: 'broken symbolic link (ENOENT)', severity: 'error', rule: 'read-error' }]);
  });

  it('applies --include and --exclude globs', async () => {
    const { inputs } = await discover(['.'], { cwd: root, include: ['*.md'], exclude: ['linked/**'] });
    expect(inputs.map((input) => input.path)).toEqual(['A.MD', 'b.md', 'drafts/z.md', 'name with spaces #1 🚀.md']);
    // A bare name excludes a folder of that name, as in .gitignore.
    for (const exclude of ['drafts', 'drafts/**']) {
      const excluded = await discover(['.'], { cwd: root, include: ['*.md'], exclude: [exclude, 'linked'] });
      expect(excluded.inputs.map((input) => input.path)).toEqual(['A.MD', 'b.md', 'name with spaces #1 🚀.md']);
    }
  });

  it('reads a named file whatever its extension, and sorts all inputs together', async () => {
    const { inputs } = await discover(['drafts', 'd.json', 'c.txt'], { cwd: root });
    expect(inputs.map((input) => input.path)).toEqual(['c.txt', 'd.json', 'drafts/z.md']);
  });

  it('shows paths outside the working directory as absolute', async () => {
    const { inputs } = await discover([outside], { cwd: root });
    expect(inputs.map((input) => input.path)).toEqual([`${outside.split(path.sep).join('/')}/elsewhere.md`]);
  });

  it('reports an unreadable folder and reads the rest (exit 1)', async () => {
    const locked = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-locked-'));
    fs.chmodSync(locked, 0o755);
    fs.writeFileSync(path.join(locked, 'ok.md'), '# OK\n');
    fs.mkdirSync(path.join(locked, 'private'));
    fs.writeFileSync(path.join(locked, 'private', 'secret.md'), '# Secret\n');
    fs.chmodSync(path.join(locked, 'private'), 0o000);
    try {
      // root reads everything: run the CLI without root's power to override permissions (it stays
      // root, so it can still reach a checkout other users cannot enter) to see EACCES.
      const asRoot = process.getuid?.() === 0;
      const drop = 'setpriv --inh-caps=-dac_override,-dac_read_search --bounding-set=-dac_override,-dac_read_search ';
      const command = `${asRoot ? drop : ''}${process.execPath} ${BIN} --format ndjson --no-cache .`;
      const run = await runCli([], { cwd: locked, shell: command });
      expect(run.exitCode).toBe(1);
      expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line).title)).toEqual(['OK']);
      expect(run.stderr).toMatch(/^private {2}error {2}could not read: permission denied \(EACCES\) {2}read-error$/m);
    } finally {
      fs.chmodSync(path.join(locked, 'private'), 0o755);
      fs.rmSync(locked, { recursive: true, force: true });
    }
  });
});

describe('shownUnder', () => {
  it("shows a walked folder's files exactly as displayPath does, wherever the working folder is", () => {
    const segment = fc.constantFrom('a', 'b', 'notes', 'x y', '..z', '.hidden', 'é');
    const folder = fc.array(segment, { minLength: 0, maxLength: 3 }).map((parts) => `/${parts.join('/')}`);
    fc.assert(
      fc.property(folder, folder, fc.array(segment, { minLength: 1, maxLength: 3 }), (cwd, walked, file) => {
        const relative = file.join('/');
        expect(shownUnder(cwd, walked)(relative)).toBe(displayPath(cwd, path.join(walked, relative)));
        expect(inFolder(walked, relative)).toBe(path.join(walked, relative));
      }),
      { numRuns: 2000 },
    );
  });
});
