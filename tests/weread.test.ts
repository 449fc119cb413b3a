/**
 * WeRead (微信读书) notes of the obsidian-weread-plugin (fixtures/weread, see
 * its SOURCES.md): the facts below were written by hand from the files
 * before expected.json was generated. And what the reader does not take:
 * notes that only look like it, and no other reader takes its notes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadedReaders, refineWork, specificReaders } from '../src/formats/readers.js';
import { Messages } from '../src/messages.js';
import { authorsOf, weread } from '../src/formats/weread/weread.js';
import { detectedBy, recordsOf, runCli, scratch } from './helpers.js';

const { folder } = scratch('weread');
const books = await recordsOf('weread');
const book = (file: string) => books.get(file)!;
const FILES = ['01-learning-webrtc.md', '02-secai.md', '03-xiaowangzi.md', '04-juwairen.md', '05-wuhezhizhong.md', '06-waerdenghu.md', '07-huxiaoshanzhuang.md', '08-yundong-jiepou.md'];
const fixture = (file: string): string => fs.readFileSync(path.join('fixtures/weread', file), 'utf8');

describe('WeRead notes: the book', () => {
  it('reads title, authors, url, published, category and cover', () => {
    const webrtc = book('01-learning-webrtc.md');
    expect([webrtc.format, webrtc.kind, webrtc.title, webrtc.authors, webrtc.url, webrtc.published, webrtc.category, webrtc.image]).toEqual([
      'weread',
      'highlights',
      'Learning WebRTC',
      ['Dan Ristic'],
      'https://weread.qq.com/web/reader/0eb3285072300d160eb590c',
      '2015-06-30',
      'books',
      'https://wfqqreader-1252317822.image.myqcloud.com/cover/510/36703510/t6_36703510.jpg',
    ]);
    expect(webrtc.summary).toMatch(/^If you are a web developer who wants to create well designed WebRTC applications/);
    // Two authors WeRead writes apart by a space.
    const secai = book('02-secai.md');
    expect([secai.title, secai.authors, secai.url, secai.published]).toEqual(['色彩', ['王海燕', '杜建伟'], 'https://weread.qq.com/web/reader/1a932420718998231a9fbf9', '2018-09-01']);
    // No title in the frontmatter: the 元数据 list's 书名.
    expect([book('04-juwairen.md').title, book('04-juwairen.md').authors, book('04-juwairen.md').url, book('04-juwairen.md').published]).toEqual(['局外人', ['加缪'], null, '2013-08-01']);
    expect(book('07-huxiaoshanzhuang.md').title).toBe('呼啸山庄（读客三个圈经典文库）');
    expect(book('03-xiaowangzi.md').tags.slice().sort()).toEqual(['外国文学', '文学', '读书笔记', '读完'].sort());
    expect(book('06-waerdenghu.md').authors).toEqual(['梭罗']);
  });

  it('keeps the reading status, counts and WeRead’s own category in extra, the ISBN where merging finds it', () => {
    const webrtc = book('01-learning-webrtc.md').extra;
    expect(webrtc).toMatchObject({
      doc_type: 'weread-highlights-reviews',
      bookId: '36703510',
      reviewCount: 18,
      noteCount: 9,
      readingStatus: '2',
      progress: '83%',
      readingTime: '2小时59分钟',
      readingDate: '2024-06-06',
      lastReadDate: '2024-06-24',
      isbn: 9781783983674,
      publisher: 'Packt Publishing',
      category: '计算机-编程设计',
    });
    expect(book('01-learning-webrtc.md').work).toBe('isbn:9781783983674');
    expect(book('02-secai.md').extra).toMatchObject({ readingStatus: '读完', totalReadDay: 4, finishedDate: '2024-01-17', category: '艺术-绘画', publisher: '化学工业出版社' });
    // The frontmatter's own category stands; the user's keys are kept.
    expect(book('03-xiaowangzi.md').extra).toMatchObject({ category: '文学', rating: '94.1%', readProgress: 100, publisher: '上海译文出版社' });
    expect(book('04-juwairen.md').extra).toMatchObject({ 'dg-publish': true, category: '文学-经典作品', isbn: 9787532761760 });
  });
});

describe('WeRead notes: highlights', () => {
  it('reads each 📌 with its chapter, date, block id and weread:// link (2026 template)', () => {
    const list = book('01-learning-webrtc.md').highlights;
    expect(list).toHaveLength(27);
    expect(list[0]).toMatchObject({
      text: 'The biggest accomplishment of WebRTC',
      url: 'weread://bestbookmark?bookId=36703510&chapterUid=10&rangeStart=574&rangeEnd=610',
      id: '36703510-10-434-470',
      location: 'Enabling audio and video on the Web',
      note: null,
      highlightedAt: '2024-06-06T14:20:45',
    });
    expect(list[8]).toMatchObject({ text: 'the entire code', location: 'Complete signaling server', highlightedAt: '2024-06-13T14:34:23', id: '36703510-39-422-437' });
  });

  it('reads a 划线评论 that is no highlight under 高亮划线 as a highlight of its own, its comment of several lines the note', () => {
    const list = book('01-learning-webrtc.md').highlights;
    expect(list[9]).toMatchObject({ text: 'functionality', note: 'n.\n功能；[数] 泛函性，函数性', location: 'Getting access to media devices', highlightedAt: '2024-06-13T14:56:43', id: '248864958-7RUXGgJrp', url: null });
    expect(list.find((highlight) => highlight.text === 'audio feedback')).toMatchObject({ note: '声频反馈', location: 'Constraining the media stream', highlightedAt: '2024-06-13T15:26:36' });
    // WeRead's HTML entities are characters.
    expect(list.find((highlight) => highlight.text === 'maintain')!.note).toBe('v.\n保持，维持；维修，保养；断言，主张；赡养，抚养；<旧>支持，维护');
    expect(list.at(-1)).toMatchObject({ text: 'accordingly', location: 'Logging in to the application', highlightedAt: '2024-06-24T17:50:33' });
    const six = book('06-waerdenghu.md').highlights;
    expect(six).toEqual([
      expect.objectContaining({
        text: '我知道与我同镇居住的年轻人，他们的不幸就是继承了祖上的农场、宅第、仓房、牛群以及各种农具，因为获得这些东西比摆脱它们更加容易。',
        note: '有时候获得比拜托更容易',
        location: '经济',
        highlightedAt: '2023-02-10T00:52:47',
        id: '60245037-7FUf50UfV',
      }),
    ]);
  });

  it('reads the quote style of 2023–2024: a comment on the line of its date, a highlight of several lines', () => {
    const list = book('02-secai.md').highlights;
    expect(list).toHaveLength(59);
    expect(list[0]).toMatchObject({ location: '第1章 色彩基础理论', highlightedAt: '2024-01-10T12:09:11', id: '25794595-5-1379-1436' });
    expect(list[0]!.text).toBe('有彩色系是由光的波长和振幅决定的，波长决定色相，振幅决定色调。有彩色系的颜色都具有三个基本特征：色相、纯度、明度。');
    expect(list.find((highlight) => highlight.note !== null)).toMatchObject({
      text: '明度关系是色彩的骨骼，是色彩结构的关键所在。',
      note: '影调',
      location: '第2节 绘画色彩基础理论',
      highlightedAt: '2024-01-11T20:41:19',
      id: '25794595-6-4049-4071',
    });
    expect(list.filter((highlight) => highlight.note !== null)).toHaveLength(1);
    const lines = list.find((highlight) => highlight.text.startsWith('互补色具有两种特征：'))!;
    expect(lines.text.split('\n')).toEqual([
      '互补色具有两种特征：',
      'a.两个互为对比的颜色如红和绿，靠近并置在一起时，它们各自的色彩都在视觉上加强了饱和度，显得色相、纯度更强烈；',
      'b.两个互补色调和后成为明度、纯度都降低的灰黑色。',
    ]);
    expect(lines.highlightedAt).toBe('2024-01-11T21:07:42');
    // The user's own lines before 元数据 are no text of a highlight.
    expect(list.some((highlight) => /#读书笔记/.test(highlight.text))).toBe(false);
  });

  it('reads a changed template: callouts with a block id on its own line, no dates', () => {
    const list = book('03-xiaowangzi.md').highlights;
    expect(list).toHaveLength(30);
    expect(list[0]).toMatchObject({ text: '所有的大人起先都是孩子——但愿我们都能记得这一点。', id: '68-1916-1941', location: '初版译序', highlightedAt: null, note: null });
    expect(list[4]).toMatchObject({ location: '7', id: '77-1605-1696' });
    expect(list.at(-1)).toMatchObject({ location: '27', id: '97-1440-1592' });
    expect(list.every((highlight) => !highlight.text.includes('[!Cite]') && !highlight.text.includes('^'))).toBe(true);
  });

  it('reads the list style of 2022–2023 and a review of the book as a note without text', () => {
    const list = book('04-juwairen.md').highlights;
    expect(list).toHaveLength(19);
    expect(list[1]).toMatchObject({ text: '今天，妈妈死了。也许是在昨天，我搞不清。', location: '一', highlightedAt: '2023-04-24T08:59:09', id: '912325-18-406-426' });
    expect(list[18]).toMatchObject({ text: '', note: '最后的一段怒吼振聋发聩。值得深思', location: null, highlightedAt: '2023-04-24T13:35:01', id: '233589967-7HI5ALQ07' });
  });

  it('gives a highlight also in 读书笔记 its comment once, with the comment’s date and chapter where the highlight has none', () => {
    const list = book('05-wuhezhizhong.md').highlights;
    expect(list).toHaveLength(9);
    expect(list[0]).toMatchObject({
      text: '在这些表面原因的后面，往往另有他因，那就是民众的思想观念发生了深刻的变化。',
      note: '群众的思想变化的来源是什么？是外因推动思潮变化还是内因，在长期的进化过程中逐渐演变呢？\n\n联想到中国的近代史，究竟是无产阶级领导了农民，还是农民决定了无产阶级？',
      location: '引言——群体的时代',
      highlightedAt: '2016-03-01T23:48:28',
      id: '651979-4-84-121',
    });
    expect(list[2]).toMatchObject({ note: '群体的双面性', location: '第二章 群体的感情与道德', highlightedAt: '2016-03-02T08:21:38' });
    expect(list[8]).toMatchObject({ note: '舆论控制', location: '第三章 群体领袖及其说服方式', highlightedAt: '2016-03-04T08:57:10', id: '651979-12-9494-9552' });
    // `⏱ Invalid date` under an empty chapter heading: neither.
    expect(list[3]).toMatchObject({ location: null, highlightedAt: null, note: null, id: '651979-8-4584-4681' });
    expect(list.filter((highlight) => highlight.note !== null)).toHaveLength(4);
  });

  it('reads a chapter comment and keeps a comment on the same words in another chapter apart', () => {
    const list = book('07-huxiaoshanzhuang.md').highlights;
    // 37 under 高亮划线, nine 划线评论 the template left out there, a chapter comment, a book review.
    expect(list).toHaveLength(48);
    expect(list.find((highlight) => highlight.location === '第十三章' && highlight.text === '')).toMatchObject({
      note: '这伊莎贝拉不是自己作死吗？',
      highlightedAt: '2023-06-29T13:33:52',
      id: '2009032-7JktWp9EE',
    });
    const named = list.filter((highlight) => highlight.text === '哈里顿·厄恩肖');
    expect(named.map((highlight) => [highlight.location, highlight.note])).toEqual([
      ['第一章', null],
      ['第二章', '在第一章出现过这个名字。不过认错人还是超级尴尬的。哈哈哈😂'],
    ]);
    expect(list.find((highlight) => highlight.note === '这不是近亲结婚吗？')).toMatchObject({ location: '第四章', highlightedAt: '2023-06-26T16:01:16' });
    expect(list.at(-1)).toMatchObject({ text: '', note: '读起来还是挺drama的，l里面的每个人物，除了那个保姆。其他人都挺变态的', highlightedAt: '2023-07-03T23:19:53' });
  });
});

describe('WeRead notes: a changed template seen only after the reader was written', () => {
  it('reads sections at ##, block ids glued to the text and linked days, and takes 书名 over a frontmatter title of the user’s', () => {
    const held = book('08-yundong-jiepou.md');
    expect([held.title, held.authors, held.published, held.work, held.tags]).toEqual(['运动解剖书', ['布朗蒂娜·卡莱·热尔曼'], '2015-03-01', 'isbn:9787530474624', ['微信读书笔记']]);
    expect(held.highlights.map((highlight) => [highlight.text, highlight.note, highlight.location, highlight.highlightedAt, highlight.id])).toEqual([
      ['如果运动是通过正在收缩的肌肉来完成的，', null, '肌肉收缩的形式', '2022-12-07T12:44:00', '10-1187-1206'],
      ['这种肌肉的收缩叫向心收缩。', null, '肌肉收缩的形式', '2022-12-07T12:44:00', '10-1206-1255'],
      ['当运动是通过对抗它的肌肉作用而减慢时，该肌肉的收缩叫离心收缩。', null, '肌肉收缩的形式', '2022-12-07T12:44:00', '10-2296-2363'],
      ['肩胛骨为三角形扁骨，有两面（前面和后面）、三个角以及三个缘。', null, '上肢带', '2022-12-07T13:22:00', '30-2196-2226'],
      ['当肌肉保持收缩以维持某种姿势，我们称这种收缩为静力收缩。', '即等长收缩', '肌肉收缩的形式', '2022-12-07T12:45:00', '10500316-7Ek7FMGrk'],
    ]);
  });

  it('takes only an id of WeRead’s shape glued to the text: `x^2` is text', () => {
    const note = (line: string) =>
      weread.read({ name: 'b.md', text: `---\ndoc_type: weread-highlights-reviews\nbookId: "1"\n---\n# 高亮划线\n## 一\n- 📌 ${line}\n    - ⏱ 2023-01-02 03:04:05\n` }, new Messages()).works![0]!.fields.highlights[0]!;
    expect([note('面积是 x^2').text, note('面积是 x^2').id]).toEqual(['面积是 x^2', null]);
    expect([note('一句话。^12-3-45').text, note('一句话。^12-3-45').id]).toEqual(['一句话。', '12-3-45']);
    expect([note('一句话 ^abc').text, note('一句话 ^abc').id, note('一句话 ^abc').highlightedAt]).toEqual(['一句话', 'abc', '2023-01-02T03:04:05']);
  });
});

describe('WeRead notes: templates without 📌 (held-out notes, fixtures/heldout-26/weread)', () => {
  const read = (body: string, front = '') =>
    weread.read({ name: 'b.md', text: `---\ndoc_type: weread-highlights-reviews\nbookId: "1"\n${front}---\n${body}` }, new Messages()).works![0]!.fields;
  const facts = (fields: ReturnType<typeof read>) => fields.highlights.map((highlight) => [highlight.text, highlight.note, highlight.location, highlight.highlightedAt, highlight.id]);

  it('bare `> text` quotes under 划线, `> text` then `💭 comment` under 笔记; the body’s 作者 over a frontmatter author', () => {
    const fields = read('## 简介\n\n- **书名**：《实践论》\n- **作者**： 毛泽东\n\n## 划线 \n\n> 第一句。\n\n> 第二句，\n> 两行。\n\n## 笔记\n\n> 第三句。\n\n💭 我的想法\n\n## 书评\n', 'author: 仲平\n');
    expect([fields.title, fields.authors]).toEqual(['实践论', ['毛泽东']]);
    expect(facts(fields)).toEqual([
      ['第一句。', null, null, null, null],
      ['第二句，\n两行。', null, null, null, null],
      ['第三句。', '我的想法', null, null, null],
    ]);
  });

  it('`> [!quote|notitle]` callouts, `— created on [[day]] time ^id`, the comment as the item under it; a chapter heading glued to the id', () => {
    const fields = read(
      '> [!abstract]- **内容简介**\n> \n\n## 高亮划线\n### 童年\n\n> [!quote|notitle] \n> 第一句。  \n— created on [[2022-05-19]] 16:03 ^2-16-42### 灾难\n\n> [!quote|notitle] \n> 第二句。\n— created on [[2022-05-18]] 22:15 ^3-109-222\n- 我的想法\n',
      'name: 明朝那些事儿\n',
    );
    expect(fields.title).toBe('明朝那些事儿');
    expect(facts(fields)).toEqual([
      ['第一句。', null, '童年', '2022-05-19T16:03:00', '2-16-42'],
      ['第二句。', '我的想法', '灾难', '2022-05-18T22:15:00', '3-109-222'],
    ]);
  });

  it('a `> [!quote] ⏱ date` callout dates the highlight it holds', () => {
    const fields = read('# 高亮划线\n## 一\n> [!quote] ⏱ 2023-04-05 06:07:08\n> 一句话。\n\n> [!quote] ⏱ 2023-04-06 07:08:09\n> 另一句。\n> 💭 想法\n');
    expect(facts(fields)).toEqual([
      ['一句话。', null, '一', '2023-04-05T06:07:08', null],
      ['另一句。', '想法', '一', '2023-04-06T07:08:09', null],
    ]);
  });

  it('`- **原文**` and `- **评论**` labels in a 划线评论 quote: the comment is the highlight’s note', () => {
    const fields = read('# 高亮划线\n## 一\n> 📌 原文一句。\n> ⏱ 2024-01-11 20:41:59\n\n# 读书笔记\n## 一\n### 划线评论\n> - **原文**  \n>  原文一句。\n> - **评论**  \n>   影调  \n> ⏱ 2024-01-11 20:41:59 \n');
    expect(facts(fields)).toEqual([['原文一句。', '影调', '一', '2024-01-11T20:41:59', null]]);
  });
});

describe('WeRead authors', () => {
  it('drops roles, splits names of Han characters apart by spaces, and keeps Western names whole', () => {
    expect(authorsOf('霍春阳\u3000著')).toEqual(['霍春阳']);
    expect(authorsOf('王海燕 杜建伟')).toEqual(['王海燕', '杜建伟']);
    expect(authorsOf('Halil İbrahim Kalkan')).toEqual(['Halil İbrahim Kalkan']);
    expect(authorsOf('【英】乔治·奥威尔 著；董乐山 译')).toEqual(['【英】乔治·奥威尔']);
  });
});

describe('what the WeRead reader takes', () => {
  it('takes the WeRead fixtures and no other fixture or real-world file', () => {
    expect(detectedBy(weread)).toEqual(FILES.map((file) => `fixtures/weread/${file}`));
  });

  it('takes a note by the plugin’s frontmatter, never by 📌 alone', () => {
    const takes = (text: string, name = 'book.md'): boolean => weread.detect({ name, text });
    expect(takes('---\ndoc_type: weread-highlights-reviews\nbookId: "1"\n---\n# 元数据\n')).toBe(true);
    expect(takes('---\nbookId: CB_1\ntitle: x\n---\n- 📌 a highlight\n    - ⏱ 2023-01-01 10:00:00\n')).toBe(true);
    expect(takes('---\ntitle: x\n---\n- 📌 pinned: call the bank\n')).toBe(false);
    expect(takes('- 📌 a highlight ^1-2-3\n    - ⏱ 2023-01-01 10:00:00\n')).toBe(false);
    expect(takes('---\nbookId: 12\n---\nNo highlights here.\n')).toBe(false);
    expect(takes('---\ndoc_type: weread-highlights-reviews\n---\n', 'book.json')).toBe(false);
    // The key in the body, not the frontmatter, is no sign.
    expect(takes('---\ntitle: x\n---\ndoc_type: weread-highlights-reviews\n')).toBe(false);
  });

  it('is the one specific reader of its notes, and the structural reader adds nothing to what it read', () => {
    for (const file of FILES) {
      const document = { name: `fixtures/weread/${file}`, text: fixture(file) };
      expect(specificReaders(document).map((descriptor) => descriptor.id)).toEqual(['weread']);
      const reading = weread.read(document, new Messages());
      const [work] = reading.works!;
      const loaded = loadedReaders().find(({ descriptor }) => descriptor.id === 'weread')!;
      const refined = refineWork(document, { ...work!, fields: { ...work!.fields, highlights: [...work!.fields.highlights] } }, loaded.descriptor);
      expect([refined.fields.format, refined.fields.highlights]).toEqual(['weread', work!.fields.highlights]);
    }
  });

  it('through the binary: a vault folder gives one record per book with every highlight, and its other notes stay notes', async () => {
    const vault = folder('vault');
    fs.mkdirSync(path.join(vault, '微信读书', '文学'), { recursive: true });
    fs.mkdirSync(path.join(vault, '.obsidian', 'plugins', 'obsidian-weread-plugin'), { recursive: true });
    for (const file of FILES) fs.copyFileSync(path.join('fixtures/weread', file), path.join(vault, '微信读书', '文学', file));
    fs.writeFileSync(path.join(vault, '.obsidian', 'plugins', 'obsidian-weread-plugin', 'data.json'), '{"noteLocation": "微信读书", "template": ""}\n');
    fs.writeFileSync(path.join(vault, 'todo.md'), '# Today\n\n- 📌 pinned: call the bank\n- ⏱ 10:00\n');
    const run = await runCli([vault, '--no-cache', '-f', 'ndjson']);
    expect(run.exitCode).toBe(0);
    const records = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { format: string; title: string; highlights: unknown[]; source: { path: string } });
    const byFile = new Map(records.map((record) => [path.basename(record.source.path), record]));
    expect(records).toHaveLength(FILES.length + 1);
    expect(FILES.map((file) => [byFile.get(file)!.format, byFile.get(file)!.highlights.length])).toEqual([
      ['weread', 27],
      ['weread', 59],
      ['weread', 30],
      ['weread', 19],
      ['weread', 9],
      ['weread', 1],
      ['weread', 48],
      ['weread', 5],
    ]);
    expect([byFile.get('todo.md')!.format, byFile.get('todo.md')!.highlights]).toEqual(['markdown', []]);
  });
});
