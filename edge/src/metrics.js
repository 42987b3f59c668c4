// Prometheus metrics of this isolate (docs/HTTP.md, "Metrics"): request
// counts and latencies by route and status, detector alerts read from
// `detect` answers, expert selections read from `gate` answers, and the
// breaker states of the core in this isolate. Isolates do not share memory,
// so every figure is per isolate; a scrape sees the isolate that served it.
//
// On Cloudflare the clock advances only across I/O (a Spectre mitigation),
// so deployed latencies count body reads and Durable Object calls, not CPU
// time in the core; local workerd's clock runs.

export const METRICS_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const DURATION_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];
const BREAKER_STATES = ['closed', 'open', 'half_open', 'disabled', 'forced_open', 'metrics_only'];
// Detector and expert names come from requests: past this many distinct
// names per family, new ones are counted under OTHER_LABEL, so a client
// cannot grow the isolate's memory without bound.
const MAX_LABELS = 256;
const OTHER_LABEL = '_other';

function escapeLabel(value) {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function byKey(a, b) {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

class LabelledCounter {
  #counts = new Map();

  add(label, amount) {
    if (!this.#counts.has(label) && this.#counts.size >= MAX_LABELS) label = OTHER_LABEL;
    this.#counts.set(label, (this.#counts.get(label) ?? 0) + amount);
  }

  lines(name, labelName) {
    return [...this.#counts]
      .sort(byKey)
      .map(([label, count]) => `${name}{${labelName}="${escapeLabel(label)}"} ${count}`);
  }
}

function parsed(bodyText) {
  try {
    return JSON.parse(bodyText);
  } catch {
    return null;
  }
}

export class Metrics {
  #requests = new Map(); // route -> Map(status -> count)
  #durations = new Map(); // route -> {buckets: counts per bound, sum, count}
  #alerts = new LabelledCounter();
  #selections = new LabelledCounter();

  // `route` is the router's label (a core route name or a shell label), never
  // a client's string.
  recordRequest(route, status, seconds) {
    const byStatus = this.#requests.get(route) ?? new Map();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    this.#requests.set(route, byStatus);

    let duration = this.#durations.get(route);
    if (duration === undefined) {
      duration = { buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.#durations.set(route, duration);
    }
    DURATION_BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) duration.buckets[i] += 1;
    });
    duration.sum += seconds;
    duration.count += 1;
  }

  // Counts what a successful core answer reports.
  recordAnswer(route, status, bodyText) {
    if (status !== 200 || (route !== 'detect' && route !== 'gate')) return;
    const answer = parsed(bodyText);
    if (answer === null) return;
    if (route === 'detect') {
      for (const alert of answer.alerts ?? []) this.#alerts.add(String(alert.detector), 1);
    } else {
      for (const count of answer.counts ?? []) {
        this.#selections.add(String(count.expert), Number(count.selections) || 0);
      }
    }
  }

  // The exposition text; `breakers` is the core's `breaker/state` answer.
  render(breakers) {
    const out = [];
    out.push('# HELP lf_http_requests_total HTTP requests by route and status.');
    out.push('# TYPE lf_http_requests_total counter');
    for (const [route, byStatus] of [...this.#requests].sort(byKey)) {
      for (const [status, count] of [...byStatus].sort(byKey)) {
        out.push(`lf_http_requests_total{route="${route}",status="${status}"} ${count}`);
      }
    }
    out.push('# HELP lf_http_request_duration_seconds HTTP request latency by route.');
    out.push('# TYPE lf_http_request_duration_seconds histogram');
    const duration = 'lf_http_request_duration_seconds';
    for (const [route, { buckets, sum, count }] of [...this.#durations].sort(byKey)) {
      DURATION_BUCKETS.forEach((bound, i) => {
        out.push(`${duration}_bucket{route="${route}",le="${bound}"} ${buckets[i]}`);
      });
      out.push(`${duration}_bucket{route="${route}",le="+Inf"} ${count}`);
      out.push(`${duration}_sum{route="${route}"} ${sum}`);
      out.push(`${duration}_count{route="${route}"} ${count}`);
    }
    out.push('# HELP lf_detector_alerts_total Alerts in detect answers by detector.');
    out.push('# TYPE lf_detector_alerts_total counter');
    out.push(...this.#alerts.lines('lf_detector_alerts_total', 'detector'));
    out.push('# HELP lf_gate_expert_selections_total Expert selections in gate answers.');
    out.push('# TYPE lf_gate_expert_selections_total counter');
    out.push(...this.#selections.lines('lf_gate_expert_selections_total', 'expert'));
    out.push('# HELP lf_breaker_state Circuit breaker states (1 for the current state).');
    out.push('# TYPE lf_breaker_state gauge');
    for (const breaker of breakers?.breakers ?? []) {
      const name = escapeLabel(String(breaker.name));
      for (const state of BREAKER_STATES) {
        const value = breaker.state === state ? 1 : 0;
        out.push(`lf_breaker_state{breaker="${name}",state="${state}"} ${value}`);
      }
    }
    return out.join('\n') + '\n';
  }
}
