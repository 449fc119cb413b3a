/**
 * The snips of a Snipd episode note, one highlight each (see snipd.ts for
 * the note). A snip starts at a `###` heading under `## Snips`:
 *
 *   ###  [Worst Person, Good Point](https://share.snipd.com/snip/<id>) #tag      (the official plugin)
 *   🎧 06:20 - 07:20 (01:00)
 *   <the snip's summary, or your note>
 *   #### 💬 Quote
 *   > You're afraid of sunflowers.
 *   > — Aubrey Gordon
 *   #### 📚 Transcript
 *   **Aubrey Gordon:** is maybe the most profound example …
 *   ---
 *
 *   ### [02:56] The Problem Is That You Can't Connect a Data Base Server   (the 2023 export)
 *   [🎧 Play snip - 1min️ (02:49 - 04:42)](https://share.snipd.com/snip/<id>)
 *   ### ✨ Key takeaways
 *   1. …
 *   #### 📚 Transcript
 *   <details><summary>Click to expand</summary><blockquote><b>Speaker 1</b><br/><br/>…</blockquote></details>
 *   (or a `> [!quote]- Transcript` callout of `**Speaker 1**` lines)
 *
 * The highlight's text is what was said: the transcript, `Speaker: words`
 * paragraphs; a snip without a transcript has its quote as its text. Its
 * note is the snip's title, then its summary (or your note: Snipd writes
 * either in the same place), then the quote when the transcript is the text,
 * then any text after the quote (its speaker, `— Name`, goes with it). `location` is `Time <start>-<end>`, `url`
 * the share.snipd.com link and `id` the snip's id. Pure.
 */
import { foundHighlight, type FoundHighlight } from '../../extract/fields.js';
import { decodeEntities } from '../../extract/values.js';

/** `###  ⭐ [title](https://share.snipd.com/snip/<id>) #tag`, or `### [02:56] title`. */
const LINKED_HEADING = /^###[ \t]+(⭐[ \t]*)?\[([^\]]*)\]\((https:\/\/share\.snipd\.com\/snip\/([\w-]+))\)[ \t]*(.*)$/u;
const TIMED_HEADING = /^###[ \t]+\[(\d{1,2}(?::\d{2}){1,2})\][ \t]+(.+?)[ \t]*$/u;
const HEADSET_LINE = /^🎧[ \t]*(\d{1,2}(?::\d{2}){1,2})[ \t]*-[ \t]*(\d{1,2}(?::\d{2}){1,2})/u;
const PLAY_LINK = /^\[🎧[^\]]*\((\d{1,2}(?::\d{2}){1,2})[ \t]*-[ \t]*(\d{1,2}(?::\d{2}){1,2})\)\]\((https:\/\/share\.snipd\.com\/snip\/([\w-]+))\)/u;
const SECTION = /^#{3,4}[ \t]+(?:\S+[ \t]+)?(Key takeaways|Quote|Transcript|Note|Notes)[ \t]*$/iu;

/** Whether a line starts a snip. */
export function isSnipHeading(line: string): boolean {
  return LINKED_HEADING.test(line) || TIMED_HEADING.test(line);
}

