/**
 * The digest's findings of the hostile trial (issue 22, item 9), through the
 * binary: the header counts sites as sites and says a date range is one of
 * publication; an image-only highlight links its image instead of quoting
 * nothing; decimal commas stay in key figures; a tweets page without a
 * category is on the Tweets shelf.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

describe('the digest', () => {
  it('reads right on a tweets page, decimal commas and an image-only highlight', async () => {
    const run = await runCli(['fixtures/digest-trial/Rates in Europe.md', 'fixtures/digest-trial/Tweets From Ada Lovelace.md', '--no-cache', '-f', 'md']);
    expect(run.exitCode).toBe(0);
    const digest = run.stdout;
    expect(digest).toContain('\n2 documents · 5 highlights · 1 site · published 2024-05-02 (1 of 2 dated)\n');
    expect(digest).toContain('[Articles](#shelf-articles) 1 · [Tweets](#shelf-tweets) 1\n');
    expect(digest).not.toContain('### Notes');
    // Key figures are gone (#27): the decimal comma stays as written in the highlight.
    expect(digest).not.toContain('## Key figures');
    expect(digest).toContain('The central bank cut its deposit rate by 0,1 % to 3,5%.');
    expect(digest).toContain('Inflation stood at 2,4 percent in April.');
    expect(digest).toContain('> [Image](<https://example.eu/chart.png>)\n>\n> — [View Highlight]');
    // No quote is empty: every highlight's quote starts with text.
    expect(digest).not.toMatch(/\n\n>\n/);
  });
  it('says a lone date is one of publication, and names no sites when there are none', async () => {
    const run = await runCli(['fixtures/digest-kindle-book/My Clippings.txt', '--no-cache', '-f', 'md']);
    expect(run.stdout).toMatch(/^# Research digest\n\n1 document · 9 highlights · no publication dates\n/);
  });
});
