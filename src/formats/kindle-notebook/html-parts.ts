/**
 * The parts of an HTML page a reader asks for, in document order, with
 * their text: htmlparser2 reads the page as it comes (no DOM, no browser),
 * forgiving of the malformed markup Kindle for PC writes
 * (`<h3 class='noteHeading'>…</div><div class='noteText'>…</h3>`), and
 * decodes character references (`&rsquo;`, `&nbsp;`). A part starts at an
 * element the caller names (by tag, id and class) and ends when that
 * element closes or the next named element opens. Pure.
 */
import type { Parser as HtmlParser } from 'htmlparser2';

let Parser: typeof HtmlParser | null = null;
let loading: Promise<void> | null = null;

/**
 * Loads htmlparser2 once per thread: awaited before an HTML file is read
 * (the reader's `prepare`, process.ts prepareFile), so that a run that reads
 * no HTML never loads it.
 */
export function loadParser(): Promise<void> {
  loading ??= import('htmlparser2').then((module) => {
    Parser = module.Parser;
  });
  return loading;
}

export interface Element {
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly classes: readonly string[];
}

export interface Part<R extends string> {
  readonly role: R;
  readonly element: Element;
  /** The element's text, white space collapsed, trimmed. */
  text: string;
  /** The elements opened inside it (a `<span class="highlight_yellow">`). */
  readonly inner: Element[];
}

/**
 * The named parts of a page. `roleOf` says what an element is (`null`: not
 * a part); `elements` also hears every element, named or not (an `<a href>`).
 */
export function htmlParts<R extends string>(html: string, roleOf: (element: Element) => R | null, elements?: (element: Element) => void): Part<R>[] {
  const parts: Part<R>[] = [];
  const open: string[] = [];
  let current: { part: Part<R>; depth: number; text: string[] } | null = null;
  const finish = (): void => {
    if (current) current.part.text = current.text.join('').replace(/\s+/g, ' ').trim();
    current = null;
  };
  if (Parser === null) throw new Error('the HTML parser is not loaded (loadParser() is awaited before an HTML file is read)');
  const parser = new Parser(
    {
      onopentag(tag, attributes) {
        const element: Element = { tag, attributes, classes: (attributes['class'] ?? '').split(/\s+/).filter((name) => name !== '') };
        open.push(tag);
        elements?.(element);
        const role = roleOf(element);
        if (role !== null) {
          finish();
          const part: Part<R> = { role, element, text: '', inner: [] };
          parts.push(part);
          current = { part, depth: open.length, text: [] };
        } else if (current) {
          current.part.inner.push(element);
          // A line break inside a part is a space between its words.
          if (tag === 'br') current.text.push(' ');
        }
      },
      ontext(text) {
        current?.text.push(text);
      },
      onclosetag() {
        if (current && open.length <= current.depth) finish();
        open.pop();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  finish();
  return parts;
}
