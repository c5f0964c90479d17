/** SGR escape sequences of the few styles the table uses. */
const SGR = {
  bold: "\u001b[1m",
  dim: "\u001b[2m",
  cyan: "\u001b[36m",
  yellow: "\u001b[33m",
  reset: "\u001b[0m",
} as const;

/** How the table styles its parts: escape codes on a colour terminal, the text unchanged otherwise. */
export interface TerminalStyle {
  /** Headings. */
  heading(text: string): string;
  /** Legends and empty bins. */
  dim(text: string): string;
  /** The reliability diagram's bars (fraction positive). */
  bar(text: string): string;
  /** The reliability diagram's markers (mean predicted probability). */
  marker(text: string): string;
}

const plain = (text: string): string => text;

function wrap(open: string): (text: string) => string {
  return (text) => (text.length === 0 ? text : `${open}${text}${SGR.reset}`);
}

/** The styles for a terminal with colour (`color: true`) or without (every function returns its text). */
export function terminalStyle(color: boolean): TerminalStyle {
  if (!color) return { heading: plain, dim: plain, bar: plain, marker: plain };
  return {
    heading: wrap(SGR.bold),
    dim: wrap(SGR.dim),
    bar: wrap(SGR.cyan),
    marker: wrap(SGR.bold + SGR.yellow),
  };
}
