// Native latency of the pre-trade risk engine and of trading-mode switches.
//
//   check/cached    one approved check of a buy against a portfolio of 20
//                   open positions whose correlations are cached (the
//                   target: p99 <= 1 us); counters p50/p99 in ns from
//                   per-call timings, items/s = checks/s
//   check/recomputed the same with the order instrument's history changed
//                   before every check, so all 20 correlations (window 30)
//                   are recomputed: what the cache saves
//   clock           two steady_clock reads back to back: the per-call
//                   timing's own cost, included in the p50/p99 above
//   mode_switch     one manual transition (normal <-> paused): validation,
//                   the audit record's JSON, JCS and SHA-256 (target <= 1 ms)
//   trip            one automatic trip to emergency and the reset back
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "lf/risk/pre_trade_engine.hpp"

namespace {

using namespace lf::risk;
using Clock = std::chrono::steady_clock;

constexpr int kPositions = 20;
constexpr std::size_t kHistory = 64;  // prices per instrument (window 30 needs 31)

// A deterministic random walk (LCG; integer and IEEE +, -, *, / only).
std::vector<double> random_walk(std::uint64_t seed, double start) {
  std::vector<double> prices{start};
  std::uint64_t state = seed * 2862933555777941757ULL + 3037000493ULL;
  for (std::size_t i = 1; i < kHistory; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double u = static_cast<double>(state >> 11) / 9007199254740992.0;  // [0, 1)
    prices.push_back(prices.back() * (1.0 + (u - 0.5) * 0.02));
  }
  return prices;
}

struct Book {
  Book() {
    portfolio.equity = 1'000'000.0;
    portfolio.cash = 500'000.0;
    (void)portfolio.equity_curve.append(1'000'000.0);
    (void)portfolio.prices.set("BTC", random_walk(1, 1000.0));
    for (int i = 0; i < kPositions; ++i) {
      const std::string name = "INST" + std::to_string(i);
      (void)portfolio.prices.set(name, random_walk(100 + i, 50.0 + i));
      portfolio.positions[name] = {i % 2 == 0 ? 10.0 : -10.0, 50.0 + i};
    }
    order.instrument = "BTC";
    order.side = Side::buy;
    order.quantity = 1.0;
    order.stop_loss = portfolio.prices.last_price("BTC").value() * 0.96;
    order.leverage = 2.0;
  }
  Portfolio portfolio;
  Order order;
};

double percentile(std::vector<double>& samples, double q) {
  const auto at = static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1));
  std::nth_element(samples.begin(), samples.begin() + static_cast<std::ptrdiff_t>(at),
                   samples.end());
  return samples[at];
}

void report_percentiles(benchmark::State& state, std::vector<double>& ns) {
  state.counters["p50_ns"] = percentile(ns, 0.50);
  state.counters["p99_ns"] = percentile(ns, 0.99);
  state.counters["p999_ns"] = percentile(ns, 0.999);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void check(benchmark::State& state, bool recompute) {
  Book book;
  TradingState trading;
  auto engine = PreTradeEngine::create();
  double now = 0.0;
  const auto first = engine->check(book.order, book.portfolio, trading, now);
  if (!first || first->verdict != Verdict::approved) {
    state.SkipWithError("the benchmark order is not approved");
    return;
  }
  const std::vector<double> btc(book.portfolio.prices.history("BTC").begin(),
                                book.portfolio.prices.history("BTC").end());
  std::vector<double> ns;
  ns.reserve(1 << 20);
  for (auto _ : state) {
    // One second apart: the submit rate limit (10/s) never binds.
    now += 1.0;
    if (recompute) {
      state.PauseTiming();
      (void)book.portfolio.prices.set("BTC", btc);  // same prices, new revision
      state.ResumeTiming();
    }
    const auto start = Clock::now();
    auto decision = engine->check(book.order, book.portfolio, trading, now);
    const auto stop = Clock::now();
    benchmark::DoNotOptimize(decision);
    if (ns.size() < ns.capacity()) {
      ns.push_back(std::chrono::duration<double, std::nano>(stop - start).count());
    }
  }
  report_percentiles(state, ns);
}

void BM_check_cached(benchmark::State& state) {
  check(state, false);
}

void BM_check_recomputed(benchmark::State& state) {
  check(state, true);
}

void BM_clock(benchmark::State& state) {
  std::vector<double> ns;
  ns.reserve(1 << 20);
  for (auto _ : state) {
    const auto start = Clock::now();
    const auto stop = Clock::now();
    if (ns.size() < ns.capacity()) {
      ns.push_back(std::chrono::duration<double, std::nano>(stop - start).count());
    }
  }
  report_percentiles(state, ns);
}

void BM_mode_switch(benchmark::State& state) {
  TradingState trading;
  double now = 0.0;
  std::vector<double> ns;
  ns.reserve(1 << 20);
  for (auto _ : state) {
    now += 1.0;
    const auto to =
        trading.mode() == TradingMode::normal ? TradingMode::paused : TradingMode::normal;
    const auto start = Clock::now();
    auto status = trading.request_transition(to, "bench", "scheduled switch", now);
    const auto stop = Clock::now();
    benchmark::DoNotOptimize(status);
    if (ns.size() < ns.capacity()) {
      ns.push_back(std::chrono::duration<double, std::nano>(stop - start).count());
    }
    state.PauseTiming();
    benchmark::DoNotOptimize(trading.drain_audit_lines());
    state.ResumeTiming();
  }
  report_percentiles(state, ns);
}

void BM_trip_and_reset(benchmark::State& state) {
  TradingState trading;
  double now = 0.0;
  for (auto _ : state) {
    now += 1.0;
    benchmark::DoNotOptimize(trading.trip(TripCause::kill_switch, "bench", now));
    auto reset = trading.request_transition(TradingMode::paused, "bench", "reset", now);
    auto resume = trading.request_transition(TradingMode::normal, "bench", "resume", now);
    benchmark::DoNotOptimize(reset);
    benchmark::DoNotOptimize(resume);
    state.PauseTiming();
    benchmark::DoNotOptimize(trading.drain_audit_lines());
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 3);
}

void configure(benchmark::internal::Benchmark* b) {
  b->MinTime(0.5)->UseRealTime()->Repetitions(3)->ReportAggregatesOnly(true);
}

}  // namespace

BENCHMARK(BM_check_cached)->Apply(configure);
BENCHMARK(BM_check_recomputed)->Apply(configure);
BENCHMARK(BM_clock)->Apply(configure);
BENCHMARK(BM_mode_switch)->Apply(configure);
BENCHMARK(BM_trip_and_reset)->Apply(configure);

BENCHMARK_MAIN();
