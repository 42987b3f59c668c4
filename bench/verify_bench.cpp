// Native rates of the verification core: the PCS signature payload with
// HMAC-SHA256 signing (the target: >= 300,000/s, three times the reference
// SDK's "100k+ sig/s"), signature verification, Ed25519 signing and
// verification of the payload, the verifier's checks, and a full PCS build
// (signals, Merkle root, signature) from a 10,000-row CSV.
#include <benchmark/benchmark.h>

#include <string>

#include "helix_csv.hpp"
#include "lf/verify/checks.hpp"
#include "lf/verify/pcs_builder.hpp"
#include "lf/verify/signing.hpp"

namespace {

using namespace lf::verify;

constexpr double kMinSeconds = 0.5;
constexpr int kRepetitions = 3;

void configure(benchmark::internal::Benchmark* b) {
  b->MinTime(kMinSeconds)->UseRealTime()->Repetitions(kRepetitions)->ReportAggregatesOnly(true);
}

const BuiltPcs& sample() {
  static const BuiltPcs built = [] {
    PcsBuildOptions options;
    options.shard_id = "bench-shard-001";
    options.epoch = 7;
    options.sent_at = "2025-01-19T12:00:00Z";
    options.key = SigningKey::hmac("bench-secret");
    return *build_pcs(lf::bench::helix_csv(2000), options);
  }();
  return built;
}

Ed25519Seed bench_seed() {
  Ed25519Seed seed{};
  seed[0] = 42;
  return seed;
}

void payload_and_hmac_sign(benchmark::State& state) {
  const Pcs& pcs = sample().pcs;
  const SigningKey key = SigningKey::hmac("bench-secret");
  for (auto _ : state) benchmark::DoNotOptimize(sign_payload(key, *signature_payload(pcs)));
  state.SetItemsProcessed(state.iterations());
}

void hmac_verify(benchmark::State& state) {
  const Pcs& pcs = sample().pcs;
  const VerificationKey key = VerificationKey::hmac("bench-secret");
  for (auto _ : state) benchmark::DoNotOptimize(verify_pcs_signature(pcs, key).ok());
  state.SetItemsProcessed(state.iterations());
}

void ed25519_sign(benchmark::State& state) {
  const Pcs& pcs = sample().pcs;
  const SigningKey key = SigningKey::ed25519(bench_seed());
  for (auto _ : state) benchmark::DoNotOptimize(sign_payload(key, *signature_payload(pcs)));
  state.SetItemsProcessed(state.iterations());
}

void ed25519_verify(benchmark::State& state) {
  Pcs pcs = sample().pcs;
  const SigningKey signer = SigningKey::ed25519(bench_seed());
  (void)sign_pcs(pcs, signer);
  const VerificationKey key = signer.verification_key();
  for (auto _ : state) benchmark::DoNotOptimize(verify_pcs_signature(pcs, key).ok());
  state.SetItemsProcessed(state.iterations());
}

void checks(benchmark::State& state) {
  const Pcs& pcs = sample().pcs;
  for (auto _ : state) benchmark::DoNotOptimize(check_pcs(pcs, VerifyMode::strict).accepted);
  state.SetItemsProcessed(state.iterations());
}

void build_10k_rows(benchmark::State& state) {
  const std::string csv = lf::bench::helix_csv(10000);
  PcsBuildOptions options;
  options.shard_id = "bench-shard-001";
  options.epoch = 7;
  options.sent_at = "2025-01-19T12:00:00Z";
  options.key = SigningKey::hmac("bench-secret");
  for (auto _ : state) benchmark::DoNotOptimize(build_pcs(csv, options).ok());
  state.SetItemsProcessed(state.iterations() * 10000);
}

}  // namespace

BENCHMARK(payload_and_hmac_sign)->Apply(configure);
BENCHMARK(hmac_verify)->Apply(configure);
BENCHMARK(ed25519_sign)->Apply(configure);
BENCHMARK(ed25519_verify)->Apply(configure);
BENCHMARK(checks)->Apply(configure);
BENCHMARK(build_10k_rows)->Apply(configure)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
