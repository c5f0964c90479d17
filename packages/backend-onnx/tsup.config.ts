import { libraryConfig } from "@calibra/tsup-config";

export default libraryConfig({ entry: { index: "src/index.ts" } });
