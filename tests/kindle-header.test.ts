/**
 * Kindle header lines in every locale and firmware, as real devices wrote
 * them (../shared/kindle-formats.md, the files in fixtures/kindle-locales,
 * and the parser tests of calibre and @hadynz/kindle-clippings), read by hand.
 */
import { describe, expect, it } from 'vitest';
import { readHeader } from '../src/formats/kindle/header.js';
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
  ['English note', '- Your Note on page 7 | Location 64 | Added on Monday, August 23, 2021 6:52:21 AM',
    { type: 'note', page: '7', location: { start: 64, end: 64, label: 'Location 64' }, added: '2021-08-23T06:52:21' }],
  ['English, at location', '- Your Highlight at location 6418-6419 | Added on Monday, 10 March 2014 14:34:24',
    { type: 'highlight', page: null, location: { start: 6418, end: 6419, label: 'Location 6418-6419' }, added: '2014-03-10T14:34:24' }],
  ['English PDF, Roman page range', '- Your Highlight on page xvi-xvi | Added on Monday, April 18, 2016 7:28:27 AM',
    { type: 'highlight', page: 'xvi-xvi', location: null, added: '2016-04-18T07:28:27' }],
  ['English old, page only', '- Bookmark Page 87  | Added on Wednesday, October 20, 2010, 09:24 PM',
    { type: 'bookmark', page: '87', location: null, added: '2010-10-20T21:24:00' }],
  ['English, Greenwich Mean Time spelled out', '- Highlight on Page 10 | Added on Monday, 3 December 12 19:51:33 Greenwich Mean Time',
    { type: 'highlight', page: '10', location: null, added: '2012-12-03T19:51:33+00:00' }],
  ['English type words with a Chinese date', '- Highlight Loc. 145-46  | Added on 2013年8月5日 星期一 上午09时11分28秒 GMT+08:00',
    { type: 'highlight', page: null, location: { start: 145, end: 146, label: 'Location 145-146' }, added: '2013-08-05T09:11:28+08:00' }],
  ['German', '- Ihre Markierung bei Position 7616-7627 | Hinzugefügt am Montag, 20. Mai 2019 17:14:46',
    { type: 'highlight', page: null, location: { start: 7616, end: 7627, label: 'Location 7616-7627' }, added: '2019-05-20T17:14:46' }],
  ['German old, um … Uhr', '- Ihre Notiz auf Seite 10 | Position 149 | Hinzugefügt am Mittwoch, 13. November 2019 um 19:08:59 Uhr',
    { type: 'note', page: '10', location: { start: 149, end: 149, label: 'Location 149' }, added: '2019-11-13T19:08:59' }],
  ['German bookmark', '- Ihr Lesezeichen bei Position 3257 | Hinzugefügt am Dienstag, 8. Juli 2014 22:42:55',
    { type: 'bookmark', page: null, location: { start: 3257, end: 3257, label: 'Location 3257' }, added: '2014-07-08T22:42:55' }],
  ['German, clip this article', '- Artikel bei Position 699 speichern | Hinzugefügt am Sonntag, 21. September 2014 13:24:34',
    { type: 'highlight', page: null, location: { start: 699, end: 699, label: 'Location 699' }, added: '2014-09-21T13:24:34' }],
  ['French', '- Votre surlignement sur la page 200 | emplacement 3054-3056 | Ajouté le mercredi 16 août 2017 02:14:10',
    { type: 'highlight', page: '200', location: { start: 3054, end: 3056, label: 'Location 3054-3056' }, added: '2017-08-16T02:14:10' }],
  ['French note, à before the time', '- Votre note sur la page 222 | Emplacement 3394 | Ajouté le lundi 17 juin 2013 à 20:19:15',
    { type: 'note', page: '222', location: { start: 3394, end: 3394, label: 'Location 3394' }, added: '2013-06-17T20:19:15' }],
  ['Spanish', '- La subrayado en la página 197 | posición 2031-2035 | Añadido el sábado, 12 de octubre de 2019 0:37:31',
    { type: 'highlight', page: '197', location: { start: 2031, end: 2035, label: 'Location 2031-2035' }, added: '2019-10-12T00:37:31' }],
  ['Spanish old note', '- Mi nota en la página 222 | Posición 3394 | Añadido el lunes 17 de junio de 2013, 20:13:12',
    { type: 'note', page: '222', location: { start: 3394, end: 3394, label: 'Location 3394' }, added: '2013-06-17T20:13:12' }],
  ['Italian, two spaces after the dash', '-  La tua evidenziazione alla posizione 453-454 | Aggiunto in data lunedì 8 marzo 2021 22:52:57',
    { type: 'highlight', page: null, location: { start: 453, end: 454, label: 'Location 453-454' }, added: '2021-03-08T22:52:57' }],
  ['Italian old, two-digit year', '- La mia evidenziazione Posizione 22-22 | Aggiunto il venerdì 6 aprile 12, 00:25:08',
    { type: 'highlight', page: null, location: { start: 22, end: 22, label: 'Location 22-22' }, added: '2012-04-06T00:25:08' }],
  ['Italian old note', '- Le mie note a pagina 222 | Posizione 3395 | Aggiunto il lunedì 17 giugno 13, 20:23:44',
    { type: 'note', page: '222', location: { start: 3395, end: 3395, label: 'Location 3395' }, added: '2013-06-17T20:23:44' }],
  ['Brazilian Portuguese', '- Seu destaque ou posição 2829-2829 | Adicionado: sexta-feira, 29 de novembro de 2019 18:00:13',
    { type: 'highlight', page: null, location: { start: 2829, end: 2829, label: 'Location 2829-2829' }, added: '2019-11-29T18:00:13' }],
  ['Brazilian Portuguese, page and posição', '- Seu destaque na página 49 | posição 543-543 | Adicionado: quinta-feira, 12 de outubro de 2023 18:50:01',
    { type: 'highlight', page: '49', location: { start: 543, end: 543, label: 'Location 543-543' }, added: '2023-10-12T18:50:01' }],
  ['Brazilian Portuguese 2013', '- Seu destaque na página 222 | Posição 3396-3396 | Adicionado na data segunda-feira, 17 de junho de 2013, 20:39:30',
    { type: 'highlight', page: '222', location: { start: 3396, end: 3396, label: 'Location 3396-3396' }, added: '2013-06-17T20:39:30' }],
  ['Brazilian Portuguese, 23h32min06s', '- Sua nota na página 72 | posição 797 | Data de adição: terça-feira, 19 de março de 2019 23h32min06s GMT-03:00',
    { type: 'note', page: '72', location: { start: 797, end: 797, label: 'Location 797' }, added: '2019-03-19T23:32:06-03:00' }],
  // No real hybrid line was found; this one is English parts and Portuguese parts, as the issue describes them.
  ['English and Portuguese parts on one line (constructed)', '- Your Highlight on Location 1327-1328 | Adicionado: domingo, 3 de maio de 2020 19:22:51',
    { type: 'highlight', page: null, location: { start: 1327, end: 1328, label: 'Location 1327-1328' }, added: '2020-05-03T19:22:51' }],
  ['Japanese', '- 位置No. 422-423のハイライト |作成日: 2022年5月28日土曜日 13:21:54',
    { type: 'highlight', page: null, location: { start: 422, end: 423, label: 'Location 422-423' }, added: '2022-05-28T13:21:54' }],
  ['Japanese note with a page', '- 22ページ|位置No. 336のメモ |作成日: 2023年6月10日土曜日 9:18:40',
    { type: 'note', page: '22', location: { start: 336, end: 336, label: 'Location 336' }, added: '2023-06-10T09:18:40' }],
  ['Japanese old', '- ハイライト ページ222 | 位置No. 3396-3396 | 追加日： 2013年6月17日 (月曜日) 20:31:09',
    { type: 'highlight', page: '222', location: { start: 3396, end: 3396, label: 'Location 3396-3396' }, added: '2013-06-17T20:31:09' }],
  ['Japanese old note, full-width colon', '- メモ 位置No. 3 | 追加日： 2013年4月26日 (金曜日) 0:33:16',
    { type: 'note', page: null, location: { start: 3, end: 3, label: 'Location 3' }, added: '2013-04-26T00:33:16' }],
  ['Chinese, page and location, 上午', '- 您在第 25 页（位置 #243-244）的标注 | 添加于 2023年2月14日星期二 上午5:15:57',
    { type: 'highlight', page: '25', location: { start: 243, end: 244, label: 'Location 243-244' }, added: '2023-02-14T05:15:57' }],
  ['Chinese, 下午', '- 您在位置 #609-609的标注 | 添加于 2023年3月19日星期日 下午4:26:36',
    { type: 'highlight', page: null, location: { start: 609, end: 609, label: 'Location 609-609' }, added: '2023-03-19T16:26:36' }],
  ['Chinese note', '- 您在位置 #2544 的笔记 | 添加于 2023年3月23日星期四 下午8:25:28',
    { type: 'note', page: null, location: { start: 2544, end: 2544, label: 'Location 2544' }, added: '2023-03-23T20:25:28' }],
  ['Chinese old', '- 我的标注 第222页 | 位置3397-3397 | 已添加至 2013年6月17日 星期一 22:27:30',
    { type: 'highlight', page: '222', location: { start: 3397, end: 3397, label: 'Location 3397-3397' }, added: '2013-06-17T22:27:30' }],
  ['Chinese old, no space after 添加于, zero-padded hour', '- 我的标注 位置 #465-466 | 添加于2013年12月24日星期二 下午09:10:24',
    { type: 'highlight', page: null, location: { start: 465, end: 466, label: 'Location 465-466' }, added: '2013-12-24T21:10:24' }],
  ['Chinese, # before the range end', '- 您在第 2 页（位置 #37-#38）的标注 | 添加于 2018年12月31日星期一 下午11:56:41',
    { type: 'highlight', page: '2', location: { start: 37, end: 38, label: 'Location 37-38' }, added: '2018-12-31T23:56:41' }],
  ['Chinese bookmark', '- 您在位置 #835 的书签 | 添加于 2023年6月8日星期四 下午9:33:37',
    { type: 'bookmark', page: null, location: { start: 835, end: 835, label: 'Location 835' }, added: '2023-06-08T21:33:37' }],
  ['Russian, en dashes', '– Ваш выделенный отрывок в месте 904–905 | Добавлено: понедельник, 24 июля 2023 г. в 15:44:52',
    { type: 'highlight', page: null, location: { start: 904, end: 905, label: 'Location 904-905' }, added: '2023-07-24T15:44:52' }],
  ['Russian note', '– Ваша заметка в месте 640 | Добавлено: понедельник, 16 марта 2015 г. в 21:46:06',
    { type: 'note', page: null, location: { start: 640, end: 640, label: 'Location 640' }, added: '2015-03-16T21:46:06' }],
  ['Russian bookmark, page form', '– Ваша закладка на странице 1 | Место 191 | Добавлено: суббота, 19 мая 2018 г. в 11:51:55',
    { type: 'bookmark', page: '1', location: { start: 191, end: 191, label: 'Location 191' }, added: '2018-05-19T11:51:55' }],
  ['Dutch, t/m', '- Je highlight op pagina 79 | locatie 1293 t/m 1295 | Toegevoegd op dinsdag 30 augustus 2022 19:46:26',
    { type: 'highlight', page: '79', location: { start: 1293, end: 1295, label: 'Location 1293-1295' }, added: '2022-08-30T19:46:26' }],
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
