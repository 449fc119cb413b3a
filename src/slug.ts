/**
 * File names for documents (`--out-dir`): a readable slug of the title,
 * made unique in input order. Pure. A slug is letters, digits and `-` only,
 * so no title or bundle name can reach outside the output folder.
 */

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d|index)$/;
const MAX_LENGTH = 80;
/**
 * A slug's most UTF-8 bytes. A file name may have 255 (ext4, btrfs, xfs,
 * tmpfs); a page is written through `.NAME.PID.RANDOM.tmp` (22 bytes more at
 * most), and NAME adds `-N` and `.json` to the slug: 200 leaves room for all
 * of them. 80 CJK characters are 240 bytes: the length alone did not.
 */
const MAX_BYTES = 200;

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const cut = cutToBytes([...slug].slice(0, MAX_LENGTH), MAX_BYTES).replace(/-+$/, '');
  if (cut === '') return 'untitled';
  return RESERVED.test(cut) ? `${cut}-doc` : cut;
}

/** The first characters of `characters` that fit in `max` UTF-8 bytes: cut between characters, never inside one. */
function cutToBytes(characters: string[], max: number): string {
  let bytes = 0;
  let end = 0;
  for (; end < characters.length; end++) {
    bytes += Buffer.byteLength(characters[end]!);
    if (bytes > max) break;
  }
  return characters.slice(0, end).join('');
}

/** Hands out `slug.ext`, then `slug-2.ext`, `slug-3.ext`… for later documents with the same slug. */
export class Names {
  private readonly taken = new Set<string>();
  /** Names handed out this run (taken also holds names kept for documents yet to come). */
  private readonly given = new Set<string>();

  constructor(reserved: Iterable<string> = [], kept: Iterable<string> = []) {
    for (const name of reserved) {
      this.taken.add(name.toLowerCase());
      this.given.add(name.toLowerCase());
    }
    for (const name of kept) this.taken.add(name.toLowerCase());
  }

  /**
   * `previous` (the name the document had last run) when it is still this
   * text's slug (`slug.ext` or `slug-N.ext`) and not given yet: a page keeps
   * its name while its document exists, whatever sorts before it. With
   * `always`, whatever its text is now: a work's page keeps its name when a
   * source with another title of it comes (links in a vault name the page).
   * Else next().
   */
  keep(previous: string | undefined, text: string, extension: string, always = false): string {
    if (previous !== undefined && !this.given.has(previous.toLowerCase())) {
      const slug = slugify(text);
      const stem = previous.slice(0, previous.length - extension.length);
      if (previous.endsWith(extension) && (always || stem === slug || (stem.startsWith(`${slug}-`) && /^\d+$/.test(stem.slice(slug.length + 1))))) {
        this.given.add(previous.toLowerCase());
        return previous;
      }
    }
    return this.next(text, extension);
  }

  next(text: string, extension: string): string {
    const slug = slugify(text);
    for (let n = 1; ; n++) {
      const name = `${n === 1 ? slug : `${slug}-${n}`}${extension}`;
      if (!this.taken.has(name.toLowerCase())) {
        this.taken.add(name.toLowerCase());
        this.given.add(name.toLowerCase());
        return name;
      }
    }
  }
}
