// RFC 8785 JSON Canonicalization Scheme: the one byte sequence a JSON value
// is signed as, reproducible by any JCS implementation (browser, edge,
// native). Members sorted by their UTF-16 code units, no whitespace, numbers
// as ECMAScript writes doubles, strings with minimal escaping.
#pragma once

#include <string>
#include <string_view>

#include "lf/common/result.hpp"

namespace lf::verify {

// json_parse_error for text that is not JSON. Numbers are IEEE doubles (as in
// I-JSON): integers beyond 2^53 lose precision like they would in JavaScript.
Result<std::string> canonical_json(std::string_view json_text);

}  // namespace lf::verify
