// The dashboard's files under one root directory. A request path (already
// percent-decoded, so an encoded "/" or "." counts as one) maps to a file
// only when every segment is an ordinary name: no "..", no ".", no empty
// segment, no backslash or control character; and the file, once symlinks
// are resolved, still lies under the root. "/" and directories serve their
// index.html.
//
// cpp-httplib compresses text answers itself; a .wasm it sends as it is. So
// StaticFiles answers a request that accepts gzip with the .wasm's gzip
// coding (2.07 MiB -> ~0.6 MiB for the dashboard), compressed once per
// version of the file (its size and modification time) and kept.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace lf::server {

struct StaticFile {
  std::string content;
  std::string content_type;
  std::string content_encoding;  // "gzip", or empty: the file as it is
  // The answer depends on Accept-Encoding (caches must know).
  bool varies_by_encoding = false;
};

class StaticFiles {
 public:
  // An empty or missing `root` serves nothing.
  explicit StaticFiles(const std::string& root);

  bool enabled() const noexcept { return !root_.empty(); }

  // The file for a decoded request path (cpp-httplib's Request::path), or
  // nothing when there is none or the path is not a safe one. Given
  // `gzip_accepted` (see accepts_gzip), a .wasm comes gzip-coded.
  std::optional<StaticFile> find(std::string_view path, bool gzip_accepted = false) const;

 private:
  struct Compressed {
    std::uintmax_t size = 0;
    std::filesystem::file_time_type modified;
    std::string gzip;
  };

  // The gzip coding of the file at `file`: from the cache while the file's
  // version is the one compressed, else read, compressed and kept.
  std::optional<std::string> gzip_of(const std::filesystem::path& file) const;

  std::string root_;  // canonical, without a trailing slash
  mutable std::mutex compressed_mutex_;
  mutable std::map<std::string, Compressed> compressed_;  // by canonical path
};

// "text/html; charset=utf-8", "application/wasm", ... by file extension.
std::string_view content_type_for(std::string_view file_name);

}  // namespace lf::server
