// The long Markdown note of npm run bench:hostile (issue #22 item 5): headings,
// paragraphs with links and emphasis, lists, quotes, ordered lists and code,
// the same bytes on every run. tests/long-note.test.ts reads one too.

/** A deterministic generator of pseudo-random numbers (mulberry32): the same inputs on every run. */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const WORDS = ('the of and to in a is that for it as was with be by on not he this are or his from at which but have an they you were her ' +
  'reading memory attention habit research evidence argument chapter history language network system theory practice ' +
  'knowledge writing example question problem model structure pattern process culture economy science learning').split(' ');

export function words(next, count) {
  const out = [];
  for (let i = 0; i < count; i++) out.push(WORDS[Math.floor(next() * WORDS.length)]);
  return out.join(' ');
}

/** A long note of about `bytes` bytes: headings, paragraphs with links and emphasis, lists, quotes, and some code unless `code` is false. */
export function longNote(bytes, code = true) {
  const next = random(22);
  const parts = ['---', 'title: A long note', 'tags: [research, hostile]', '---', '', '# A long note', ''];
  let size = parts.join('\n').length;
  let section = 0;
  const push = (text) => {
    parts.push(text, '');
    size += text.length + 2;
  };
  while (size < bytes) {
    const kind = next();
    if (kind < 0.06) push(`## Section ${++section}: ${words(next, 4)}`);
    else if (kind < 0.5) {
      const sentence = () => `${words(next, 8 + Math.floor(next() * 10))}${next() < 0.3 ? ` [${words(next, 2)}](https://example.com/${section}/${Math.floor(next() * 1e6)})` : ''}${next() < 0.2 ? ` **${words(next, 2)}**` : ''}.`;
      push(Array.from({ length: 2 + Math.floor(next() * 4) }, sentence).join(' '));
    } else if (kind < 0.75) {
      const items = Array.from({ length: 2 + Math.floor(next() * 6) }, () => `- ${words(next, 6 + Math.floor(next() * 10))}${next() < 0.25 ? ` *${words(next, 1)}*` : ''}`);
      push(items.join('\n'));
    } else if (kind < 0.85) push(`> ${words(next, 20)}\n> ${words(next, 12)}`);
    else if (kind < 0.92 && code) push(['```js', `const value = ${Math.floor(next() * 1000)};`, `console.log(value, '${words(next, 3)}');`, '```'].join('\n'));
    else push(`1. ${words(next, 8)}\n2. ${words(next, 8)}\n3. \`${words(next, 2)}\` ${words(next, 5)}`);
  }
  return parts.join('\n');
}
