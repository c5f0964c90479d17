export type { CliEnvironment } from "./cli-io.js";
export { type CalibraConfig, CONFIG_FILE_NAME, readConfig } from "./config-file.js";
export { FIRST_PARTY_PLUGINS } from "./first-party.js";
export { CLI_VERSION, createProgram, ExitCodes, main } from "./main.js";
export { loadPluginModule } from "./plugin-loader.js";
export { buildRegistry, type LoadedModule, type RegistryOptions } from "./registry.js";
