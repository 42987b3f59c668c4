#include "server/gzip_encoding.hpp"

#include <zlib.h>

#include <algorithm>

#include "server/header_text.hpp"

namespace lf::server {
namespace {

// zlib's windowBits for a gzip wrapper instead of a zlib one.
constexpr int kGzipWindowBits = 15 + 16;
constexpr int kMemoryLevel = 9;

// A quality value of zero ("q=0", "q=0.", "q=0.000") refuses the coding.
bool refused(std::string_view parameters) {
  while (!parameters.empty()) {
    const std::size_t end = std::min(parameters.find(';'), parameters.size());
    const std::string_view parameter = trim_whitespace(parameters.substr(0, end));
    parameters.remove_prefix(std::min(end + 1, parameters.size()));
    if (!equals_ignoring_case(parameter.substr(0, 2), "q=")) continue;
    const std::string_view value = trim_whitespace(parameter.substr(2));
    return !value.empty() && value.front() == '0' &&
           value.find_first_not_of("0.") == std::string_view::npos;
  }
  return false;
}

}  // namespace

std::optional<std::string> gzip(std::string_view content) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, kGzipWindowBits, kMemoryLevel,
                   Z_DEFAULT_STRATEGY) != Z_OK) {
    return std::nullopt;
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(content.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data()));
  stream.avail_in = static_cast<uInt>(content.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  // deflateBound leaves room for the whole member: one call finishes it.
  const int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) return std::nullopt;
  return out;
}

bool accepts_gzip(std::string_view accept_encoding) {
  // gzip named (or x-gzip) decides; otherwise "*", which stands for every
  // coding not named.
  std::optional<bool> named;
  std::optional<bool> any;
  while (!accept_encoding.empty()) {
    const std::size_t end = std::min(accept_encoding.find(','), accept_encoding.size());
    const std::string_view item = accept_encoding.substr(0, end);
    accept_encoding.remove_prefix(std::min(end + 1, accept_encoding.size()));
    const std::size_t semicolon = std::min(item.find(';'), item.size());
    const std::string_view coding = trim_whitespace(item.substr(0, semicolon));
    const bool accepted = !refused(item.substr(std::min(semicolon + 1, item.size())));
    if (equals_ignoring_case(coding, "gzip") || equals_ignoring_case(coding, "x-gzip")) {
      named = named.value_or(false) || accepted;
    } else if (coding == "*") {
      any = any.value_or(false) || accepted;
    }
  }
  return named ? *named : any.value_or(false);
}

}  // namespace lf::server
