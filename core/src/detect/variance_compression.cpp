#include "lf/detect/variance_compression.hpp"

#include <algorithm>

#include "lf/detect/variance_ratio.hpp"

namespace lf::detect {

const std::array<ParameterSpec, 6> VarianceCompressionDetector::kParameters{{
    {"short_window", 20, 2, 1e6, true, "samples in the recent variance window"},
    {"baseline_window", 100, 2, 1e6, true, "samples in the lagged baseline window"},
    {"low_ratio", 0.25, 1e-9, 1, false, "ratio below which the variance counts as compressed"},
    {"high_ratio", 3.0, 1, 1e6, false, "ratio above which a compression has expanded"},
    {"min_duration", 5, 1, 1e6, true, "consecutive compressed samples before the warning"},
    {"max_armed", 100, 1, 1e9, true, "samples a compression waits for its expansion"},
}};

Result<VarianceCompressionDetector::Params> VarianceCompressionDetector::params_from(
    std::span<const double> v) {
  if (!(v[2] < v[3])) {
    return make_error(ErrorCode::invalid_parameter, "low_ratio must be below high_ratio");
  }
  return Params{static_cast<std::size_t>(v[0]), static_cast<std::size_t>(v[1]), v[2], v[3],
                static_cast<std::size_t>(v[4]), static_cast<std::size_t>(v[5])};
}

namespace {

double m2_ratio(double variance_ratio, std::size_t recent, std::size_t baseline) {
  return variance_ratio * (static_cast<double>(recent - 1) / static_cast<double>(baseline - 1));
}

}  // namespace

VarianceCompressionDetector::VarianceCompressionDetector(const Params& params)
    : params_(params),
      m2_low_(m2_ratio(params.low_ratio, params.short_window, params.baseline_window)),
      m2_high_(m2_ratio(params.high_ratio, params.short_window, params.baseline_window)),
      moments_(params.short_window, params.baseline_window, WindowInput::values, 0,
               RecentBounds::upper_and_lower) {}

ParameterList VarianceCompressionDetector::parameters() const {
  const std::array<double, 6> values{static_cast<double>(params_.short_window),
                                     static_cast<double>(params_.baseline_window),
                                     params_.low_ratio,
                                     params_.high_ratio,
                                     static_cast<double>(params_.min_duration),
                                     static_cast<double>(params_.max_armed)};
  return name_parameters(kParameters, values);
}

void VarianceCompressionDetector::process(std::span<const double> values, std::size_t first_index) {
  moments_.feed(values, first_index, false,
                [this](std::size_t from, std::size_t to) { scan(from, to); });
}

// Long spans are checked while they are processed, which saves a pass over
// memory; the state is copied first so that a bad value changes nothing.
std::size_t VarianceCompressionDetector::process_unless_non_finite(std::span<const double> values,
                                                                   std::size_t first_index) {
  if (values.size() < LaggedWindowMoments::kCheckWhileFeedingFrom) {
    return Detector::process_unless_non_finite(values, first_index);
  }
  return moments_.feed_checked(values, first_index, arming_,
                               [this](std::size_t from, std::size_t to) { scan(from, to); });
}

// Rows before the windows fill raise nothing; whole blocks go through the
// bounds first, and only those that may hold an event are computed.
void VarianceCompressionDetector::scan(std::size_t first, std::size_t end) {
  const auto step_row = [this](std::size_t row, const WindowPairM2& m2) { step(row, m2); };
  const auto rows = [this](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) step(i, moments_.at(i));
  };
  const auto blocks = [&](std::size_t first_block, std::size_t count) {
    uncompressed_.resize(count);
    moments_.mark_recent_at_least(first_block, m2_low_, uncompressed_);
    for (std::size_t k = 0; k < count;) {
      if (!arming_.armed) {
        // Unarmed, the blocks proven uncompressed only reset the compressed run.
        const std::size_t next = LaggedWindowMoments::next_unmarked(uncompressed_, k);
        if (next != k) arming_.compressed_run = 0;
        if (next == count) break;
        k = next;
      }
      const std::size_t block = first_block + k;
      if (!skip_uneventful(block, uncompressed_[k] != 0)) {
        moments_.each_row_of_block(block, step_row);
      }
      ++k;
    }
  };
  LaggedWindowMoments::split_into_blocks(std::max(first, moments_.first_row()), end, rows, blocks);
}

// A block where no compression can complete, nor (while armed) expansion
// happen, only resets the compressed run and lets an armed compression age.
// Compression is ruled out by the marks or, for a block they leave, by its
// rows that end a half block; expansion, needed only while armed (rarely), by
// the block's bounds.
bool VarianceCompressionDetector::skip_uneventful(std::size_t block, bool uncompressed) noexcept {
  if (!uncompressed && !no_compression_completes(block)) return false;
  if (arming_.armed) {
    const WindowPairBounds bounds = moments_.bounds(block);
    if (!(bounds.recent_max <= m2_high_ * bounds.baseline_min)) return false;
  }
  const std::size_t last = (block + 1) * LaggedWindowMoments::kBlock - 1;
  if (arming_.armed && last - arming_.armed_at > params_.max_armed) arming_.armed = false;
  arming_.compressed_run = 0;
  return true;
}

// With rows 3 and 7 of a block uncompressed, a compressed run within it is at
// most 3 rows long and none is left at its end; the run carried in may go on
// through rows 0-2 alone. Unless that reaches min_duration, the block raises
// nothing and resets the run, as one without compressed rows does (an armed
// compression that ages out in the block starts a run from 0). Of the blocks
// the marks leave on white noise, 4 in 5 hold no compressed row at all, and
// this test, exact but for rounding at the default windows, proves them.
bool VarianceCompressionDetector::no_compression_completes(std::size_t block) const noexcept {
  return arming_.compressed_run + LaggedWindowMoments::kRowsBeforeHalfEnd < params_.min_duration &&
         moments_.half_end_rows_at_least(block, m2_low_);
}

void VarianceCompressionDetector::step(std::size_t index, const WindowPairM2& m2) {
  if (arming_.armed && index - arming_.armed_at > params_.max_armed) arming_.armed = false;
  const auto ratio = [&] {
    return variance_ratio(m2.recent / static_cast<double>(params_.short_window - 1),
                          m2.baseline / static_cast<double>(params_.baseline_window - 1));
  };
  if (!arming_.armed) {
    arming_.compressed_run = m2.recent < m2_low_ * m2.baseline ? arming_.compressed_run + 1 : 0;
    if (arming_.compressed_run >= params_.min_duration) {
      emit(index, "compression", Severity::warning, ratio());
      arming_.armed = true;
      arming_.armed_at = index;
      arming_.compressed_run = 0;
    }
  } else if (m2.recent > m2_high_ * m2.baseline) {
    emit(index, "expansion", Severity::critical, ratio());
    arming_.armed = false;
  }
}

void VarianceCompressionDetector::clear_state() {
  moments_.reset();
  arming_ = {};
}

}  // namespace lf::detect
