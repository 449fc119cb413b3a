/** Text that came from notes or file names, made safe to print. Pure. */

/**
 * Text from notes and file names, safe for a terminal and one line long:
 * control characters (escape sequences that clear a screen or set a window
 * title, line breaks that would forge another diagnostic) are written as
 * escapes, `\n`, `\x1b`, `\u202e`.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, (char) => {
    const code = char.charCodeAt(0);
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
