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
  | 'insufficient_data'
  | 'degenerate_input'
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
  /** Short context when the detector gives one, e.g. "state 0 -> 1 (mean 0.1 -> 4)". */
  detail?: string;
  /** Meta-detectors (consensus): the members whose calls made the alert. */
  members?: string[];
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

/** A member of a meta-detector (consensus), as requested. */
export interface MemberRequest {
  name: string;
  parameters?: Parameters;
  /** Voting weight, > 0; default 1. */
  weight?: number;
}

/** A member of a meta-detector, resolved. */
export interface MemberDescription {
  name: string;
  version: string;
  parameters: Parameters;
  weight: number;
}

/** A streaming detector holding wasm memory until delete() is called. */
export interface Detector {
  readonly name: string;
  readonly version: string;
  /** Every parameter, resolved (defaults included). */
  readonly parameters: Readonly<Parameters>;
  /** A meta-detector's members in their order; [] for other detectors. */
  readonly members: readonly Readonly<MemberDescription>[];
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
  /**
   * Omitted or empty: every catalog detector with its defaults. `members`
   * configures a meta-detector (consensus); omitted: its default members.
   */
  detectors?: { name: string; parameters?: Parameters; members?: MemberRequest[] }[];
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
  detectors: {
    name: string;
    version: string;
    parameters: Parameters;
    /** Meta-detectors only. */
    members?: MemberDescription[];
  }[];
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

/** A hidden Markov model as the hmm route reads and writes it. */
export interface HmmModel {
  /** P(first state = k). */
  initial: number[];
  /** transitions[i][j] = P(next state j | state i). */
  transitions: number[][];
  /** Gaussian emissions: one mean and one variance per state. */
  means?: number[];
  variances?: number[];
  /** Categorical emissions: emission_probabilities[k][m] = P(symbol m | state k). */
  emission_probabilities?: number[][];
}

/** The score route: change points scored as TCPDBench scores them. */
export interface ScoreRequest {
  /** One array of 0-based change-point indices per annotator, in annotator order. */
  annotations: number[][];
  /** The predicted change points (0-based indices). */
  predictions: number[];
  /** Samples in the series: every index must be below it. */
  n: number;
  /** F1 matching margin in samples (default 5). */
  margin?: number;
  /** Apply TCPDBench's cleanup first: unique, only 1..n-2 kept (default false). */
  clean?: boolean;
}

export interface ScoreResponse {
  f1: number;
  precision: number;
  recall: number;
  /** Segmentation cover (Jaccard), averaged over annotators. */
  cover: number;
  n: number;
  margin: number;
  annotators: number;
  /** The predictions as scored: sorted, unique (and cleaned if asked). */
  predictions: number[];
}

/** The hmm route: fit (Baum-Welch) unless `model` is given, then decode. */
export interface HmmRequest {
  /** Gaussian: any finite numbers; categorical: integer symbols 0..M-1. */
  values: SeriesValues;
  emissions?: 'gaussian' | 'categorical';
  /** Fit only: hidden states (default 2) and categorical symbols (default: largest + 1). */
  states?: number;
  symbols?: number;
  fit?: {
    restarts?: number;
    seed?: number;
    max_iterations?: number;
    tolerance?: number;
    variance_floor?: number;
  };
  model?: HmmModel;
  /** Include the per-sample posteriors (default true). */
  posteriors?: boolean;
}

export interface HmmResponse {
  emissions: 'gaussian' | 'categorical';
  states: number;
  samples: number;
  /** Gaussian states in ascending order of their means; categorical adds `symbols`. */
  model: HmmModel & { symbols?: number };
  /** ln P(values | model). */
  log_likelihood: number;
  viterbi: { path: number[]; log_probability: number };
  /** posteriors[t][k] = P(state k at t | values). */
  posteriors?: number[][];
  /** Present when the model was fitted. */
  fit?: {
    restarts: number;
    seed: number;
    max_iterations: number;
    tolerance: number;
    variance_floor: number;
    iterations: number;
    converged: boolean;
    restart: number;
    /** The log-likelihood after 0, 1, ..., iterations EM steps (never decreasing). */
    trace: number[];
  };
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

/** A circuit breaker's configuration; every member optional (resilience4j's defaults). */
export interface BreakerConfig {
  failure_rate_threshold?: number;
  slow_call_rate_threshold?: number;
  slow_call_duration_ms?: number;
  window_type?: 'count_based' | 'time_based';
  window_size?: number;
  bucket_ms?: number;
  minimum_calls?: number;
  wait_in_open_ms?: number;
  wait_multiplier?: number;
  max_wait_in_open_ms?: number;
  permitted_calls_in_half_open?: number;
  max_wait_in_half_open_ms?: number;
  permit_timeout_ms?: number;
  automatic_transition_to_half_open?: boolean;
}

export type BreakerStateName =
  'closed' | 'open' | 'half_open' | 'disabled' | 'forced_open' | 'metrics_only';

/** Permission for one call, as breakerAcquire hands it out. */
export interface BreakerPermit { generation: number; slot: number; ticket: number }

export interface BreakerSnapshot {
  name: string;
  state: BreakerStateName;
  generation: number;
  calls: number;
  failed_calls: number;
  slow_calls: number;
  slow_failed_calls: number;
  /** Percent; null below the minimum number of calls. */
  failure_rate: number | null;
  slow_call_rate: number | null;
  not_permitted: number;
  attempts: number;
  open_until_ms: number | null;
  half_open_until_ms: number | null;
  probes_in_flight: number;
  probes_available: number;
  dependants: string[];
  config: Required<BreakerConfig>;
}

export interface BreakerGlobal {
  state: 'closed' | 'open';
  components: number;
  open_components: number;
  open_fraction: number;
  minimum_components: number;
}

export interface BreakerEvent {
  type: 'state_transition' | 'call_not_permitted' | 'failure_rate_exceeded'
    | 'slow_call_rate_exceeded' | 'global_state_change' | 'trading_state_trip';
  breaker?: string;
  at_ms: number;
  from?: string;
  to?: string;
  cause?: string;
  state?: BreakerStateName;
  rate?: number;
  actor?: string;
  reason?: string;
  open_components?: number;
  components?: number;
  trigger?: string;
  /** trading_state_trip: the trading mode after the trip. */
  mode?: string;
}

export interface BreakerAnswer {
  component: string;
  breaker: BreakerSnapshot;
  global: BreakerGlobal;
  /** What this request caused, in order. */
  events: BreakerEvent[];
  /** Trading-state audit lines this request added (a global opening trips it). */
  audit_lines: string[];
}

export interface SignalStatistics {
  p_value: number;
  expected_value: number;
  sharpe: number;
  confidence: number;
}

export type RiskValidateRequest = (
  | { statistics: SignalStatistics }
  | { returns: number[]; confidence: number; periods_per_year?: number }
) & {
  thresholds?: { max_p_value?: number; min_expected_value?: number; min_sharpe?: number;
                 min_confidence?: number };
};

export interface RiskValidateResponse {
  accepted: boolean;
  rejections: Array<{
    code: 'p_value_too_high' | 'expected_value_not_positive' | 'sharpe_too_low'
      | 'confidence_too_low';
    value: number;
    threshold: number;
  }>;
  statistics: SignalStatistics;
  thresholds: { max_p_value: number; min_expected_value: number; min_sharpe: number;
                min_confidence: number };
  /** With returns: the sample's figures. */
  sample?: { samples: number; mean: number; standard_deviation: number; t_statistic: number;
             periods_per_year: number };
}

export interface RiskBiasRequest {
  context: {
    now_ms: number;
    instrument: string;
    side: 'buy' | 'sell';
    reduces_position?: boolean;
    size: number;
    baseline_size: number;
    prices?: Array<{ at_ms: number; price: number }>;
    sentiment?: number;
    last_loss_at_ms?: number;
    win_streak?: number;
    overridden_warnings?: number;
    signal_sources?: string[];
    positions?: Array<{ instrument: string; side: 'buy' | 'sell'; price: number; stop: number }>;
  };
  /** The state of the previous answer (its cooldown). */
  state?: { cooldown_until_ms: number | null };
  config?: {
    fomo_rise?: number; fomo_window_ms?: number; fomo_sentiment?: number;
    revenge_window_ms?: number; revenge_cooldown_ms?: number; max_win_streak?: number;
    max_size_growth?: number; max_overrides?: number; capped_size?: number;
    min_signal_sources?: number;
  };
}

export interface RiskBiasResponse {
  allowed: boolean;
  max_size: number | null;
  confirmations_required: number;
  force_stop: string[];
  findings: Array<{
    bias: 'fomo' | 'revenge_trading' | 'overconfidence' | 'loss_aversion' | 'confirmation_bias';
    action: 'block' | 'cooldown' | 'cap_size' | 'force_stop' | 'require_confirmations';
    detail: string;
  }>;
  state: { cooldown_until_ms: number | null };
}

export type TradingMode = 'normal' | 'paused' | 'reduced' | 'emergency';

export interface RiskOrder {
  instrument: string;
  side: 'buy' | 'sell';
  /** Units of the instrument, > 0. */
  quantity: number;
  /** The limit price; absent for a market order (valued at the last price). */
  price?: number;
  stop_loss?: number;
  take_profit?: number;
  /** >= 1; default 1. */
  leverage?: number;
  reduce_only?: boolean;
}

export interface RiskPortfolio {
  /** Absent or null: missing, and the order is rejected (missing_account_data). */
  equity?: number | null;
  cash?: number | null;
  /** Signed quantities: > 0 long, < 0 short. */
  positions?: Array<{ instrument: string; quantity: number; entry_price: number }>;
  /** Per instrument, oldest first, aligned at the end; the last is the current price. */
  prices: Record<string, number[]>;
  equity_curve?: number[];
}

/** docs/RISK.md: every member optional, with its default. */
export interface RiskLimits {
  max_position_fraction?: number;
  min_stop_distance?: number;
  max_stop_distance?: number;
  max_correlation?: number;
  correlation_window?: number;
  max_drawdown?: number;
  margin_buffer?: number;
  maintenance_margin_rate?: number;
  min_liquidation_distance?: number;
  max_leverage?: number;
  max_order_notional?: number;
  max_submits?: number;
  submit_interval?: number;
}

export interface RiskCheckRequest {
  order: RiskOrder;
  portfolio: RiskPortfolio;
  limits?: RiskLimits;
  /** Judge under this mode on a scratch state; absent: this instance's state. */
  mode?: TradingMode;
  /** Seconds (the caller's clock); default 0. */
  now?: number;
  /** Earlier submit times, for the rate limit. */
  recent_submits?: number[];
}

export type RiskReason =
  | 'missing_account_data' | 'unknown_instrument' | 'missing_price'
  | 'reduce_only_would_increase' | 'drawdown_limit' | 'trading_paused' | 'trading_reduced'
  | 'trading_emergency' | 'order_notional_exceeded' | 'leverage_exceeded' | 'stop_loss_missing'
  | 'stop_loss_wrong_side' | 'stop_loss_too_close' | 'stop_loss_too_far'
  | 'take_profit_wrong_side' | 'position_size_exceeded' | 'insufficient_margin'
  | 'liquidation_too_close' | 'stop_beyond_liquidation' | 'correlation_unavailable'
  | 'correlation_exceeded' | 'rate_limited';

export interface RiskCheckResponse {
  decision: 'approved' | 'rejected' | 'modify_required';
  reason: RiskReason | null;
  message: string;
  intent: 'open' | 'reduce' | 'liquidate';
  mode: TradingMode;
  kill_switch_tripped: boolean;
  risk_score: number;
  stop_loss: number | null;
  take_profit: number | null;
  suggested_quantity: number | null;
  suggested_stop_loss: number | null;
  /** null where the check stopped before computing it. */
  figures: { drawdown: number | null; entry_price: number | null; notional: number | null;
             position_notional: number | null; margin_required: number | null;
             liquidation_price: number | null; max_correlation: number | null };
  /** Audit chain lines this check added (a drawdown trip), for the caller to persist. */
  audit_lines: string[];
}

/** {} reads; with `to`, a manual transition (actor, reason and timestamp required). */
export type RiskStateRequest =
  | Record<string, never>
  | { to: TradingMode; actor: string; reason: string; timestamp: number };

export interface TradingTransition {
  seq: number;
  from: TradingMode;
  to: TradingMode;
  kind: 'manual' | 'trip';
  timestamp: number;
  actor?: string;
  reason?: string;
  cause?: 'drawdown' | 'kill_switch' | 'breaker_cascade' | 'heartbeat_lost' | 'backend_error'
    | 'shutdown';
  detail?: string;
  audit_line: string;
}

export interface RiskStateResponse {
  mode: TradingMode;
  audit_records: number;
  audit_head: string;
  /** The last 32 transitions, oldest first. */
  transitions: TradingTransition[];
  /** Audit chain lines this request added. */
  audit_lines: string[];
}

/** Options of earlyWarning() (the ews route's request without `values`). */
export interface EwsOptions {
  /** Rolling window: a fraction of the series in (0, 1], or samples (integer > 1). Default 0.25. */
  rolling_window?: number;
  detrend?:
    | { method: 'none' }
    /** bandwidth: a fraction of the series or samples; default 0.2. sigma = (0.25/0.675) * bandwidth. */
    | { method: 'gaussian'; bandwidth?: number }
    /** span: a fraction of the series or samples, default 0.2; iterations: robustifying passes, default 3. */
    | { method: 'lowess'; span?: number; iterations?: number };
}

/** One value per sample; null where undefined (before the window fills). */
export interface EwsIndicators {
  variance: (number | null)[];
  std: (number | null)[];
  cv: (number | null)[];
  ac1: (number | null)[];
  skew: (number | null)[];
  kurtosis: (number | null)[];
}

export interface EwsResponse {
  algorithm: 'early_warning';
  version: string;
  samples: number;
  /** The rolling window in samples. */
  window: number;
  detrend: {
    method: 'none' | 'gaussian' | 'lowess';
    /** gaussian: in samples. */
    bandwidth?: number;
    sigma?: number;
    /** lowess: the share of the series in each local fit. */
    span_fraction?: number;
    iterations?: number;
  };
  /** The trend, when detrended. */
  smoothing?: number[];
  /** values - smoothing, when detrended (else the indicators are of the values). */
  residuals?: number[];
  indicators: EwsIndicators;
  /** Kendall tau-b of each indicator against time (null when undefined). */
  kendall_tau: { [K in keyof EwsIndicators]: number | null };
}

export type GrokState = 'exploring' | 'stuck' | 'grokked';

/** The grok route's request: exactly one of logits / log_probs, one array per token. */
export type GrokRequest = (
  | { logits: readonly (NumericArray | readonly (number | null)[])[] }
  | { log_probs: readonly (NumericArray | readonly (number | null)[])[] }
) & {
  /** micro_grokking's parameters (see detectors()). */
  parameters?: Parameters;
};

export interface GrokResponse {
  algorithm: 'micro_grokking';
  version: string;
  input: 'logits' | 'log_probs';
  tokens: number;
  vocab_size: number;
  parameters: Parameters;
  /** Per token, nats. */
  entropy: number[];
  smoothed_entropy: number[];
  /** null for the first two tokens. */
  curvature: (number | null)[];
  state: GrokState[];
  alerts: Alert[];
  should_early_stop: boolean;
  /** The first token at which early stop held; null if it never did. */
  early_stop_index: number | null;
}

export interface TokenMetrics {
  /** 0-based token position. */
  index: number;
  /** Entropy of the token's distribution, nats. */
  entropy: number;
  smoothedEntropy: number;
  /** Smoothed d2H/dt2 centred on the previous token; NaN for the first two tokens. */
  curvature: number;
  state: GrokState;
  /** The `grokked` or `stuck` alert this token raised, if any. */
  alert: Alert | null;
}

/** A micro-grokking monitor holding wasm memory until delete() is called. */
export interface GrokMonitor {
  /** Every parameter, resolved (defaults included). */
  readonly parameters: Readonly<Parameters>;
  /** Tokens accepted since creation or the last reset(). */
  readonly tokens: number;
  /** Fixed by the first token; 0 before it. */
  readonly vocabSize: number;
  readonly state: GrokState;
  /**
   * One token's logits (or log-probabilities; -Infinity masks a token).
   * Throws (empty_input, non_finite_value, length_mismatch) and changes
   * nothing when they are bad.
   */
  onToken(logits: NumericArray): TokenMetrics;
  /** Grokked, and the entropy has stayed low for confirm_tokens tokens. */
  shouldEarlyStop(): boolean;
  reset(): void;
  delete(): void;
}

export interface LatticeForge {
  /** The package (and core) version. */
  readonly version: string;
  /** The detector catalog. */
  detectors(): DetectorInfo[];
  /** `options.members` configures a meta-detector (consensus). */
  createDetector(name: string, parameters?: Parameters,
                 options?: { members?: MemberRequest[] }): Detector;
  /** Runs detectors over one series (the detect route). */
  detect(request: DetectRequest): DetectResponse;
  /** Early-warning indicators of critical slowing down, ewstools' definitions (the ews route). */
  earlyWarning(values: NumericArray, options?: EwsOptions): EwsResponse;
  /** Micro-grokking over a whole generation's logits (the grok route). */
  microGrokking(request: GrokRequest): GrokResponse;
  /** A streaming micro-grokking monitor, fed one token's logits at a time. */
  createGrokMonitor(parameters?: Parameters): GrokMonitor;
  /** Transfer entropy from source to target, in nats (the te route). */
  transferEntropy(request: TeRequest): TeResponse;
  /** The pairwise transfer-entropy graph of several series (the graph route). */
  causalGraph(request: GraphRequest): GraphResponse;
  /** Causal emergence psi, delta, gamma (the emergence route). */
  emergence(request: EmergenceRequest): EmergenceResponse;
  /** Fits or decodes a hidden Markov model (the hmm route). */
  hmm(request: HmmRequest): HmmResponse;
  /** F1 (with margin) and cover of change points against annotations (the score route). */
  score(request: ScoreRequest): ScoreResponse;
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
  /**
   * Permission for a call (breaker/acquire); the breaker is created with `config` on
   * first use. now_ms defaults to Date.now().
   */
  breakerAcquire(request: { component: string; now_ms?: number; config?: BreakerConfig }):
    BreakerAnswer & { permitted: boolean; permit: BreakerPermit | null };
  /** A call's outcome (breaker/record); without a permit the call is acquired as it started. */
  breakerRecord(request: { component: string; outcome: 'success' | 'failure'; duration_ms: number;
                           now_ms?: number; permit?: BreakerPermit; config?: BreakerConfig }):
    BreakerAnswer & { permitted: boolean; result: 'recorded' | 'stale' | 'ignored' | null };
  /** Gives a half-open probe permit back unused (breaker/release). */
  breakerRelease(request: { component: string; permit: BreakerPermit; now_ms?: number }):
    BreakerAnswer & { released: boolean };
  /** An operator's transition, with who and why (breaker/transition). */
  breakerTransition(request: { component: string; to: BreakerStateName; actor: string;
                               reason: string; now_ms?: number }):
    BreakerAnswer & { from: BreakerStateName; to: BreakerStateName };
  /** `source` opening trips each dependant (breaker/cascade). */
  breakerCascade(request: { source: string; dependants: string[] }):
    { source: string; dependants: string[] };
  /** Every breaker and the global state (breaker/state). */
  breakerState(request?: { now_ms?: number }):
    { global: BreakerGlobal; breakers: BreakerSnapshot[]; events: BreakerEvent[];
      audit_lines: string[] };
  /** Accepts or rejects a signal on p-value, EV, Sharpe and confidence (risk/validate). */
  riskValidate(request: RiskValidateRequest): RiskValidateResponse;
  /** Checks an order for behavioural biases (risk/bias). */
  riskBias(request: RiskBiasRequest): RiskBiasResponse;
  /** The pre-trade risk engine's decision on one order (risk/check). */
  riskCheck(request: RiskCheckRequest): RiskCheckResponse;
  /** Reads this instance's trading state, or requests a manual transition (risk/state). */
  riskState(request?: RiskStateRequest): RiskStateResponse;
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
