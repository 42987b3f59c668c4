#include "lf/verify/pcs_builder.hpp"

#include "lf/signal/iso8601.hpp"
#include "lf/verify/merkle.hpp"
#include "lf/verify/point_cloud.hpp"
#include "lf/verify/rounding.hpp"
#include "lf/verify/signals.hpp"

namespace lf::verify {
namespace {

Status check_options(const PcsBuildOptions& options) {
  if (options.shard_id.empty()) {
    return make_error(ErrorCode::invalid_argument, "shard_id must not be empty");
  }
  if (options.epoch < 0) return make_error(ErrorCode::invalid_argument, "epoch must be >= 0");
  if (auto t = signal::parse_iso8601(options.sent_at); !t) {
    return make_error(ErrorCode::invalid_argument,
                      "sent_at must be an RFC 3339 time: " + t.error().message);
  }
  return {};
}

}  // namespace

Result<BuiltPcs> build_pcs(std::string_view csv_text, const PcsBuildOptions& options) {
  if (auto s = check_options(options); !s) return std::move(s).error();
  auto cloud = read_point_csv(csv_text);
  if (!cloud) return std::move(cloud).error();
  if (cloud->points.empty()) return make_error(ErrorCode::empty_input, "the CSV has no rows");

  Pcs pcs;
  pcs.shard_id = options.shard_id;
  pcs.epoch = options.epoch;
  pcs.sent_at = options.sent_at;
  pcs.seed = options.seed;
  pcs.scales.assign(std::begin(kDefaultScales), std::end(kDefaultScales));
  auto counts = box_counts(cloud->points, pcs.scales);
  if (!counts) return std::move(counts).error();
  for (std::size_t i = 0; i < pcs.scales.size(); ++i) {
    pcs.n_j.emplace_back(std::to_string(pcs.scales[i]), (*counts)[i]);
  }
  auto d_hat = theil_sen_dimension(pcs.scales, *counts);
  if (!d_hat) return std::move(d_hat).error();
  pcs.d_hat = python_round(*d_hat, 9);
  auto coherence = directional_coherence(cloud->points, options.seed);
  if (!coherence) return std::move(coherence).error();
  pcs.coh_star = coherence->coh_star;
  pcs.v_star.assign(coherence->v_star.begin(), coherence->v_star.end());
  auto r = compressibility(cloud->raw);
  if (!r) return std::move(r).error();
  pcs.r = *r;
  pcs.regime = std::string(classify_regime(pcs.d_hat, pcs.coh_star));
  pcs.budget = python_round(budget_formula(pcs.d_hat, pcs.coh_star, pcs.r), 9);
  pcs.merkle_root = merkle_root_hex(cloud->raw);
  pcs.pcs_id = pcs_id_hex(pcs.merkle_root, pcs.epoch, pcs.shard_id);

  auto payload = signature_payload(pcs);
  if (!payload) return std::move(payload).error();
  if (options.key) pcs.sig = sign_payload(*options.key, *payload);
  return BuiltPcs{std::move(pcs), std::move(*payload)};
}

}  // namespace lf::verify
