// The gzip content coding (RFC 9110 §8.4.1.3) for the static files
// cpp-httplib does not compress itself (the dashboard's .wasm, 2 MiB of its
// first load): the coding, and whether a request accepts it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lf::server {

// `content` as a gzip member (RFC 1952) at zlib's best compression, or
// nothing if zlib fails (out of memory).
std::optional<std::string> gzip(std::string_view content);

// Whether an Accept-Encoding value accepts gzip: a "gzip" (or "x-gzip", or
// "*") coding whose quality is not zero. Codings are case-insensitive.
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace lf::server
