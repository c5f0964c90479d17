export {
  type CalibrationReport,
  type CalibrationReportOptions,
  calibrationReport,
  type ReliabilityDiagramBin,
  type ReportCalibrationCurve,
} from "./calibration-report.js";
