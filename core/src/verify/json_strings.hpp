// JSON string literals as two serialisers write them: Python's json.dumps
// (ensure_ascii: everything outside printable ASCII as \uXXXX, lowercase hex,
// surrogate pairs above U+FFFF) and RFC 8785 JCS (only '"', '\\' and control
// characters escaped, the rest verbatim UTF-8).
#pragma once

#include <string>
#include <string_view>

namespace lf::verify::detail {

// Code points of well-formed UTF-8 (no surrogates, no overlongs); false
// otherwise.
bool decode_utf8(std::string_view text, std::u32string& out);
bool valid_utf8(std::string_view text);

// `text` must be well-formed UTF-8 (decode_utf8).
void append_python_json_string(std::string& out, std::string_view text);
void append_jcs_string(std::string& out, std::string_view text);

// UTF-16 code units of well-formed UTF-8, the order JCS sorts member names by.
std::u16string utf16_units(std::string_view text);

}  // namespace lf::verify::detail
