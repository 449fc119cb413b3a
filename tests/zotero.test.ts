/**
 * Zotero: the built-in "Annotations" note (fixtures/zotero) and Zotero
 * Integration template notes (fixtures/zotero-integration), real notes from
 * six repositories. The values were checked by hand against each note and
 * the collector's facts files (docs/facts/zotero); all 60
 * highlights agree on text, page, note, colour and tags. Where these
 * expectations differ from the facts files, a comment says why.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zotero } from '../src/formats/zotero/zotero.js';
import { zoteroIntegration } from '../src/formats/zotero/integration.js';
import { Messages } from '../src/messages.js';
import type { IngestRecord } from '../src/schema.js';
import type { SourceFormat } from '../src/formats/format.js';
import { readNote, ROOT, recordsByName } from './helpers.js';

const builtIn = await recordsByName('zotero');
const integration = await recordsByName('zotero-integration');
// SOURCES.md says where the notes came from: it is no input.
builtIn.delete('SOURCES.md');
integration.delete('SOURCES.md');
const note = (map: Map<string, IngestRecord>, name: string): IngestRecord => map.get(name)!;
const pick = (record: IngestRecord) =>
  record.highlights.map(({ text, page, location, color, note: comment, tags, highlightedAt }) => ({ text, page, location, color, note: comment, tags, highlightedAt }));

describe("Zotero's Annotations note", () => {
  it('reads every note of the folder as zotero', () => {
    expect(builtIn.size).toBe(4);
    expect([...builtIn.values()].every((record) => record.format === 'zotero')).toBe(true);
    expect([...builtIn.values()].flatMap((record) => record.diagnostics)).toEqual([]);
  });

  it('Better Notes HTML: colour, page label and annotation key from data-annotation; the parent item is the title', () => {
    const record = note(builtIn, '01-radford-betternotes-html.md');
    expect(record.kind).toBe('highlights');
    // `# Annotations (8/11/2024, …)` is the note's own title, not the document's.
    expect(record.title).toBe('§ 4:39. Ethical ramifications of representing clients with diminished capacity');
    // The note names its author only in the citations `(Radford, 2023, p. 1)`.
    expect(record.authors).toEqual(['Radford']);
    // The facts file says published "2023": a year is no YYYY-MM-DD date, so it stays in extra.year.
    expect(record.published).toBeNull();
    expect(record.extra['year']).toBe('2023');
    expect(record.category).toBeNull();
    // `collections:` are Zotero collections, not tags.
    expect(record.tags).toEqual([]);
    expect(record.text).toBe('');
    expect(pick(record)).toEqual([
      { text: 'Ethical ramifications of representing clients with diminished capacity', page: '1', location: 'Page 1', color: '#fced8c', note: null, tags: [], highlightedAt: null },
      {
        text: "If the lawyer is hired by the guardian or conservator, the lawyer probably represents the fiduciary, but may also owe a duty to the ward, particularly if the fiduciary is acting against the ward's best interest.",
        page: '2', location: 'Page 2', color: '#fced8c', note: null, tags: [], highlightedAt: null,
      },
      { text: 'The ACTEC Commentaries to MRPC 1.14 provide:', page: '8', location: 'Page 8', color: '#fced8c', note: null, tags: [], highlightedAt: null },
      {
        text: 'If the client became incapacitated while the lawyer was representing the client, that very incapacity may preclude the client from terminating the attorney client relationship.',
        page: '8', location: 'Page 8', color: '#fced8c', note: null, tags: [], highlightedAt: null,
      },
    ]);
    // The `&#x26;` in the HTML link is an `&`.
    expect(record.highlights[0]).toMatchObject({ url: 'zotero://open-pdf/library/items/99IJBUMJ?page=1&annotation=WRAJPGK8', id: 'WRAJPGK8' });
  });

  it('Markdown export: the citation label is the page, not the pdf link’s page=; note annotations have no text', () => {
    const record = note(builtIn, '02-chen-reading-wikipedia.md');
    expect(record.title).toBe('Reading Wikipedia to Answer Open-Domain Questions');
    // Every author is listed twice in the frontmatter: one entry per person.
    expect(record.authors).toEqual(['Danqi Chen', 'Adam Fisch', 'Jason Weston', 'Antoine Bordes']);
    expect(record.url).toBeNull();
    expect(record.published).toBeNull();
    expect(record.extra['year']).toBe(2017);
    expect(record.category).toBe('papers');
    expect(record.tags).toEqual(['academic']);
    expect(record.summary).toMatch(/^This paper proposes to tackle open-domain question answering/);
    // `## References` is the user's own section; `(4/29/2024, 7:02:34 PM)` is no text and no highlight date.
    expect(record.text).toBe('References\n\n1. danqichenReadingWikipediaAnswer2017');
    expect(record.highlights).toHaveLength(15);
    expect(record.highlights.every((highlight) => highlight.color === null && highlight.highlightedAt === null)).toBe(true);
    expect(record.highlights.map((highlight) => highlight.page)).toEqual([
      '1870', '1872', '1872', '1872', '1873', '1873', '1873', '1873', '1873', '1874', '1875', '1876', '1876', '1876', '1877',
    ]);
    expect(record.highlights[1]).toMatchObject({
      text: 'Articles and questions are compared as TF-IDF weighted bag-ofword vectors.',
      markdown: 'Articles and questions are compared as TF-IDF weighted bag-ofword vectors.',
      url: 'zotero://open-pdf/library/items/P9FMXX38?page=3&annotation=UPLVEDAE',
      id: 'UPLVEDAE',
      location: 'Page 1872',
      page: '1872',
      color: null,
      tags: [],
      note: null,
      highlightedAt: null,
    });
    // A note annotation: the citation first, then the comment (its hard breaks become line breaks).
    expect(record.highlights[0]).toMatchObject({ text: '', url: null, page: '1870' });
    expect(record.highlights[0]!.note).toMatch(/^First-pass impressions:\nWe have many Wikipedia articles\./);
    expect(record.highlights[3]).toMatchObject({ text: '', note: '5 documents are retrieved for the Document Reader to process' });
  });

  it('user-edited quotes: a formula and line breaks inside the quote, a list inside a comment', () => {
    const record = note(builtIn, '03-lotfollahi-trvae.md');
    // The alias keeps its stray trailing period: it is what the note states.
    expect(record.title).toBe('Conditional out-of-distribution generation for unpaired data using transfer VAE.');
    expect(record.authors).toEqual(['Mohammad Lotfollahi', 'Mohsen Naghipourfar', 'Fabian J. Theis', 'F. Alexander Wolf']);
    expect(record.highlights.map((highlight) => highlight.page)).toEqual(['610', '610', '610', '610', '611', '611', '611']);
    expect(record.highlights[2]!.text).toBe('');
    expect(record.highlights[2]!.note).toMatch(/variables:\n- \$s\$: the category\n- \$d\$: the domain\nFor example, untreated humans/);
    // In-text citations inside a quote are part of it.
    expect(record.highlights[3]!.text).toMatch(/\(Long et al\., 2015; Tzeng et al\., 2014\)\.$/);
    expect(record.highlights[6]!.text).toBe(
      'The motivation of the VAE (Kingma and Welling, 2013) is to provide a neural-network based parametrization for maximizing the likelihood\n' +
        '$$p_\\theta(X \\mid S)=\\int p_\\theta(X \\mid Z, S) p_\\theta(Z \\mid S) d Z$$\n' +
        'where $X$ denotes a high-dimensional random variable, $S$ a random variable representing conditions, h the model parameters and $p_\\theta(X \\mid Z, S)$ the generative distribution that decodes $Z$ into $X$.',
    );
  });

  it('a Better Notes note without annotations is a zotero markdown note titled by its parent item', () => {
    const record = note(builtIn, '01-general-thoughts-AUMSHCV9.md');
    expect(record).toMatchObject({
      kind: 'markdown',
      format: 'zotero',
      title: 'On the Use of Mega Constellation Services in Space: Integrating LEO Platforms into 6G Non-Terrestrial Networks',
      authors: [],
      tags: [],
      highlights: [],
      text: 'Very important paper in the context of our project\n\nAlso nice tables',
    });
    expect(record.extra).toMatchObject({ $itemKey: 'AUMSHCV9', collections: ['Read Week 38', 'Problem Analysis'] });
  });
});

describe('Zotero Integration notes', () => {
  it('reads every note of the folder as zotero-integration highlights', () => {
    expect(integration.size).toBe(5);
    expect([...integration.values()].every((record) => record.format === 'zotero-integration' && record.kind === 'highlights')).toBe(true);
    expect([...integration.values()].flatMap((record) => record.diagnostics)).toEqual([]);
  });

  it('hex colours in callout metadata; the `[(p. 2)]` link after the text is no text; boilerplate is no note or tag', () => {
    const record = note(integration, '01-debenedetti-rapid-fastnav.md');
    expect(record.title).toBe('RAPID & FASTNAV Projects: High-Speed Semi-Autonomous Rovers Enabling High Return Planetary Missions');
    expect(record.authors).toHaveLength(16);
    expect(record.authors.slice(0, 2)).toEqual(['De Benedetti, Matteo', 'Kay, Steven']);
    // `[online](http://zotero.org/groups/…)` is the Zotero item, not the document.
    expect(record.url).toBeNull();
    expect(record.published).toBe('2024-06-24');
    expect(record.category).toBe('papers');
    expect(record.tags).toEqual([]);
    expect(record.extra['citekey']).toBe('debenedettiRAPIDFASTNAVProjects2024');
    expect(pick(record)).toEqual([
      { text: '[19] [20] [21]', page: '2', location: 'Page 2', color: '#5fb236', note: null, tags: [], highlightedAt: null },
      {
        text: 'This high speed requirement, together with the continuous drive paradigm, poses great challenges on the reliability of the detection of obstacles, the reaction time of the path planners to act on those detection, and requires a robust and precise localisation.',
        page: '2', location: 'Page 2', color: '#ffd400', note: null, tags: [], highlightedAt: null,
      },
      { text: 'Fast Marching Method (FMM)', page: '2', location: 'Page 2', color: '#ff6666', note: null, tags: [], highlightedAt: null },
      { text: 'The “FASTER” mode is intended to be used in benign terrains where there are few and sparse obstacles.', page: '2', location: 'Page 2', color: '#ffd400', note: null, tags: [], highlightedAt: null },
    ]);
    expect(record.highlights[0]).toMatchObject({ url: 'zotero://open-pdf/library/items/539DNU83?page=2&annotation=MI53ENR6', id: 'MI53ENR6' });
  });

  it('colour names in callout metadata, bold comment bullets with <br />, image annotations', () => {
    const record = note(integration, '02-gaiteri-coexpression.md');
    // The frontmatter title is the H1 made safe for a file name (` - ` for `:`): the H1 is the title as written.
    expect(record.title).toBe('Beyond modules and hubs: the potential of gene coexpression networks for investigating molecular mechanisms of complex brain disorders');
    expect(record.authors).toEqual(['C. Gaiteri', 'Y. Ding', 'B. French', 'G. C. Tseng', 'E. Sibille']);
    // The facts file reads 2014-01-01 from the prose "published in … the 01-01-2014"; we read no dates from prose.
    expect(record.published).toBeNull();
    expect(record.category).toBe('papers');
    expect(record.tags).toEqual(['co-expression', 'differential co-expression', 'network', 'neurological disorders', 'regulation', 'review', '⭐', '📚']);
    expect(record.highlights.map((highlight) => [highlight.page, highlight.color])).toEqual([
      ['21', 'green'], ['13', 'blue'], ['17', 'blue'], ['13', 'purple'], ['13', 'purple'], ['14', 'purple'], ['17', 'purple'],
      ['13', 'yellow'], ['14', 'yellow'], ['14', 'yellow'], ['15', 'yellow'], ['17', 'yellow'], ['21', 'yellow'],
    ]);
    expect(record.highlights[1]!.note).toBe(
      'Belmaker, R. & Agam, G. (2008) Major depressive disorder. NEnglJ Med 358, 55–68.\nSibille, E. & French, B. (2013) Biological substrates underpinning diagnosis of major depression. Int J Neuropsychopharmacol 16, 1893 – 1909.',
    );
    expect(record.highlights[8]).toMatchObject({
      text: '',
      markdown: '![[Media/zotero_images/gaiteriModulesHubsPotential2014/gaiteriModulesHubsPotential2014-2-x298-y493.png]]',
      page: '14',
      id: 'VXK3EGZS',
    });
    expect(record.highlights.every((highlight) => highlight.highlightedAt === null)).toBe(true);
    // The colour-group headings (`#### 🗝️ Key point`) and the import stamp are no text; the user's notes are.
    expect(record.text).not.toMatch(/Key point|Imported/);
    expect(record.text).toMatch(/Really good article that is a good introduction/);
  });

  it('no frontmatter: `Title:` lines, colour-group headings, block ids', () => {
    const record = note(integration, '03-esteva-dermatologist.md');
    expect(record).toMatchObject({
      title: 'Dermatologist-level classification of skin cancer with deep neural networks',
      authors: ['Andre Esteva', 'Brett Kuprel', 'Roberto A. Novoa', 'Justin Ko', 'Susan M. Swetter', 'Helen M. Blau', 'Sebastian Thrun'],
      url: null,
      published: null,
      category: null,
      tags: ['notion'],
      text: '',
    });
    expect(record.highlights.map(({ page, color, note: comment }) => ({ page, color, note: comment }))).toEqual([
      { page: '3', color: 'red', note: null },
      { page: '9', color: 'yellow', note: null },
    ]);
    expect(record.highlights[0]!.text).toMatch(/^ages\. {2}To take advantage.* we sum the probabilities of the$/);
    expect(record.highlights[1]!.text).toBe('');
  });

  it('<mark> list items in a group library, comments as sub-items, authors from a table, the DOI as the URL', () => {
    const record = note(integration, '04-capez-mega-constellation.md');
    expect(record.title).toBe('On the Use of Mega Constellation Services in Space: Integrating LEO Platforms into 6G Non-Terrestrial Networks');
    expect(record.authors).toEqual(['Gabriel Maiolini Capez', 'Mauricio A. Cáceres', 'Roberto Armellin', 'Chris P. Bridges', 'Juan A. Fraire', 'Stefan Frey', 'Roberto Garello']);
    expect(record.url).toBe('https://doi.org/10.1109/JSAC.2024.3459078');
    expect(record.extra['url']).toBe('https://ieeexplore.ieee.org/abstract/document/10679201/authors#authors');
    expect(record.category).toBe('papers');
    expect(record.tags).toContain('non-terrestrial networks');
    expect(record.tags).toHaveLength(11);
    expect(record.summary).toMatch(/^This paper presents a framework for integrating Low-Earth Orbit/);
    expect(record.highlights.map((highlight) => [highlight.page, highlight.color])).toEqual([
      ['4', 'yellow'], ['5', 'yellow'], ['6', 'yellow'], [null, null], ['7', 'yellow'], ['8', 'yellow'], ['9', 'yellow'],
    ]);
    expect(record.highlights[1]).toMatchObject({
      text: 'FCC filings related to Earth Stations (termi-nals, gateways) and Space Stations (satellites) of specific satel-lite operators [38], [39]',
      url: 'zotero://open-pdf/groups/5655478/items/IH34KBC6?page=5&annotation=AM49L6V4',
      note: 'The cited filings could be interesting to read',
    });
    // An image item among annotation items is an image annotation, with no page given.
    expect(record.highlights[3]).toMatchObject({ text: '', markdown: '![](Attachments/zotero/capezUseMegaConstellation2024/capezUseMegaConstellation2024-7-x50-y604.png)' });
  });

  it('a template imitating the built-in note: straight quotes, the page in `[pdf, p. 2]`, a comment after a second link', () => {
    const record = note(integration, '05-cohen-pac-precision-recall.md');
    expect(record.title).toBe('Probably Approximately Precision and Recall Learning');
    expect(record.authors).toEqual(['Lee Cohen', 'Yishay Mansour', 'Shay Moran', 'Han Shao']);
    expect(record.published).toBeNull();
    expect(record.extra['year']).toBe(2025);
    expect(record.text).toBe('');
    expect(record.highlights.map((highlight) => highlight.page)).toEqual(['2', '3', '3', '4', '4', '5', '5', '6']);
    expect(record.highlights[0]!.text).toMatch(/^lprecision\(g\) := Ex∼D {2}\|g\(x\) \\ gtarget\(x\)\|/);
    expect(record.highlights[7]!.note).toBe('I mean I would argue that recall suffers more in this case, but this still seems to hold true');
  });
});

describe('reading single annotations', () => {
  const read = (format: SourceFormat, text: string, name = 'note.md') => {
    const messages = new Messages();
    const reading = format.read({ name, text }, messages);
    if (!reading.works) throw new Error('no works');
    return reading.works[0]!.fields;
  };

  it('group libraries, page ranges, plain citations, image annotations and untitled notes', () => {
    const fields = read(
      zotero,
      [
        '# Annotations  ',
        '(23/04/2025, 18:06:07)',
        '',
        '“First.” ([Zhang 等, 2025, pp. 12-13](zotero://select/groups/123/items/ABCD1234)) ([pdf](zotero://open-pdf/groups/123/items/EFGH5678?page=30&annotation=IJKL9012)) my comment',
        '',
        '“Second.” (Arik and Pfister, 2020, p. 1)',
        '',
        '[image] ([pdf](zotero://open-pdf/library/items/EFGH5678?page=4&annotation=MNOP3456))',
        '',
      ].join('\n'),
      'Some Paper.md',
    );
    expect(fields.title).toBe('Some Paper');
    expect(fields.authors).toEqual(['Zhang']);
    expect(fields.paragraphs).toEqual([]);
    expect(fields.highlights.map(({ text, page, note: comment, id }) => ({ text, page, note: comment, id }))).toEqual([
      { text: 'First.', page: '12-13', note: 'my comment', id: 'IJKL9012' },
      { text: 'Second.', page: '1', note: null, id: null },
      // No citation: the pdf link's page= is the only page given.
      { text: '', page: '4', note: null, id: 'MNOP3456' },
    ]);
  });

  it('HTML whose data-annotation cannot be read keeps the highlight, with a warning', () => {
    const messages = new Messages();
    const reading = zotero.read({ name: 'n.md', text: '<span class="highlight" data-annotation="%7Bbroken">“Text”</span> <span class="citation" data-citation="%7B">(A, 2020, p. 3)</span>\n' }, messages);
    expect(reading.works![0]!.fields.highlights[0]).toMatchObject({ text: 'Text', page: '3', color: null });
    expect(messages.list.map((diagnostic) => [diagnostic.rule, diagnostic.line])).toEqual([['zotero-annotation-data', 1]]);
  });

  it('a persisted annotations block with a `<mark>` line above each quote', () => {
    const fields = read(
      zoteroIntegration,
      '%% begin annotations %%\n\n<mark style="background-color: #f0ff00">Quote</mark>\n> The quoted text.\n\n%% end annotations %%\n',
    );
    expect(fields.highlights.map(({ text, color }) => ({ text, color }))).toEqual([{ text: 'The quoted text.', color: '#f0ff00' }]);
  });

  it('`**Note:**` and `**Tags:**` lines under a quote; annotations nested as sub-items; a colour legend table; `"text”` quotes; FirstAuthor beside authors', () => {
    const link = (key: string, page: number): string => `[Page ${page}](zotero://open-pdf/library/items/GSTAMP7Z?page=${page}&annotation=${key})`;
    const quoted = read(
      zoteroIntegration,
      `> the structures of proteins have been determined [p. 583](zotero://open-pdf/library/items/SM9CCIET?page=583)\n**Note:** Relates to Lesk\n**Tags:** #Resolved #[[Deep-Learning]]\n\n> Predicting the structure [p. 584](zotero://open-pdf/library/items/SM9CCIET?page=584)\n`,
    );
    expect(quoted.highlights.map(({ text, note: comment, tags, page }) => ({ text, note: comment, tags, page }))).toEqual([
      { text: 'the structures of proteins have been determined', note: 'Relates to Lesk', tags: ['Resolved', 'Deep-Learning'], page: '583' },
      { text: 'Predicting the structure', note: null, tags: [], page: '584' },
    ]);
    const nested = read(
      zoteroIntegration,
      [
        '>[!info] Metadata',
        '> **FirstAuthor**:: Galloway, Alex',
        '> **authors**:: Alex Galloway',
        '',
        '| <mark class="hltr-grey">Highlight Color</mark> | Meaning |',
        '| --- | --- |',
        '| <mark class="hltr-yellow">Yellow</mark> | Interesting Point |',
        '',
        `- <mark class="hltr-yellow">"It means that we must descend.”</mark> ${link('A1', 3)}`,
        `\t- <mark class="hltr-orange">"The factory was modernity’s site.”</mark> ${link('A2', 3)}`,
        '\t- my comment on the first',
        `\t- <mark class="hltr-orange">"symptoms of passage”</mark> ${link('A3', 7)}`,
        '',
      ].join('\n'),
    );
    expect(nested.authors).toEqual(['Alex Galloway']);
    expect(nested.highlights.map(({ text, note: comment, color, page }) => ({ text, note: comment, color, page }))).toEqual([
      { text: 'It means that we must descend.', note: 'my comment on the first', color: 'yellow', page: '3' },
      { text: 'The factory was modernity’s site.', note: null, color: 'orange', page: '3' },
      { text: 'symptoms of passage', note: null, color: 'orange', page: '7' },
    ]);
  });

  it('the same highlight twice is one, with what each copy gives', () => {
    const fields = read(
      zoteroIntegration,
      [
        '[Go to annotation](zotero://open-pdf/library/items/BN7Y8K9L?page=419&annotation=3ZNC783N) “Same  text.” ([Camurri et al., 2002, p. 419](zotero://select/library/items/8RSJZX3F)) a comment',
        '',
        '>[!quote|#ff6666] [Page 419](zotero://open-pdf/library/items/BN7Y8K9L?page=419&annotation=3ZNC783N)',
        '> Same text.',
        '',
      ].join('\n'),
    );
    expect(fields.highlights.map(({ text, page, color, note: comment }) => ({ text, page, color, note: comment }))).toEqual([
      { text: 'Same  text.', page: '419', color: '#ff6666', note: 'a comment' },
    ]);
  });
});

describe('detection', () => {
  const inputs = (directory: string): string[] =>
    fs.existsSync(directory)
      ? fs.readdirSync(directory, { withFileTypes: true, recursive: true })
          .filter((entry) => entry.isFile() && !/^(expected\.(json|md)|SOURCES\.md|paths\.json|MANIFEST\.tsv)$/.test(entry.name))
          .map((entry) => path.join(entry.parentPath, entry.name))
      : [];
  // Real notes of many tools' custom templates are read by structure where their tool's reader falls short: tests/templates.test.ts.
  const files = [...inputs(path.join(ROOT, 'fixtures')), ...inputs(path.resolve(ROOT, '..', 'shared', 'realworld'))].filter((file) => !/[/\\]fixtures[/\\](?:templates-(?:real|heldout)|heldout-26)[/\\]/.test(file));
  const taken = (format: SourceFormat) =>
    files
      .filter((file) => format.detect({ name: file, text: fs.readFileSync(file, 'utf8') }))
      .map((file) => path.relative(ROOT, file))
      .sort();

  it('zotero takes the Annotations notes and Better Notes notes, nothing else', () => {
    expect(taken(zotero)).toEqual([
      'fixtures/zotero/01-general-thoughts-AUMSHCV9.md',
      'fixtures/zotero/01-radford-betternotes-html.md',
      'fixtures/zotero/02-chen-reading-wikipedia.md',
      'fixtures/zotero/03-lotfollahi-trvae.md',
    ]);
  });

  it('zotero-integration takes the template notes, nothing else', () => {
    expect(taken(zoteroIntegration)).toEqual(inputs(path.join(ROOT, 'fixtures', 'zotero-integration')).map((file) => path.relative(ROOT, file)).sort());
  });

  it('a footnote into a PDF or a lone zotero link is no annotation note', () => {
    const prose = 'Some prose.[^1] More.[^2]\n\n[^1]: [A Book](zotero://open-pdf/library/items/ABCD1234?page=443&annotation=EFGH5678)\n[^2]: [A Book](zotero://open-pdf/library/items/ABCD1234?page=444&annotation=EFGH5679)\n';
    expect(zoteroIntegration.detect({ name: 'n.md', text: prose })).toBe(false);
    expect(zotero.detect({ name: 'n.md', text: prose })).toBe(false);
    expect(zotero.detect({ name: 'n.md', text: 'See [the paper](zotero://select/library/items/ABCD1234).\n' })).toBe(false);
  });
});

describe('Zotero Integration: a title heading that is only the link to the item', () => {
  it('`# [Title](zotero://select/…)` names the work', () => {
    const link = (n: number, key: string): string => `[(p. ${n})](zotero://open-pdf/library/items/AB?page=${n}&annotation=${key})`;
    const record = readNote('n.md', `---\ncitekey: doe17\n---\n\n# [Eine Studie – worauf achten?](zotero://select/library/items/7K6UL2UF)\n\n## Reading notes\n\n%% begin annotations %%\n\n- One ${link(1, 'K1')}\n- Two ${link(2, 'K2')}\n`);
    expect(record).toMatchObject({ format: 'zotero-integration', title: 'Eine Studie – worauf achten?' });
  });
});

describe('Zotero notes whose frontmatter is no YAML', () => {
  it('an unquoted `title: A: B` makes the block no YAML: it is read line by line, the authors from it, not from the citations', () => {
    const annotation = (page: number, key: string, text: string): string =>
      `[Go to annotation](zotero://open-pdf/library/items/9AHYGQMW?page=${page}&annotation=${key})“${text}” ([Minar and Naher, 2018, p. ${page}](zotero://select/library/items/RSF96LZK))`;
    const record = readNote('n.md', `---\ntitle: Recent Advances: An Overview\nauthors: Matiur Rahman Minar, Jibon Naher\n---\n\n# Recent Advances: An Overview\nMatiur Rahman Minar, Jibon Naher(2018)\n[Zotero-Link](zotero://select/items/@minar2018)\n\n---\n\n# Annotations  \n(11/28/2022, 9:47:53 PM)\n\n${annotation(1, 'R9L5', 'one')}\n\n${annotation(6, '2BBC', 'two')}\n`);
    expect(record).toMatchObject({ format: 'zotero', title: 'Recent Advances: An Overview', authors: ['Matiur Rahman Minar', 'Jibon Naher'] });
    expect(record.diagnostics.map((diagnostic) => diagnostic.rule)).toContain('yaml-syntax');
  });
});
