/**
 * The library API. `ingest(paths, options)` streams one outcome per
 * document (a record and its diagnostics), in a deterministic order;
 * `runPipeline(paths, options)` runs the whole pipeline (read, merge,
 * since, emit, write to a Target) and returns what it counted, and
 * `exitStatus` the status a command would end with. Each stage is exported
 * to be called on its own. Nothing here prints, exits or reads process.argv.
 */
export type { Outcome } from './process.js';
export type { Diagnostic, Highlight, IngestRecord, Kind, Severity, Source, Bundle } from './schema.js';
export { DEFAULT_INCLUDE } from './discover.js';
export { discover, type Input } from './discover.js';
export { DEFAULT_MAX_BYTES } from './limits.js';
export { BOUNDED_BYTES, PARSE_BUDGET_MS, REMARK_POOL_BYTES, cacheSalt, ingest, type IngestOptions } from './pipeline/read.js';
export { emitterFor, exitStatus, isSpecialFile, merged, recordsOf, runPipeline, sinceCut, targetFor, withHighlights, type PipelineOptions, type RunResult, type Target } from './pipeline/run.js';
export { EXIT_INPUT, EXIT_INTERRUPTED, EXIT_LOCKED, EXIT_OK, EXIT_STALE, EXIT_TERMINATED, EXIT_USAGE } from './pipeline/exit.js';
export { emptyTally, type Tally } from './pipeline/tally.js';
export { readAll } from './input/read-input.js';
export { FORMAT_INFOS, FORMAT_NAMES, REGISTRY, type FormatName } from './formats/registry.js';
export type { FormatDescriptor, FormatInfo } from './formats/format.js';
export { RULES, type RuleId } from './rules.js';
export { OUTPUT_FORMATS, type OutputFormat } from './emit/emitter.js';