/** One snip, from its heading line to the line before the next snip or section. */
export function readSnip(lines: readonly string[]): FoundHighlight {
  const heading = lines[0]!;
  const linked = LINKED_HEADING.exec(heading);
  const timed = linked ? null : TIMED_HEADING.exec(heading);
  const title = decodeEntities((linked ? linked[2]! : timed![2]!).trim());
  let url = linked ? linked[3]! : null;
  let id = linked ? linked[4]! : null;
  const tags = linked ? (linked[5]!.match(/(?<!\S)#[^\s#]+/gu) ?? []).map((tag) => tag.slice(1)) : [];
  let time: string | null = null;

  const parts: Record<'summary' | 'quote' | 'caption' | 'transcript' | 'note', string[]> = { summary: [], quote: [], caption: [], transcript: [], note: [] };
  let section: 'summary' | 'quote' | 'transcript' | 'note' = 'summary';
  for (const line of lines.slice(1)) {
    const headset = HEADSET_LINE.exec(line);
    const play = headset ? null : PLAY_LINK.exec(line);
    if (headset || play) {
      const range = (headset ?? play)!;
      time ??= `Time ${range[1]}-${range[2]}`;
      if (play) [url, id] = [url ?? play[3]!, id ?? play[4]!];
      continue;
    }
    if (/^<audio\b/iu.test(line.trim()) || /^---+[ \t]*$/u.test(line)) continue;
    const named = SECTION.exec(line);
    if (named) {
      const name = named[1]!.toLowerCase();
      section = name === 'quote' ? 'quote' : name === 'transcript' ? 'transcript' : name === 'key takeaways' ? 'summary' : 'note';
      continue;
    }
    if (section === 'quote') {
      // The quote is its `>` lines; a paragraph after them is Snipd's caption.
      if (/^>/u.test(line) && parts.caption.length === 0) parts.quote.push(line.replace(/^> ?/u, ''));
      else parts.caption.push(line);
      continue;
    }
    parts[section].push(line);
  }

  const transcript = transcriptText(parts.transcript);
  // `> — Aubrey Gordon` ends a quote: who said it, not what was said.
  const said = parts.quote.length > 0 ? /^[—–][ \t]*(.+)$/u.exec(parts.quote[parts.quote.length - 1]!.trim()) : null;
  const quote = block(said ? parts.quote.slice(0, -1) : parts.quote);
  const speaker = said ? `— ${said[1]!.trim()}` : '';
  const markdown = transcript !== '' ? transcript : quote;
  const highlight = foundHighlight(markdown, markdown);
  const note = [title, block(parts.summary), transcript !== '' ? [quote, speaker].filter(Boolean).join('\n') : speaker, block(parts.caption), block(parts.note)].filter((part) => part !== '').join('\n\n');
  highlight.note = note === '' ? null : note;
  highlight.url = url;
  highlight.id = id;
  highlight.location = time;
  highlight.tags = tags;
  return highlight;
}

/** Lines as a block of text: trimmed, runs of blank lines made one, entities decoded. */
function block(lines: readonly string[]): string {
  return decodeEntities(
    lines
      .map((line) => line.replace(/[ \t]+$/u, ''))
      .join('\n')
      .replace(/\n{3,}/gu, '\n\n')
      .trim(),
  );
}

/**
 * A transcript as `Speaker: words` paragraphs, from any of Snipd's forms:
 * `**Name:** words` lines, a `> [!quote]- Transcript` callout of
 * `**Speaker 1**` lines followed by their words, or HTML blockquotes
 * (`<blockquote><b>Speaker 1</b><br/><br/>words</blockquote>`).
 */
function transcriptText(lines: readonly string[]): string {
  let text = lines
    .filter((line) => !/^>[ \t]*\[!\w+\][+-]?/u.test(line))
    .map((line) => line.replace(/^> ?/u, ''))
    .join('\n');
  text = text
    .replace(/<\/?details>|<summary>[^<]*<\/summary>/giu, '')
    .replace(/<blockquote>\s*<b>([^<]+)<\/b>(?:\s*<br\s*\/?>)*\s*/giu, '\n\n**$1:** ')
    .replace(/<\/blockquote>(?:\s*<br\s*\/?>)*/giu, '\n\n')
    .replace(/<br\s*\/?>/giu, '\n');
  // `**Speaker 1**` on a line of its own, its words on the next.
  text = text.replace(/^\*\*([^*\n]+?)\*\*[ \t]*\n(?=\S)/gmu, '**$1:** ');
  const paragraphs = text
    .split(/\n{2,}/u)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => paragraph.replace(/^\*\*([^*\n]+?):\*\*[ \t]*/u, '$1: '));
  return decodeEntities(paragraphs.join('\n\n'));
}
