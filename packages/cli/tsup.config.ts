import { libraryConfig } from "@calibra/tsup-config";

export default libraryConfig({ entry: { index: "src/index.ts", bin: "src/bin.ts" }, platform: "node" });
