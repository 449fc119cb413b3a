/** The tool's version, from package.json. */
import fs from 'node:fs';

/**
 * package.json is one folder up from this module in src/ and dist/, and two
 * from the bundled CLI (dist/bundle/, made by the build: see package.json).
 */
function packageJson(): string {
  const near = new URL('../package.json', import.meta.url);
  return fs.readFileSync(fs.existsSync(near) ? near : new URL('../../package.json', import.meta.url), 'utf8');
}

export const TOOL_VERSION: string = (JSON.parse(packageJson()) as { version: string }).version;
