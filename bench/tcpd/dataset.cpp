#include "dataset.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

#include "lf/signal/tcpd.hpp"

namespace lf::tcpd {
namespace {

using nlohmann::json;

Error schema_error(const std::string& what) {
  return make_error(ErrorCode::schema_error, "annotations.json: " + what);
}

// One series' annotators, by ascending numeric id.
Result<std::vector<detect::ChangePoints>> read_annotators(const std::string& series,
                                                          const json& annotators) {
  if (!annotators.is_object()) return schema_error(series + " must be an object");
  std::vector<std::pair<long, detect::ChangePoints>> by_id;
  for (const auto& [id, points] : annotators.items()) {
    char* end = nullptr;
    const long number = std::strtol(id.c_str(), &end, 10);
    if (id.empty() || *end != '\0') return schema_error(series + ": annotator id '" + id + "'");
    if (!points.is_array()) return schema_error(series + "." + id + " must be an array");
    detect::ChangePoints indices;
    for (const json& point : points) {
      if (!point.is_number_unsigned()) {
        return schema_error(series + "." + id + " holds a non-index value");
      }
      indices.push_back(point.get<std::size_t>());
    }
    by_id.emplace_back(number, std::move(indices));
  }
  std::sort(by_id.begin(), by_id.end());
  std::vector<detect::ChangePoints> annotations;
  for (auto& entry : by_id) annotations.push_back(std::move(entry.second));
  return annotations;
}

Result<Series> load_series(const std::filesystem::path& directory, const std::string& name,
                           const json& annotators) {
  auto text = read_text(directory / (name + ".json"));
  if (!text) return std::move(text).error();
  auto tcpd = signal::read_tcpd(*text);
  if (!tcpd) {
    return make_error(tcpd.error().code, name + ".json: " + tcpd.error().message);
  }
  auto annotations = read_annotators(name, annotators);
  if (!annotations) return std::move(annotations).error();

  Series series;
  series.name = name;
  series.n = tcpd->table.rows();
  series.timestamps = tcpd->table.timestamps;
  series.synthetic = name.rfind("quality_control_", 0) == 0;
  series.annotations = std::move(*annotations);
  for (const auto& column : tcpd->table.columns) {
    series.missing += static_cast<std::size_t>(
        std::count_if(column.begin(), column.end(), [](double v) { return std::isnan(v); }));
    series.dimensions.push_back(z_score(column));
  }
  return series;
}

}  // namespace

Result<std::string> read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::storage_error, "cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<double> z_score(std::span<const double> values) {
  double sum = 0.0;
  std::size_t count = 0;
  for (const double v : values) {
    if (std::isfinite(v)) {
      sum += v;
      ++count;
    }
  }
  const double mean = count > 0 ? sum / static_cast<double>(count) : 0.0;
  double squares = 0.0;
  for (const double v : values) {
    if (std::isfinite(v)) squares += (v - mean) * (v - mean);
  }
  const double sd = count > 1 ? std::sqrt(squares / static_cast<double>(count - 1)) : 0.0;
  std::vector<double> scaled;
  scaled.reserve(values.size());
  for (const double v : values) scaled.push_back(sd > 0.0 ? (v - mean) / sd : v - mean);
  return scaled;
}

Result<std::vector<Series>> load_dataset(const std::filesystem::path& directory) {
  auto text = read_text(directory / "annotations.json");
  if (!text) return std::move(text).error();
  const json doc = json::parse(*text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return make_error(ErrorCode::json_parse_error, "annotations.json is not a JSON object");
  }
  std::vector<Series> dataset;
  // nlohmann's object keeps its keys sorted: the series come out by name.
  for (const auto& [name, annotators] : doc.items()) {
    auto series = load_series(directory, name, annotators);
    if (!series) return std::move(series).error();
    dataset.push_back(std::move(*series));
  }
  return dataset;
}

}  // namespace lf::tcpd
