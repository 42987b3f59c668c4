// Types for the latticeforge package (index.js). The API reference is README.md.

/** Sample arrays: plain numbers or any numeric typed array (copied in bulk). */
export type NumericArray =
  | readonly number[]
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

/** The core's stable error codes (docs/API.md). */
export type ErrorCode =
  | 'invalid_argument'
  | 'invalid_parameter'
  | 'unknown_parameter'
  | 'unknown_detector'
  | 'non_finite_value'
  | 'non_increasing_timestamp'
  | 'length_mismatch'
  | 'empty_input'
  | 'csv_parse_error'
  | 'missing_column'
  | 'json_parse_error'
  | 'schema_error'
  | 'unknown_route';

/** Every failure of the API. */
export class LatticeForgeError extends Error {
  constructor(details: { code: ErrorCode; message: string; status: number });
  readonly name: 'LatticeForgeError';
  readonly code: ErrorCode;
  /** HTTP-style status: 400, 404 or 422. */
  readonly status: number;
}

export type Severity = 'info' | 'warning' | 'critical';

export interface Alert {
  /** Registry name of the detector, e.g. "variance_compression". */
  detector: string;
  /** Algorithm version (semantic). */
  version: string;
  /** 0-based sample index within the stream (or the input series). */
  index: number;
  /** The sample's timestamp; its index when no timestamps were given. */
  timestamp: number;
  /** What was detected, e.g. "compression", "expansion". */
  kind: string;
  severity: Severity;
  /** Detector-specific strength (see the detector's summary). */
  score: number;
}

export type Parameters = Record<string, number>;

export interface ParameterSpec {
  name: string;
  default: number;
  /** Inclusive bounds. */
  min: number;
  max: number;
  integer: boolean;
  description: string;
}

export interface DetectorInfo {
  name: string;
  version: string;
  summary: string;
  parameters: ParameterSpec[];
}

/** A streaming detector holding wasm memory until delete() is called. */
export interface Detector {
  readonly name: string;
  readonly version: string;
  /** Every parameter, resolved (defaults included). */
  readonly parameters: Readonly<Parameters>;
  /** Samples consumed since creation or the last reset(). */
  readonly samplesSeen: number;
  /**
   * Consumes samples and returns the alerts they raised. All or nothing:
   * values must be finite and timestamps (same length) strictly increasing,
   * also relative to earlier pushes, or nothing is consumed and it throws.
   * Without timestamps each sample's timestamp is its stream index.
   */
  push(values: NumericArray, timestamps?: NumericArray | null): Alert[];
  /** Forgets every sample (back to the state after creation). */
  reset(): void;
  /** Frees the wasm memory; later calls other than delete() throw. */
  delete(): void;
}

/** The detect route's request (docs/API.md). Typed arrays are accepted. */
export interface DetectRequest {
  series: {
    /** null (or NaN) is a missing value, handled by validation.non_finite. */
    values: NumericArray | readonly (number | null)[];
    timestamps?: NumericArray;
    name?: string;
  };
  /** Omitted or empty: every catalog detector with its defaults. */
  detectors?: { name: string; parameters?: Parameters }[];
  validation?: {
    non_finite?: 'reject' | 'drop';
    out_of_order?: 'reject' | 'drop';
    clip_sigma?: number;
    clip_window?: number;
  };
}

export interface DetectResponse {
  samples: number;
  accepted: number;
  clipped: number;
  dropped: number;
  detectors: { name: string; version: string; parameters: Parameters }[];
  /** Ordered by index, then by the detector's position in the request. */
  alerts: Alert[];
}

export interface DispatchResponse {
  status: number;
  /** JSON text: the route's object, or {"error": {"code", "message"}}. */
  body: string;
}

export interface Table {
  columnNames: string[];
  /** One per row. */
  timestamps: Float64Array;
  /** columns[c][row]; a missing cell is NaN. */
  columns: Float64Array[];
}

export interface TcpdTable extends Table {
  /** Short name, e.g. "nile". */
  name: string;
  /** Long name, e.g. "Nile Volume at Aswan"; "" when the file has none. */
  longname: string;
}

export interface CsvOptions {
  /** The numeric columns by header name; default every column but the time column. */
  columns?: string[];
  /** Header name of the time column (numbers or ISO-8601); default the row indices. */
  timeColumn?: string | null;
  /** ',', ';', '\t' or '|'; default detected from the header line. */
  delimiter?: string;
}

export interface LatticeForge {
  /** The package (and core) version. */
  readonly version: string;
  /** The detector catalog. */
  detectors(): DetectorInfo[];
  createDetector(name: string, parameters?: Parameters): Detector;
  /** Runs detectors over one series (the detect route). */
  detect(request: DetectRequest): DetectResponse;
  /** Any API route, raw: never throws for a failed route, only for bad arguments. */
  dispatch(route: string, request?: object | string): DispatchResponse;
  readCsv(text: string, options?: CsvOptions): Table;
  readTcpd(text: string): TcpdTable;
}

export interface LoadOptions {
  /** An already compiled module (Cloudflare Workers / workerd: the imported .wasm). */
  wasmModule?: WebAssembly.Module;
  /** The bytes of lf_core.wasm. */
  wasmBinary?: ArrayBuffer | ArrayBufferView;
}

/**
 * Loads the core. Without options it reads lf_core.wasm next to index.js
 * (from disk under Node, with fetch elsewhere).
 */
export function createLatticeForge(options?: LoadOptions): Promise<LatticeForge>;
