export declare const MODEL_FIXTURES: readonly ["logreg", "mlp"];
export type ModelFixture = (typeof MODEL_FIXTURES)[number];

/** The directory holding one fixture model's files. */
export declare function modelFixtureDirectory(name: ModelFixture): string;

/** Paths of one fixture model in each backend's format. */
export declare function modelFixturePaths(name: ModelFixture): {
  readonly calibra: string;
  readonly onnx: string;
  readonly tfjs: string;
};
