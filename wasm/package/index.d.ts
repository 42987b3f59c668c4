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
  | 'unknown_route'
  | 'pcs_invalid'
  | 'signature_invalid'
  | 'unknown_tenant'
  | 'storage_error';

/** Every failure of the API. */
export class LatticeForgeError extends Error {
  constructor(details: { code: ErrorCode; message: string; status: number });
  readonly name: 'LatticeForgeError';
  readonly code: ErrorCode;
  /** HTTP-style status: 400, 401, 404, 422 or 500. */
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

/** A Fractal LBA PCS record (docs/VERIFY.md). */
export interface PcsRecord {
  pcs_id: string;
  schema: 'fractal-lba-kakeya';
  version: string;
  shard_id: string;
  epoch: number;
  attempt: number;
  sent_at: string;
  seed: number;
  scales: number[];
  N_j: Record<string, number>;
  coh_star: number;
  v_star: number[];
  D_hat: number;
  r: number;
  regime: 'sticky' | 'mixed' | 'non_sticky';
  budget: number;
  merkle_root: string;
  /** base64; "" when unsigned. */
  sig: string;
  ft: { outbox_seq: number; degraded: boolean; fallbacks: string[]; clock_skew_ms: number };
}

export type SigningKey =
  | { algorithm: 'hmac-sha256'; secret: string }
  /** seed: base64 of the 32-byte Ed25519 seed. */
  | { algorithm: 'ed25519'; seed: string };

export type VerificationKey =
  | { algorithm: 'hmac-sha256'; secret: string }
  /** public_key: base64 of the 32-byte Ed25519 public key. */
  | { algorithm: 'ed25519'; public_key: string }
  | { algorithm: 'none' };

export interface PcsBuildRequest {
  /** CSV text with columns timestamp,x,y,z. */
  csv: string;
  shard_id: string;
  epoch: number;
  /** numpy seeding range 0 .. 2^32-1; default 42. */
  seed?: number;
  /** RFC 3339; default: now, from this runtime's clock. */
  sent_at?: string;
  /** Omitted: the record is unsigned (sig ""). */
  key?: SigningKey;
}

export interface PcsBuildResponse {
  pcs: PcsRecord;
  /** The exact bytes that are signed. */
  payload: string;
  signature_algorithm: 'hmac-sha256' | 'ed25519' | 'none';
  /** For Ed25519: the signer's public key, base64. */
  public_key?: string;
}

export interface PcsVerifyRequest {
  /** The record, or its JSON text exactly as received. */
  pcs: PcsRecord | string;
  /** Omitted: only the checks run (signature "not_checked"). */
  key?: VerificationKey;
  mode?: 'strict';
}

export interface PcsVerdict {
  pcs_id: string;
  accepted: boolean;
  escalated: boolean;
  /** ok, invalid_record, pcs_id_mismatch, d_hat_unverifiable, d_hat_out_of_tolerance,
   * coh_star_out_of_range, r_out_of_range, regime_mismatch, budget_deviation,
   * signature_invalid */
  reason: string;
  detail: string;
  recomputed_D_hat: number | null;
  recomputed_budget: number | null;
  signature: 'valid' | 'not_checked' | 'invalid';
  /** 200 accepted, 202 escalated, 422 rejected, 401 bad signature. */
  status: 200 | 202 | 401 | 422;
}

export interface ReceiptSignRequest {
  /** The result to vouch for: any JSON value (an alert, a fusion result, ...). */
  subject: unknown;
  algorithm: { name: string; version: string };
  /** The input, digested as sha256 of its RFC 8785 form; or give input_digest. */
  input?: unknown;
  input_digest?: string;
  issued_at?: string;
  /** base64 of the 32-byte Ed25519 seed. */
  seed: string;
}

export interface Receipt {
  receipt: {
    algorithm: { name: string; version: string };
    format: 'latticeforge-receipt/1';
    input_digest: string;
    issued_at?: string;
    subject: unknown;
  };
  signature: { algorithm: 'Ed25519'; canonicalization: 'RFC8785'; public_key: string; value: string };
}

export interface ReceiptCheck {
  valid: boolean;
  /** ok, signature_invalid, key_mismatch */
  reason: string;
  public_key: string;
  key_pinned: boolean;
}

export interface AuditVerifyRequest {
  /** The log's text: one canonical JSON record per line. */
  log: string;
  /** base64 Ed25519 key every checkpoint must be signed with. */
  public_key?: string;
  expected_head?: string;
  expected_records?: number;
}

export interface AuditReport {
  intact: boolean;
  records: number;
  checkpoints: number;
  head: string;
  first_bad: null | { line: number; reason: string; detail: string };
}

/** A series for the causal routes: null (or NaN) is rejected as non_finite_value. */
export type SeriesValues = NumericArray | readonly (number | null)[];

/** Estimator options shared by the te and graph routes (docs/API.md). */
export interface TeOptions {
  estimator?: 'ksg' | 'gaussian' | 'discrete';
  embedding?: {
    target_history?: number;
    target_delay?: number;
    source_history?: number;
    source_delay?: number;
    lag?: number;
  };
  ksg?: {
    k?: number;
    theiler_window?: number;
    normalisation?: 'series' | 'embedded' | 'none';
    noise?: number;
    noise_seed?: number;
  };
  discrete?: Binning;
  surrogates?: {
    count?: number;
    seed?: number;
    method?: 'shuffle' | 'circular_shift';
    min_shift?: number;
  };
}

export interface Binning {
  binning?: 'none' | 'uniform' | 'quantile';
  bins?: number;
}

export interface TeRequest extends TeOptions {
  source: SeriesValues;
  target: SeriesValues;
  gradient?: {
    window?: number;
    step?: number;
    slope_points?: number;
    rise_bound?: number;
    flip_margin?: number;
  };
}

export interface TeResponse {
  /** Nats. */
  te: number;
  units: 'nats';
  estimator: 'ksg' | 'gaussian' | 'discrete';
  samples: number;
  observations: number;
  /** The effective parameters. */
  parameters: object;
  significance?: {
    p_value: number;
    surrogate_mean: number;
    surrogate_std: number;
    surrogates: { count: number; seed: number; method: string; min_shift?: number };
  };
  gradient?: {
    detector: 'te_gradient';
    version: string;
    parameters: object;
    points: {
      index: number;
      forward: number;
      backward: number;
      forward_gradient: number | null;
      backward_gradient: number | null;
    }[];
    alerts: Alert[];
  };
}

export interface GraphRequest extends TeOptions {
  series: SeriesValues[];
  names?: string[];
  alpha?: number;
  threshold?: number;
  fragility?: {
    window?: number;
    step?: number;
    measure?: 'in_degree' | 'betweenness';
    bound?: number;
  };
}

export interface GraphResponse {
  nodes: string[];
  /** te[source][target], nats; the diagonal is 0. */
  te: number[][];
  p_values: number[][] | null;
  edges: { source: number; target: number; te: number; p_value?: number }[];
  centrality: {
    in_degree: number[];
    out_degree: number[];
    betweenness: number[];
    weighted_betweenness: number[];
  };
  concentration: { in_degree_gini: number; betweenness_gini: number };
  units: 'nats';
  samples: number;
  parameters: object;
  fragility?: {
    detector: 'fragility';
    version: string;
    parameters: object;
    points: { index: number; edges: number; in_degree_gini: number; betweenness_gini: number }[];
    alerts: Alert[];
  };
}

export interface EmergenceRequest {
  macro: SeriesValues;
  micro: SeriesValues[];
  estimator?: 'gaussian' | 'discrete';
  lag?: number;
  macro_binning?: Binning;
  micro_binning?: Binning;
  /** Treat macro as a regime labelling and accept or reject it. */
  validate?: { threshold?: number };
}

export interface EmergenceResponse {
  /** null only when a validated labelling has a single regime. */
  psi: number | null;
  delta: number | null;
  gamma: number | null;
  units: 'nats' | 'bits';
  estimator: 'gaussian' | 'discrete';
  lag: number;
  samples: number;
  terms: {
    macro_information: number;
    micro_to_macro: number[];
    macro_to_micro: number[];
    micro_to_micro: number[];
  } | null;
  validation?: { accepted: boolean; threshold: number; reasons: string[] };
}

/** A focal set (hypothesis names) and its mass. */
export interface FocalMass { set: string[]; mass: number }

/** The fuse route; docs/API.md explains every rule and when to use it. */
export interface FuseRequest {
  hypotheses?: string[];
  sources: Array<
    | { name?: string; reliability?: number; masses: FocalMass[] }
    | { name?: string; reliability?: number; signal: number;
        bins?: { bearish_below?: number; bullish_above?: number; margin?: number } }
  >;
  rule?: 'dempster' | 'conjunctive' | 'disjunctive' | 'yager' | 'dubois_prade' | 'pcr5' | 'murphy';
  contested_threshold?: number;
  unnormalised?: boolean;
  tolerance?: number;
  measures?: Array<'belief' | 'plausibility' | 'commonality' | 'pignistic'>;
  sets?: string[][];
}

export interface FuseResponse {
  rule: string;
  hypotheses: string[];
  /** Conflict K: the conjunctive mass on the empty set. */
  conflict: number;
  /** -ln(1 - K); null when K = 1. */
  weight_of_conflict: number | null;
  contested: boolean;
  contested_threshold: number;
  masses: FocalMass[];
  measures: Array<{ set: string[]; belief?: number; plausibility?: number;
                    commonality?: number; pignistic?: number }>;
  sources: Array<{ name?: string; masses: FocalMass[] }>;
}

/** The vote route: entropy-weighted voting over extracted answers. */
export interface VoteRequest {
  samples: Array<{ answer: string; entropy: number } | { answer: string; token_entropies: number[] }>;
}

export interface VoteResponse {
  samples: number;
  winner: string;
  weight_share: number;
  majority: string;
  majority_share: number;
  divergent: boolean;
  groups: Array<{ answer: string; count: number; weight: number; share: number; first_index: number }>;
}

/** The gate route: top-k expert selection with a baseline margin. */
export interface GateRequest {
  experts: string[];
  baseline?: string;
  top_k?: number;
  margin?: number;
  feature_weights?: Record<string, number>;
  rounds: Array<Array<{ expert: string; confidence: number; features?: Record<string, number> }>>;
}

export interface GateResponse {
  config: Record<string, unknown>;
  decisions: Array<{
    selected: string[];
    reason: 'baseline_best' | 'baseline_kept' | 'challenger' | 'no_baseline';
    baseline: string | null;
    challenger: string | null;
    margin: number | null;
    ranking: Array<{ expert: string; score: number }>;
  }>;
  counts: Array<{ expert: string; selections: number }>;
}

export interface LatticeForge {
  /** The package (and core) version. */
  readonly version: string;
  /** The detector catalog. */
  detectors(): DetectorInfo[];
  createDetector(name: string, parameters?: Parameters): Detector;
  /** Runs detectors over one series (the detect route). */
  detect(request: DetectRequest): DetectResponse;
  /** Transfer entropy from source to target, in nats (the te route). */
  transferEntropy(request: TeRequest): TeResponse;
  /** The pairwise transfer-entropy graph of several series (the graph route). */
  causalGraph(request: GraphRequest): GraphResponse;
  /** Causal emergence psi, delta, gamma (the emergence route). */
  emergence(request: EmergenceRequest): EmergenceResponse;
  /** Dempster-Shafer combination with conflict and the contested flag (the fuse route). */
  fuse(request: FuseRequest): FuseResponse;
  /** Entropy-weighted voting (the vote route). */
  vote(request: VoteRequest): VoteResponse;
  /** Expert gating (the gate route). */
  gate(request: GateRequest): GateResponse;
  /** Any API route, raw: never throws for a failed route, only for bad arguments. */
  dispatch(route: string, request?: object | string): DispatchResponse;
  readCsv(text: string, options?: CsvOptions): Table;
  readTcpd(text: string): TcpdTable;
  /** Builds (and signs) a PCS from CSV text, byte-compatible with the reference agent. */
  pcsBuild(request: PcsBuildRequest): PcsBuildResponse;
  /** Verifies a PCS. Returns the verdict for 200/202/401/422; throws for malformed input. */
  pcsVerify(request: PcsVerifyRequest): PcsVerdict;
  /** Signs a result as a receipt (Ed25519 over RFC 8785 bytes). */
  receiptSign(request: ReceiptSignRequest): Receipt;
  /** Verifies a receipt, optionally against a pinned public key. */
  receiptVerify(request: { receipt: Receipt | string; public_key?: string }): ReceiptCheck;
  /** Checks a hash-chained audit log; names the first bad line. */
  auditVerify(request: AuditVerifyRequest): AuditReport;
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
