/**
 * Kindle header lines in every locale and firmware, as real devices wrote
 * them (../shared/kindle-formats.md and the fixtures' sources), read by hand.
 */
import { describe, expect, it } from 'vitest';
import { readHeader } from '../src/formats/kindle-header.js';
import { readDateTime, stamp } from '../src/extract/datetime.js';

const CASES: Array<[string, string, ReturnType<typeof readHeader>]> = [
  ['English, page ix and 24 h', '- Your Highlight on page ix | location 247-248 | Added on Sunday, 18 February 2018 22:30:47',
    { type: 'highlight', page: 'ix', location: { start: 247, end: 248, label: 'Location 247-248' }, added: '2018-02-18T22:30:47' }],
  ['English, 12 h', '- Your Highlight on Location 35-36 | Added on Monday, July 20, 2020 12:58:07 AM',
    { type: 'highlight', page: null, location: { start: 35, end: 36, label: 'Location 35-36' }, added: '2020-07-20T00:58:07' }],
  ['English, PM', '- Your Highlight on page 12 | Location 170-171 | Added on Monday, March 13, 2023 10:21:33 PM',
    { type: 'highlight', page: '12', location: { start: 170, end: 171, label: 'Location 170-171' }, added: '2023-03-13T22:21:33' }],
  ['English old firmware, offset and two-digit year', '- Highlight Loc. 143-46  | Added on Friday, 6 July 12 07:37:42 GMT+01:00',
    { type: 'highlight', page: null, location: { start: 143, end: 146, label: 'Location 143-146' }, added: '2012-07-06T07:37:42+01:00' }],
  ['English old firmware, no seconds', '- Highlight on Page 17 | Loc. 258-69  | Added on Friday, April 01, 2016, 11:14 PM',
    { type: 'highlight', page: '17', location: { start: 258, end: 269, label: 'Location 258-269' }, added: '2016-04-01T23:14:00' }],
  ['English bookmark', '- Bookmark on Page 236 | Loc. 3614  | Added on Thursday, March 31, 2016, 09:53 AM',
    { type: 'bookmark', page: '236', location: { start: 3614, end: 3614, label: 'Location 3614' }, added: '2016-03-31T09:53:00' }],
  ['English note', '- Your Note on Location 657 | Added on Monday, July 20, 2020 1:02:11 PM',
    { type: 'note', page: null, location: { start: 657, end: 657, label: 'Location 657' }, added: '2020-07-20T13:02:11' }],
  ['German', '- Ihre Markierung bei Position 7616-7627 | Hinzugefügt am Montag, 20. Mai 2019 17:14:46',
    { type: 'highlight', page: null, location: { start: 7616, end: 7627, label: 'Location 7616-7627' }, added: '2019-05-20T17:14:46' }],
  ['German old, um … Uhr', '- Ihre Notiz auf Seite 10 | Position 149 | Hinzugefügt am Mittwoch, 13. November 2019 um 19:08:59 Uhr',
    { type: 'note', page: '10', location: { start: 149, end: 149, label: 'Location 149' }, added: '2019-11-13T19:08:59' }],
  ['German bookmark', '- Ihr Lesezeichen auf Seite 52 | Position 794 | Hinzugefügt am Montag, 17. Juni 2013 um 22:32:42 Uhr',
    { type: 'bookmark', page: '52', location: { start: 794, end: 794, label: 'Location 794' }, added: '2013-06-17T22:32:42' }],
  ['French', '- Votre surlignement sur la page 200 | emplacement 3054-3056 | Ajouté le mercredi 16 août 2017 02:14:10',
    { type: 'highlight', page: '200', location: { start: 3054, end: 3056, label: 'Location 3054-3056' }, added: '2017-08-16T02:14:10' }],
  ['French note', '- Votre note sur la page 200 | emplacement 3056 | Ajouté le mercredi 16 août 2017 02:14:40',
    { type: 'note', page: '200', location: { start: 3056, end: 3056, label: 'Location 3056' }, added: '2017-08-16T02:14:40' }],
  ['Spanish', '- La subrayado en la página 197 | posición 2031-2035 | Añadido el sábado, 12 de octubre de 2019 0:37:31',
    { type: 'highlight', page: '197', location: { start: 2031, end: 2035, label: 'Location 2031-2035' }, added: '2019-10-12T00:37:31' }],
  ['Spanish old note', '- Mi nota en la página 222 | Posición 3394 | Añadido el lunes, 17 de junio de 2013 22:32:42',
    { type: 'note', page: '222', location: { start: 3394, end: 3394, label: 'Location 3394' }, added: '2013-06-17T22:32:42' }],
  ['Italian, two spaces after the dash', '-  La tua evidenziazione alla posizione 453-454 | Aggiunto in data lunedì 8 marzo 2021 22:52:57',
    { type: 'highlight', page: null, location: { start: 453, end: 454, label: 'Location 453-454' }, added: '2021-03-08T22:52:57' }],
  ['Italian old, two-digit year', '- La tua evidenziazione Posizione 1054-1056 | Aggiunto il venerdì 6 aprile 12, 00:25:08',
    { type: 'highlight', page: null, location: { start: 1054, end: 1056, label: 'Location 1054-1056' }, added: '2012-04-06T00:25:08' }],
  ['Brazilian Portuguese', '- Seu destaque ou posição 2829-2829 | Adicionado: sexta-feira, 29 de novembro de 2019 18:00:13',
    { type: 'highlight', page: null, location: { start: 2829, end: 2829, label: 'Location 2829-2829' }, added: '2019-11-29T18:00:13' }],
  ['Brazilian Portuguese, hybrid firmware', '- Your Highlight on Location 1327-1328 | Adicionado: domingo, 3 de maio de 2020 19:22:51',
    { type: 'highlight', page: null, location: { start: 1327, end: 1328, label: 'Location 1327-1328' }, added: '2020-05-03T19:22:51' }],
  ['Japanese', '- 位置No. 422-423のハイライト |作成日: 2022年5月28日土曜日 13:21:54',
    { type: 'highlight', page: null, location: { start: 422, end: 423, label: 'Location 422-423' }, added: '2022-05-28T13:21:54' }],
  ['Japanese note with a page', '- 22ページ|位置No. 336のメモ |作成日: 2023年6月10日土曜日 9:18:40',
    { type: 'note', page: '22', location: { start: 336, end: 336, label: 'Location 336' }, added: '2023-06-10T09:18:40' }],
  ['Japanese old', '- ハイライト ページ222 | 位置No. 3396-3396 | 追加日： 2013年6月17日 (月曜日) 20:31:09',
    { type: 'highlight', page: '222', location: { start: 3396, end: 3396, label: 'Location 3396-3396' }, added: '2013-06-17T20:31:09' }],
  ['Chinese, page and location, 上午', '- 您在第 25 页（位置 #243-244）的标注 | 添加于 2023年2月14日星期二 上午5:15:57',
    { type: 'highlight', page: '25', location: { start: 243, end: 244, label: 'Location 243-244' }, added: '2023-02-14T05:15:57' }],
  ['Chinese, 下午', '- 您在位置 #609-609的标注 | 添加于 2023年3月19日星期日 下午4:26:36',
    { type: 'highlight', page: null, location: { start: 609, end: 609, label: 'Location 609-609' }, added: '2023-03-19T16:26:36' }],
  ['Chinese note', '- 您在位置 #2544 的笔记 | 添加于 2023年3月23日星期四 下午8:25:28',
    { type: 'note', page: null, location: { start: 2544, end: 2544, label: 'Location 2544' }, added: '2023-03-23T20:25:28' }],
  ['Chinese old', '- 我的标注 第222页 | 位置3397-3397 | 已添加至 2013年6月17日 星期一 22:27:30',
    { type: 'highlight', page: '222', location: { start: 3397, end: 3397, label: 'Location 3397-3397' }, added: '2013-06-17T22:27:30' }],
  ['Chinese bookmark', '- 您在位置 #835 的书签 | 添加于 2023年6月8日星期四 下午9:33:37',
    { type: 'bookmark', page: null, location: { start: 835, end: 835, label: 'Location 835' }, added: '2023-06-08T21:33:37' }],
  ['Russian, en dashes', '– Ваш выделенный отрывок в месте 904–905 | Добавлено: понедельник, 24 июля 2023 г. в 15:44:52',
    { type: 'highlight', page: null, location: { start: 904, end: 905, label: 'Location 904-905' }, added: '2023-07-24T15:44:52' }],
  ['Russian note', '– Ваша заметка в месте 905 | Добавлено: понедельник, 24 июля 2023 г. в 15:45:10',
    { type: 'note', page: null, location: { start: 905, end: 905, label: 'Location 905' }, added: '2023-07-24T15:45:10' }],
  ['Russian bookmark', '– Ваша закладка на странице 12 | Добавлено: вторник, 1 августа 2023 г. в 9:05:00',
    { type: 'bookmark', page: '12', location: null, added: '2023-08-01T09:05:00' }],
];

