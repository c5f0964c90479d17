/**
 * Plain-text layout for terminal output: every function counts UTF-16 code units as columns, which is exact for the
 * ASCII the renderers write and close enough for class names in Latin scripts.
 */

/** What replaces cut text: ASCII, so that widths stay exact. */
const ELLIPSIS = "...";

/** C0 controls (including ESC) end below this code; DEL and the C1 controls fill the range after it. */
const FIRST_PRINTABLE = 0x20;
const DELETE = 0x7f;
const LAST_C1_CONTROL = 0x9f;

function isControl(code: number): boolean {
  return code < FIRST_PRINTABLE || (code >= DELETE && code <= LAST_C1_CONTROL);
}

/**
 * `text` with control characters (which would move the cursor or change colours if printed as given) replaced by
 * "?", for names read from a user's file.
 */
export function printable(text: string): string {
  let result = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    result += isControl(code) ? "?" : text.charAt(i);
  }
  return result;
}

/** `text` cut to at most `width` columns, ending in "..." when cut. */
export function truncateEnd(text: string, width: number): string {
  if (text.length <= width) return text;
  if (width <= ELLIPSIS.length) return text.slice(0, width);
  return text.slice(0, width - ELLIPSIS.length) + ELLIPSIS;
}

/**
 * Breaks `text` at spaces into lines of at most `width` columns, the first starting with `firstIndent` and the
 * others with `restIndent`; a word longer than a line (a file path) is cut into pieces, after a "/" or "\\" when
 * one falls within the line.
 */
export function wrapWords(text: string, width: number, firstIndent = "", restIndent = firstIndent): string[] {
  const lines: string[] = [];
  let line = firstIndent;
  let lineHasWord = false;
  const flush = (): void => {
    lines.push(line);
    line = restIndent;
    lineHasWord = false;
  };
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    let rest = word;
    for (;;) {
      const space = lineHasWord ? " " : "";
      if (line.length + space.length + rest.length <= width) {
        line += space + rest;
        lineHasWord = true;
        break;
      }
      const room = width - line.length - space.length;
      if (lineHasWord && (restIndent.length + rest.length <= width || room < 1)) {
        // The word fits on a line of its own, or nothing of it fits on this one.
        flush();
        continue;
      }
      // A word longer than any line: fill this line with a piece of it, cut after a path separator if one falls
      // within the line.
      const pieceRoom = Math.max(1, room);
      const pathBreak = Math.max(rest.lastIndexOf("/", pieceRoom - 1), rest.lastIndexOf("\\", pieceRoom - 1));
      const cut = pathBreak > 0 ? pathBreak + 1 : pieceRoom;
      line += space + rest.slice(0, cut);
      rest = rest.slice(cut);
      flush();
    }
  }
  if (lineHasWord || lines.length === 0) lines.push(line);
  return lines;
}
