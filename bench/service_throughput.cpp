// Portable rates of the verification and fusion cores, built natively
// (lf_service_throughput) and for Node (lf_service_throughput.js) so the
// wasm/native ratios compare the same code on the same inputs (targets: wasm
// >= 40% of native for verification, >= 50% for fusion). Workloads:
//   pcs_payload_hmac_sign  canonical signature payload + HMAC-SHA256 sign
//   pcs_hmac_verify        the same PCS's signature checked
//   ed25519_sign / ed25519_verify  the payload signed and checked with Ed25519
//   pcs_build_10k_rows     a whole PCS (signals, Merkle root, signature) from a
//                          10,000-row CSV; items are rows
//   dempster_3 / pcr5_3    combine_all over 1,000 sources on 3 hypotheses;
//                          items are pairwise combinations
// One JSON line per workload (bench/harness.hpp); equal checksums on both
// targets show they computed the same things.
#include <string>
#include <vector>

#include "fuse_sources.hpp"
#include "harness.hpp"
#include "helix_csv.hpp"
#include "lf/fuse/combination.hpp"
#include "lf/verify/pcs_builder.hpp"
#include "lf/verify/signing.hpp"

namespace {

using namespace lf::verify;
using lf::bench::Fingerprint;

constexpr const char* kProgram = "lf_service_throughput";
constexpr int kSignatures = 20000;
constexpr int kEd25519Signatures = 2000;

PcsBuildOptions build_options(SigningKey key) {
  PcsBuildOptions options;
  options.shard_id = "bench-shard-001";
  options.epoch = 7;
  options.sent_at = "2025-01-19T12:00:00Z";
  options.key = std::move(key);
  return options;
}

struct SigningContext {
  Pcs pcs;
  SigningKey signer;
  VerificationKey verifier;
  int count;
};

SigningContext signing_context(SigningKey signer, int count) {
  auto built = build_pcs(lf::bench::helix_csv(2000), build_options(signer));
  if (!built) lf::bench::fail(kProgram, built.error().message);
  Pcs pcs = std::move(built->pcs);
  if (!sign_pcs(pcs, signer)) lf::bench::fail(kProgram, "signing the sample PCS failed");
  VerificationKey verifier = signer.verification_key();
  return {std::move(pcs), std::move(signer), std::move(verifier), count};
}

std::string sign(const SigningContext& c) {
  Fingerprint fingerprint;
  for (int i = 0; i < c.count; ++i) {
    auto payload = signature_payload(c.pcs);
    if (!payload) lf::bench::fail(kProgram, payload.error().message);
    fingerprint.mix(sign_payload(c.signer, *payload));
  }
  return fingerprint.hex();
}

std::string verify(const SigningContext& c) {
  int valid = 0;
  for (int i = 0; i < c.count; ++i) valid += verify_pcs_signature(c.pcs, c.verifier).ok();
  if (valid != c.count) lf::bench::fail(kProgram, "a valid signature did not verify");
  return std::to_string(valid) + " valid";
}

struct BuildContext {
  std::string csv;
  int rows;
};

std::string build(const BuildContext& c) {
  auto built = build_pcs(c.csv, build_options(SigningKey::hmac("bench-secret")));
  if (!built) lf::bench::fail(kProgram, built.error().message);
  return built->pcs.sig;
}

struct FuseContext {
  std::vector<lf::fuse::MassFunction> sources;
  lf::fuse::Rule rule;
};

std::string fold(const FuseContext& c) {
  auto combined = lf::fuse::combine_all(c.sources, c.rule);
  if (!combined) lf::bench::fail(kProgram, combined.error().message);
  Fingerprint fingerprint;
  fingerprint.mix(lf::bench::bits_of(combined->conflict));
  for (const auto& element : combined->result.focal_elements()) {
    fingerprint.mix(element.set);
    fingerprint.mix(lf::bench::bits_of(element.mass));
  }
  return fingerprint.hex();
}

template <class Context>
void measure(const char* workload, const char* unit, double items,
             std::string (*run)(const Context&), const Context& context) {
  lf::bench::report(workload, unit, items, lf::bench::best_of(kProgram, run, context));
}

Ed25519Seed bench_seed() {
  Ed25519Seed seed{};
  seed[0] = 42;
  return seed;
}

}  // namespace

int main() {
  const SigningContext hmac = signing_context(SigningKey::hmac("bench-secret"), kSignatures);
  measure("pcs_payload_hmac_sign", "signatures", kSignatures, sign, hmac);
  measure("pcs_hmac_verify", "verifications", kSignatures, verify, hmac);

  const SigningContext ed25519 =
      signing_context(SigningKey::ed25519(bench_seed()), kEd25519Signatures);
  measure("ed25519_sign", "signatures", kEd25519Signatures, sign, ed25519);
  measure("ed25519_verify", "verifications", kEd25519Signatures, verify, ed25519);

  const BuildContext rows{lf::bench::helix_csv(10000), 10000};
  measure("pcs_build_10k_rows", "rows", rows.rows, build, rows);

  for (const auto rule : {lf::fuse::Rule::dempster, lf::fuse::Rule::pcr5}) {
    const FuseContext fuse{lf::bench::make_sources(3), rule};
    const std::string name = std::string(lf::fuse::to_string(rule)) + "_3";
    measure(name.c_str(), "combinations", static_cast<double>(fuse.sources.size() - 1), fold, fuse);
  }
  return 0;
}