describe('Kindle header lines', () => {
  for (const [name, line, expected] of CASES) {
    it(name, () => {
      expect(readHeader(line)).toEqual(expected);
    });
  }
  it('says nothing it cannot read', () => {
    expect(readHeader('- Something else entirely')).toEqual({ type: null, page: null, location: null, added: null });
  });
});

describe('dates with times', () => {
  it('reads Readwise sync headings and Logseq journal links', () => {
    expect(stamp(readDateTime('New highlights added December 5, 2023 at 10:12 AM')!)).toBe('2023-12-05T10:12:00');
    expect(stamp(readDateTime('Highlights first synced by [[Readwise]] [[Dec 5th, 2023]]')!)).toBe('2023-12-05');
    expect(stamp(readDateTime('New highlights added [[Jul 16th, 2023]] at 12:30 PM')!)).toBe('2023-07-16T12:30:00');
  });
  it("reads numeric dates in either order only where the order is certain (Logseq's journal formats)", () => {
    expect(readDateTime('New highlights added [[Thursday, 23-02-2023]] at 9:45 AM')!.date).toBe('2023-02-23');
    expect(readDateTime('[[Friday, 03-02-2023]]')!.date).toBe('2023-02-03');
    expect(readDateTime('[[Thursday, 02-03-2023]]')!.date).toBe('2023-03-02'); // 3 February 2023 was a Friday, not a Thursday
    expect(readDateTime('[[03-02-2023]]')).toBeNull();
    expect(readDateTime('[[2023-01-04]]')!.date).toBe('2023-01-04');
  });
  it('turns 12 AM into 00 and 12 PM into 12, and never shifts by a zone', () => {
    expect(stamp(readDateTime('Monday, July 20, 2020 12:58:07 AM')!)).toBe('2020-07-20T00:58:07');
    expect(stamp(readDateTime('Monday, July 20, 2020 12:58:07 PM')!)).toBe('2020-07-20T12:58:07');
    expect(stamp(readDateTime('Friday, 6 July 12 23:37:42 GMT-05:00')!)).toBe('2012-07-06T23:37:42-05:00');
  });
  it('refuses impossible dates and texts without one', () => {
    expect(readDateTime('Monday, February 30, 2023 10:00 AM')).toBeNull();
    expect(readDateTime('Location 170-171')).toBeNull();
    expect(readDateTime('')).toBeNull();
  });
});
