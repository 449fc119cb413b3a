/**
 * The plain text of a note's text blocks, made as the blocks come rather
 * than from all of them at the end: the blocks of a 50 MB note need never
 * be alive at once (see markdown.ts markdownBlocks). What text() gives is
 * what plainText gives for all the blocks together. The last blocks stay
 * nodes: a reader may look at the last one and take it back (a heading
 * whose section turned out empty, a block a highlight marker claims). Pure.
 */
import type { RootContent } from 'mdast';
import { blockSeparator, isBlock, plainText, type BlockHtml } from './markdown.js';

/** Thrown when a block already made text is wanted back as a node: the caller reads the whole tree instead (extract/markdown-document.ts). */
export class WholeTreeNeeded extends Error {}

/** Blocks kept as nodes: a reader taking back more than this many in a row reads the whole tree instead. */
const KEPT = 32;

export class TextBlocks {
  /** The text of the blocks let go, and their node types (plainText separates blocks by their types). */
  private readonly texts: string[] = [];
  private readonly types: string[] = [];
  private readonly kept: RootContent[] = [];

  /** `incremental` false: every block stays a node, and text() is plainText of them all. */
  constructor(
    private incremental: boolean,
    private readonly blockHtml: BlockHtml = 'drop',
  ) {}

  push(...nodes: RootContent[]): void {
    for (const node of nodes) {
      // Not a block (a definition): plainText joins all the nodes otherwise, so all must stay nodes.
      if (!isBlock(node)) {
        if (this.texts.length > 0) throw new WholeTreeNeeded(`a ${node.type} after blocks made text`);
        this.incremental = false;
      }
      this.kept.push(node);
    }
    if (!this.incremental) return;
    while (this.kept.length > KEPT) {
      const node = this.kept.shift()!;
      this.texts.push(plainText([node], this.blockHtml));
      this.types.push(node.type);
    }
  }

  /** The last block; undefined when there is none. */
  last(): RootContent | undefined {
    if (this.kept.length === 0 && this.texts.length > 0) throw new WholeTreeNeeded('the last block was made text');
    return this.kept[this.kept.length - 1];
  }

  /** Takes back the last block. */
  pop(): void {
    if (this.kept.length === 0 && this.texts.length > 0) throw new WholeTreeNeeded('the last block was made text');
    this.kept.pop();
  }

  get empty(): boolean {
    return this.kept.length === 0 && this.texts.length === 0;
  }

  /** plainText of every block pushed and not taken back; asked once: what was kept is let go (a long note's text is not held twice). */
  text(): string {
    const out: string[] = [];
    this.texts.forEach((text, i) => {
      if (i > 0) out.push(blockSeparator(this.types[i - 1]!, this.types[i]!));
      out.push(text);
    });
    if (this.kept.length > 0) {
      if (out.length > 0) out.push(blockSeparator(this.types[this.types.length - 1]!, this.kept[0]!.type));
      out.push(plainText(this.kept, this.blockHtml));
    }
    this.texts.length = 0;
    this.types.length = 0;
    this.kept.length = 0;
    return out.join('');
  }
}
