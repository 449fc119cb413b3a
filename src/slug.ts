/**
 * File names for documents (`--out-dir`): a readable slug of the title,
 * made unique in input order. Pure. A slug is letters, digits and `-` only,
 * so no title or bundle name can reach outside the output folder.
 */

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d|index)$/;
const MAX_LENGTH = 80;

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const cut = [...slug].slice(0, MAX_LENGTH).join('').replace(/-+$/, '');
  if (cut === '') return 'untitled';
  return RESERVED.test(cut) ? `${cut}-doc` : cut;
}

/** Hands out `slug.ext`, then `slug-2.ext`, `slug-3.ext`… for later documents with the same slug. */
export class Names {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name.toLowerCase());
  }

  next(text: string, extension: string): string {
    const slug = slugify(text);
    for (let n = 1; ; n++) {
      const name = `${n === 1 ? slug : `${slug}-${n}`}${extension}`;
      if (!this.taken.has(name.toLowerCase())) {
        this.taken.add(name.toLowerCase());
        return name;
      }
    }
  }
}
