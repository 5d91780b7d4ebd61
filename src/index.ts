// Package entry (`import { defineConfig } from 'gonogo'`). Keep it light: config files import it at load time.
export { defineConfig } from './core/config/define.js';
export type {
  GonogoConfig,
  GonogoConfigInput,
  LoadConfig,
  LoadConfigInput,
  HttpMethod,
  ThresholdEntry,
  ThresholdsConfig,
} from './core/config/schema.js';
// `gonogo run` shapes (types only: they cost nothing at load time).
export type { Part, PartContext, PartOutcome, PartName } from './core/part.js';
export type { RunReport, PartStatus } from './core/run-report.js';
export type { Verdict, VerdictResult, VerdictReason } from './core/verdict.js';
// Scenario API (`import { defineScenario, task, check } from 'gonogo'`): types and small constructors only.
export { defineScenario, task, step, group, check, sleep, think, feeder, Counter, Rate, Trend } from './load/scenario/api.js';
export type {
  Scenario,
  ScenarioDefinition,
  VU,
  HttpClient,
  HttpResponse,
  RequestOptions,
  RequestBody,
  CookieJar,
  WsClient,
  WsSession,
  WsMessage,
  WsConnectOptions,
  WsWaitOptions,
  SetupContext,
  FlowNode,
  TaskNode,
  GroupNode,
  TaskFn,
  ThinkTime,
  Stage,
  ExecutorSpec,
  ExecutorType,
  ConstantUsersExecutor,
  RampingUsersExecutor,
  ConstantArrivalRateExecutor,
  RampingArrivalRateExecutor,
  DurationLike,
  Feeder,
  FeederOptions,
  FeedMode,
} from './load/scenario/api.js';
