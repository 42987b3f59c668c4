// POST score: change points scored against human annotations exactly as
// TCPDBench scores them (lf/detect/scoring.hpp): F1 with a margin, its
// precision and recall, and segmentation cover.
//
// Request:
//   {"annotations": [[index...] per annotator], "predictions": [index...],
//    "n": integer, "margin"?: integer (default 5), "clean"?: boolean}
// Indices are 0-based sample indices into a series of n samples. Annotators
// are scored in the order given (TCPD lists them by ascending id). "clean"
// first applies TCPDBench's cleanup to the predictions (unique, 1..n-2).
// Response:
//   {"f1", "precision", "recall", "cover", "n", "margin", "annotators",
//    "predictions": [the indices scored, sorted and unique]}
#include <algorithm>
#include <cmath>
#include <string>

#include "lf/detect/scoring.hpp"
#include "routes.hpp"

namespace lf::api::routes {
namespace {

using namespace json_read;

// 2^53: every integer up to it is exact as a JSON number.
constexpr double kMaxExactInteger = 9007199254740992.0;

Result<std::uint64_t> whole_number(const Json& value, const std::string& path) {
  auto number = json_read::number(value, path);
  if (!number) return std::move(number).error();
  if (!(*number >= 0) || *number != std::floor(*number) || *number > kMaxExactInteger) {
    return make_error(ErrorCode::schema_error, path + " must be a non-negative integer");
  }
  return static_cast<std::uint64_t>(*number);
}

Result<detect::ChangePoints> indices(const Json& value, const std::string& path) {
  if (!value.is_array()) return make_error(ErrorCode::schema_error, path + " must be an array");
  detect::ChangePoints out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto index = whole_number(value[i], path + "[" + std::to_string(i) + "]");
    if (!index) return std::move(index).error();
    out.push_back(static_cast<std::size_t>(*index));
  }
  return out;
}

Result<std::vector<detect::ChangePoints>> annotator_sets(const Json& value) {
  if (!value.is_array()) {
    return make_error(ErrorCode::schema_error, "annotations must be an array of index arrays");
  }
  std::vector<detect::ChangePoints> out;
  for (std::size_t k = 0; k < value.size(); ++k) {
    auto set = indices(value[k], "annotations[" + std::to_string(k) + "]");
    if (!set) return std::move(set).error();
    out.push_back(std::move(*set));
  }
  return out;
}

Result<std::int64_t> margin_of(const Json& request) {
  const Json* node = find(request, "margin");
  if (node == nullptr) return detect::kDefaultScoringMargin;
  auto margin = json_read::number(*node, "margin");
  if (!margin) return std::move(margin).error();
  if (*margin != std::floor(*margin) || std::abs(*margin) > kMaxExactInteger) {
    return make_error(ErrorCode::schema_error, "margin must be an integer");
  }
  return static_cast<std::int64_t>(*margin);  // a negative one is the core's invalid_argument
}

}  // namespace

Result<Json> score(const Json& request) {
  if (auto s = expect_object(request, "request"); !s) return std::move(s).error();
  if (auto s =
          only_keys(request, "request", {"annotations", "predictions", "n", "margin", "clean"});
      !s) {
    return std::move(s).error();
  }
  auto annotations_node = require(request, "annotations", "request");
  if (!annotations_node) return std::move(annotations_node).error();
  auto annotations = annotator_sets(**annotations_node);
  if (!annotations) return std::move(annotations).error();
  auto predictions_node = require(request, "predictions", "request");
  if (!predictions_node) return std::move(predictions_node).error();
  auto predictions = indices(**predictions_node, "predictions");
  if (!predictions) return std::move(predictions).error();
  auto n_node = require(request, "n", "request");
  if (!n_node) return std::move(n_node).error();
  auto n = whole_number(**n_node, "n");
  if (!n) return std::move(n).error();
  auto margin = margin_of(request);
  if (!margin) return std::move(margin).error();
  bool clean = false;
  if (const Json* node = find(request, "clean")) {
    if (!node->is_boolean()) return make_error(ErrorCode::schema_error, "clean must be a boolean");
    clean = node->get<bool>();
  }

  const auto length = static_cast<std::size_t>(*n);
  if (clean) *predictions = detect::clean_change_points(*predictions, length);
  auto f1 = detect::f1_score(*annotations, *predictions, length, *margin);
  if (!f1) return std::move(f1).error();
  auto cover = detect::segmentation_cover(*annotations, *predictions, length);
  if (!cover) return std::move(cover).error();

  // Echo the predictions as scored: a set, so sorted and unique.
  detect::ChangePoints scored = *predictions;
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());

  return Json{{"f1", number_value(f1->f1)},
              {"precision", number_value(f1->precision)},
              {"recall", number_value(f1->recall)},
              {"cover", number_value(*cover)},
              {"n", length},
              {"margin", *margin},
              {"annotators", annotations->size()},
              {"predictions", scored}};
}

}  // namespace lf::api::routes
