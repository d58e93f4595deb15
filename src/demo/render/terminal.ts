// Terminal text: optional ANSI styling, display width (emoji take two columns, escapes none)
// and word wrapping that never cuts a styled run in half.

export type Paint = (s: string) => string;

export interface Painter {
  bold: Paint;
  dim: Paint;
  italic: Paint;
  underline: Paint;
  strike: Paint;
  green: Paint;
  red: Paint;
  cyan: Paint;
  blue: Paint;
  yellow: Paint;
  magenta: Paint;
}

const sgr = (open: number, close: number): Paint => (s) => (s === '' ? s : `\x1b[${open}m${s}\x1b[${close}m`);
const none: Paint = (s) => s;

export function painter(color: boolean): Painter {
  if (!color) {
    return { bold: none, dim: none, italic: none, underline: none, strike: none, green: none, red: none, cyan: none, blue: none, yellow: none, magenta: none };
  }
  return {
    bold: sgr(1, 22), dim: sgr(2, 22), italic: sgr(3, 23), underline: sgr(4, 24), strike: sgr(9, 29),
    green: sgr(32, 39), red: sgr(31, 39), cyan: sgr(36, 39), blue: sgr(34, 39), yellow: sgr(33, 39), magenta: sgr(35, 39),
  };
}

// eslint-disable-next-line no-control-regex -- matching terminal escape sequences is the point
const ANSI = /\x1b\[[0-9;]*m/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

function charWidth(cp: number): number {
  if (cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x300 && cp <= 0x36f)) return 0;
  if (
    (cp >= 0x1f000 && cp <= 0x1faff) ||
    (cp >= 0x2600 && cp <= 0x27bf && EMOJI_PRESENTATION.has(cp)) ||
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0x231a && cp <= 0x231b) ||
    (cp >= 0x23e9 && cp <= 0x23f3)
  ) return 2;
  return 1;
}

// Symbols in U+2600–27BF that terminals draw two columns wide.
const EMOJI_PRESENTATION = new Set([0x2614, 0x2615, 0x2648, 0x267f, 0x2693, 0x26a1, 0x26aa, 0x26ab, 0x26bd, 0x26be, 0x26c4, 0x26c5, 0x26ce, 0x26d4, 0x26ea, 0x26f2, 0x26f3, 0x26f5, 0x26fa, 0x26fd, 0x2705, 0x270a, 0x270b, 0x2728, 0x274c, 0x274e, 0x2753, 0x2754, 0x2755, 0x2757, 0x2795, 0x2796, 0x2797, 0x27b0, 0x27bf, 0x2b50]);

/** Columns a string takes on screen. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of stripAnsi(s)) w += charWidth(ch.codePointAt(0)!);
  return w;
}

export function padEnd(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

/** Cuts plain text to a width, ending with "…" when something was left out. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

/** Cuts text into pieces of at most `width` columns, keeping every space (preformatted text). */
export function hardWrap(text: string, width: number): string[] {
  const out: string[] = [];
  let piece = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width && piece !== '') {
      out.push(piece);
      piece = '';
      w = 0;
    }
    piece += ch;
    w += cw;
  }
  out.push(piece);
  return out;
}

/** A piece of text with the style it is drawn in; wrapping only breaks at spaces between pieces' words. */
export interface Run { text: string; paint: Paint; /** never broken across lines (a button) */ atomic?: boolean }

type Piece = { text: string; paint: Paint };
type Token = { kind: 'space'; text: string } | { kind: 'newline' } | { kind: 'word'; pieces: Piece[]; atomic?: boolean };

// Words may span runs ("(" then `code` then ")"): a line may only break where there was a space.
function tokens(runs: Run[]): Token[] {
  const out: Token[] = [];
  let word: Piece[] | undefined;
  const endWord = () => {
    if (word) out.push({ kind: 'word', pieces: word });
    word = undefined;
  };
  for (const run of runs) {
    if (run.atomic) {
      endWord();
      out.push({ kind: 'word', pieces: [{ text: run.text, paint: run.paint }], atomic: true });
      continue;
    }
    for (const m of run.text.matchAll(/(\n)|([^\S\n]+)|(\S+)/g)) {
      if (m[1]) { endWord(); out.push({ kind: 'newline' }); }
      else if (m[2]) { endWord(); out.push({ kind: 'space', text: m[2] }); }
      else (word ??= []).push({ text: m[3], paint: run.paint });
    }
  }
  endWord();
  return out;
}

/** Greedy word wrap of styled runs into lines no wider than `width`. */
export function wrapRuns(runs: Run[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  let pendingSpace = '';
  const flush = () => {
    lines.push(line);
    line = '';
    used = 0;
    pendingSpace = '';
  };
  const placeLong = (piece: Piece) => {
    // A word longer than the line (a URL): cut it where lines end.
    for (const part of hardWrap(piece.text, width - used)) {
      if (used > 0 && used + displayWidth(part) > width) flush();
      line += piece.paint(part);
      used += displayWidth(part);
    }
  };
  for (const token of tokens(runs)) {
    if (token.kind === 'newline') { flush(); continue; }
    if (token.kind === 'space') { if (used > 0) pendingSpace = token.text; continue; }
    // A chip (button) never touches what comes before it.
    if (token.atomic && pendingSpace === '' && used > 0) pendingSpace = ' ';
    const w = token.pieces.reduce((n, piece) => n + displayWidth(piece.text), 0);
    const space = used > 0 ? pendingSpace : '';
    if (used > 0 && used + displayWidth(space) + w > width) flush();
    else { line += space; used += displayWidth(space); }
    pendingSpace = '';
    if (w > width - used) {
      for (const piece of token.pieces) placeLong(piece);
      continue;
    }
    for (const piece of token.pieces) line += piece.paint(piece.text);
    used += w;
  }
  if (used > 0 || lines.length === 0) lines.push(line);
  return lines;
}
