import type { ReliabilityDiagramBin } from "@calibra/metrics";
import { formatCount, formatMetric } from "./number-format.js";
import type { TerminalStyle } from "./terminal-style.js";

/** Columns of a bin's range, "0.067-0.133": three decimals tell apart the edges of up to 1000 bins. */
const RANGE_WIDTH = 11;
/** Columns of the mean predicted probability and the fraction positive ("0.1234"). */
const VALUE_WIDTH = 6;
/** Spaces between columns. */
const GAP = "  ";
/** The bar area never gets wider than this: 50 columns already resolve 0.02. */
const MAX_BAR_WIDTH = 50;
/** Nor narrower than this, whatever the terminal width. */
const MIN_BAR_WIDTH = 10;

const BAR = "#";
const MARKER = "|";

/** The layout of one reliability diagram. */
export interface ReliabilityAsciiOptions {
  /** Columns available per line. */
  readonly width: number;
  readonly style: TerminalStyle;
  /** Leading spaces of every line. */
  readonly indent: string;
}

/** The axis above the bars: 0 at the left, 0.5 in the middle, 1 at the right. */
function axis(barWidth: number): string {
  const cells = new Array<string>(barWidth).fill(" ");
  const half = Math.floor(barWidth / 2);
  cells[0] = "0";
  cells[half - 1] = "0";
  cells[half] = ".";
  cells[half + 1] = "5";
  cells[barWidth - 1] = "1";
  return cells.join("");
}

/** One bin's bar of `barWidth` cells: # up to the fraction positive, | at the mean predicted probability. */
function bar(bin: ReliabilityDiagramBin, barWidth: number, style: TerminalStyle): string {
  if (bin.meanPredicted === null || bin.fractionPositive === null) {
    return style.dim("(empty)".padEnd(barWidth).slice(0, barWidth));
  }
  const filled = Math.round(bin.fractionPositive * barWidth);
  const marker = Math.min(barWidth - 1, Math.floor(bin.meanPredicted * barWidth));
  const before = Math.min(filled, marker);
  const barBefore = BAR.repeat(before);
  const gapBefore = " ".repeat(marker - before);
  const barAfter = BAR.repeat(Math.max(0, filled - marker - 1));
  const gapAfter = " ".repeat(barWidth - marker - 1 - barAfter.length);
  return style.bar(barBefore) + gapBefore + style.marker(MARKER) + style.bar(barAfter) + gapAfter;
}

/**
 * A reliability diagram as text, one line per bin: the bin's range of probabilities, a bar of # as long as the
 * fraction of positives in the bin with a | at the bin's mean predicted probability (a calibrated bin's bar ends at
 * its |), then those two numbers and the bin's row count. Empty bins say so. Lines fit `width` down to about 45
 * columns (the bar shrinks, to {@link MIN_BAR_WIDTH}).
 */
export function reliabilityAsciiLines(
  diagram: readonly ReliabilityDiagramBin[],
  options: ReliabilityAsciiOptions,
): string[] {
  const { width, style, indent } = options;
  const countWidth = Math.max(1, ...diagram.map((bin) => formatCount(bin.count).length));
  const fixed = indent.length + RANGE_WIDTH + 4 * GAP.length + 2 * VALUE_WIDTH + countWidth;
  const barWidth = Math.max(MIN_BAR_WIDTH, Math.min(MAX_BAR_WIDTH, width - fixed));

  const lines = [
    style.dim(
      indent +
        "bin".padEnd(RANGE_WIDTH) +
        GAP +
        axis(barWidth) +
        GAP +
        "pred".padStart(VALUE_WIDTH) +
        GAP +
        "obs".padStart(VALUE_WIDTH) +
        GAP +
        "n".padStart(countWidth),
    ),
  ];
  for (const bin of diagram) {
    const range = `${bin.lower.toFixed(3)}-${bin.upper.toFixed(3)}`;
    lines.push(
      indent +
        range.padEnd(RANGE_WIDTH) +
        GAP +
        bar(bin, barWidth, style) +
        GAP +
        formatMetric(bin.meanPredicted).padStart(VALUE_WIDTH) +
        GAP +
        formatMetric(bin.fractionPositive).padStart(VALUE_WIDTH) +
        GAP +
        formatCount(bin.count).padStart(countWidth),
    );
  }
  return lines;
}
