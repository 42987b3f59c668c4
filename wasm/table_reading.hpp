// CSV and TCPD readers for JavaScript: the whole text in, a table of
// Float64Arrays out, {columnNames, timestamps, columns} (missing cells NaN).
#pragma once

#include <emscripten/val.h>

#include <string>

namespace lf::wasm {

// `options` as index.js normalises them:
//   {columns: string[], timeColumn: string | null, delimiter: string}
// (no columns: every column but the time column; delimiter "" detects it).
// {ok, value: table} or {ok: false, error}.
emscripten::val read_csv_table(const std::string& text, const emscripten::val& options);

// {ok, value: table plus {name, longname}} or {ok: false, error}.
emscripten::val read_tcpd_table(const std::string& json_text);

}  // namespace lf::wasm
