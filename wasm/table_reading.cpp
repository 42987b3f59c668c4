#include "table_reading.hpp"

#include "js_values.hpp"
#include "lf/signal/csv.hpp"
#include "lf/signal/tcpd.hpp"

namespace lf::wasm {

using emscripten::val;

namespace {

val table_object(const signal::Table& table) {
  val names = val::array();
  val columns = val::array();
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    names.call<void>("push", table.column_names[c]);
    columns.call<void>("push", float64_array(table.columns[c]));
  }
  val object = val::object();
  object.set("columnNames", names);
  object.set("timestamps", float64_array(table.timestamps));
  object.set("columns", columns);
  return object;
}

signal::CsvOptions csv_options(const val& options) {
  signal::CsvOptions out;
  out.columns = emscripten::vecFromJSArray<std::string>(options["columns"]);
  if (const val time_column = options["timeColumn"]; !time_column.isNull()) {
    out.time_column = time_column.as<std::string>();
  }
  const auto delimiter = options["delimiter"].as<std::string>();
  if (!delimiter.empty()) out.delimiter = delimiter.front();
  return out;
}

}  // namespace

val read_csv_table(const std::string& text, const val& options) {
  auto table = signal::read_csv(text, csv_options(options));
  if (!table) return failure(table.error());
  return success(table_object(*table));
}

val read_tcpd_table(const std::string& json_text) {
  auto tcpd = signal::read_tcpd(json_text);
  if (!tcpd) return failure(tcpd.error());
  val object = table_object(tcpd->table);
  object.set("name", tcpd->name);
  object.set("longname", tcpd->longname);
  return success(object);
}

}  // namespace lf::wasm
