export * from "./calibration/index.js";
export * from "./confusion/index.js";
export * from "./ranking/index.js";
export * from "./report/index.js";
