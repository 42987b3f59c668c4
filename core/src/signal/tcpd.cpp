#include "lf/signal/tcpd.hpp"

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

namespace lf::signal {
namespace {

using nlohmann::json;

// Built without exceptions, a json accessor used on the wrong type or a
// missing key aborts: every member is looked up with find() and its type
// checked before it is read.

Error schema_error(const std::string& what) {
  return make_error(ErrorCode::schema_error, "TCPD: " + what);
}

const json* find_member(const json& object, const char* key) {
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

Result<std::string> read_string(const json& object, const char* key, const std::string& path) {
  const json* value = find_member(object, key);
  if (value == nullptr || !value->is_string()) return schema_error(path + " must be a string");
  return value->get<std::string>();
}

Result<std::uint64_t> read_count(const json& object, const char* key) {
  const json* value = find_member(object, key);
  if (value == nullptr || !value->is_number_unsigned()) {
    return schema_error(std::string(key) + " must be a non-negative integer");
  }
  return value->get<std::uint64_t>();
}

// An array of n_obs numbers, with null as NaN where `allow_null`.
Result<std::vector<double>> read_values(const json* array, std::uint64_t n_obs,
                                        const std::string& path, bool allow_null) {
  if (array == nullptr || !array->is_array()) return schema_error(path + " must be an array");
  if (array->size() != n_obs) {
    return schema_error(path + " has " + std::to_string(array->size()) + " values, n_obs is " +
                        std::to_string(n_obs));
  }
  std::vector<double> values;
  values.reserve(array->size());
  for (const json& value : *array) {
    if (value.is_number()) {
      values.push_back(value.get<double>());
    } else if (allow_null && value.is_null()) {
      values.push_back(std::numeric_limits<double>::quiet_NaN());
    } else {
      return schema_error(path + "[" + std::to_string(values.size()) + "] must be a number" +
                          (allow_null ? " or null" : ""));
    }
  }
  return values;
}

Result<std::vector<double>> read_timestamps(const json& doc, std::uint64_t n_obs) {
  const json* time = find_member(doc, "time");
  if (time == nullptr || !time->is_object()) return schema_error("time must be an object");
  return read_values(find_member(*time, "index"), n_obs, "time.index", /*allow_null=*/false);
}

// Appends each entry of `series` to the table as a column.
Status read_series(const json& doc, std::uint64_t n_obs, std::uint64_t n_dim, Table& table) {
  const json* series = find_member(doc, "series");
  if (series == nullptr || !series->is_array()) return schema_error("series must be an array");
  if (series->size() != n_dim) {
    return schema_error("series has " + std::to_string(series->size()) + " entries, n_dim is " +
                        std::to_string(n_dim));
  }
  for (const json& entry : *series) {
    const std::string path = "series[" + std::to_string(table.columns.size()) + "]";
    if (!entry.is_object()) return schema_error(path + " must be an object");
    auto label = read_string(entry, "label", path + ".label");
    if (!label) return std::move(label).error();
    auto values = read_values(find_member(entry, "raw"), n_obs, path + ".raw", /*allow_null=*/true);
    if (!values) return std::move(values).error();
    table.column_names.push_back(std::move(label).value());
    table.columns.push_back(std::move(values).value());
  }
  return {};
}

}  // namespace

Result<TcpdSeries> read_tcpd(std::string_view json_text) {
  const json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return make_error(ErrorCode::json_parse_error, "TCPD: malformed JSON");
  if (!doc.is_object()) return schema_error("the top level must be an object");

  TcpdSeries out;
  auto name = read_string(doc, "name", "name");
  if (!name) return std::move(name).error();
  out.name = std::move(name).value();
  if (find_member(doc, "longname") != nullptr) {
    auto longname = read_string(doc, "longname", "longname");
    if (!longname) return std::move(longname).error();
    out.longname = std::move(longname).value();
  }

  const auto n_obs = read_count(doc, "n_obs");
  if (!n_obs) return n_obs.error();
  const auto n_dim = read_count(doc, "n_dim");
  if (!n_dim) return n_dim.error();
  if (*n_obs == 0) {
    return make_error(ErrorCode::empty_input, "TCPD series '" + out.name + "' has no observations");
  }

  auto timestamps = read_timestamps(doc, *n_obs);
  if (!timestamps) return std::move(timestamps).error();
  out.table.timestamps = std::move(timestamps).value();
  if (Status status = read_series(doc, *n_obs, *n_dim, out.table); !status) return status.error();
  return out;
}

}  // namespace lf::signal
