// Small pieces of HTTP header syntax (RFC 9110 §5.6) the server's handlers
// share: tokens compare without regard to ASCII case, and optional
// whitespace (spaces and tabs) around list items is not part of them.
#pragma once

#include <string_view>

namespace lf::server {

// ASCII case-insensitive equality (header tokens: schemes, codings).
bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept;

// `text` without leading and trailing spaces and tabs (OWS).
std::string_view trim_whitespace(std::string_view text) noexcept;

}  // namespace lf::server
