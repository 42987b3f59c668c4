#include "lf/graph/embedding.hpp"

#include <algorithm>
#include <string>

namespace lf::graph {
namespace {

constexpr std::size_t kMaxHistory = 64;
constexpr std::size_t kMaxDelay = 10000;

Status check_range(std::size_t value, std::size_t max, const char* name) {
  if (value >= 1 && value <= max) return {};
  return make_error(ErrorCode::invalid_parameter,
                    std::string(name) + " must be an integer in [1, " + std::to_string(max) + "]");
}

// Rows t = first .. n−1 of (series[t − offset − j·delay])_{j < history}.
Samples embed(std::span<const double> series, std::size_t first, std::size_t offset,
              std::size_t history, std::size_t delay) {
  const std::size_t rows = series.size() > first ? series.size() - first : 0;
  Samples out(rows, history);
  for (std::size_t r = 0; r < rows; ++r) {
    const std::size_t t = first + r;
    for (std::size_t j = 0; j < history; ++j) out.at(r, j) = series[t - offset - j * delay];
  }
  return out;
}

}  // namespace

Status check_embedding(const EmbeddingParams& params) {
  if (auto s = check_range(params.target_history, kMaxHistory, "target_history"); !s) return s;
  if (auto s = check_range(params.source_history, kMaxHistory, "source_history"); !s) return s;
  if (auto s = check_range(params.target_delay, kMaxDelay, "target_delay"); !s) return s;
  if (auto s = check_range(params.source_delay, kMaxDelay, "source_delay"); !s) return s;
  return check_range(params.lag, kMaxDelay, "lag");
}

std::size_t first_observation(const EmbeddingParams& params) noexcept {
  const std::size_t target_span = (params.target_history - 1) * params.target_delay;
  const std::size_t source_span =
      (params.source_history - 1) * params.source_delay + params.lag - 1;
  return std::max(target_span, source_span) + 1;
}

std::size_t observation_count(std::size_t n, const EmbeddingParams& params) noexcept {
  const std::size_t first = first_observation(params);
  return n > first ? n - first : 0;
}

Samples embed_target_next(std::span<const double> target, const EmbeddingParams& params) {
  return embed(target, first_observation(params), 0, 1, 1);
}

Samples embed_target_past(std::span<const double> target, const EmbeddingParams& params) {
  return embed(target, first_observation(params), 1, params.target_history, params.target_delay);
}

Samples embed_source_past(std::span<const double> source, const EmbeddingParams& params) {
  return embed(source, first_observation(params), params.lag, params.source_history,
               params.source_delay);
}

}  // namespace lf::graph
