export { beta } from "./beta.js";
export { betaCalibrator } from "./beta-calibrator.js";
export { BETA_L2, BETACAL_C } from "./beta-fit.js";
export {
  BETA_PARAMETERISATIONS,
  type BetaOptions,
  type BetaParameterisation,
  type BetaParams,
} from "./beta-schemas.js";
export { betaPlugin } from "./plugin.js";
