import type { Options } from "tsup";
export declare function libraryConfig(options: {
  entry: Record<string, string> | string[];
  platform?: "node" | "neutral" | "browser";
}): Options | Options[];
