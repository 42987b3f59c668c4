// The dashboard's files under one root directory. A request path (already
// percent-decoded, so an encoded "/" or "." counts as one) maps to a file
// only when every segment is an ordinary name: no "..", no ".", no empty
// segment, no backslash or control character; and the file, once symlinks
// are resolved, still lies under the root. "/" and directories serve their
// index.html.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lf::server {

struct StaticFile {
  std::string content;
  std::string content_type;
};

class StaticFiles {
 public:
  // An empty or missing `root` serves nothing.
  explicit StaticFiles(const std::string& root);

  bool enabled() const noexcept { return !root_.empty(); }

  // The file for a decoded request path (cpp-httplib's Request::path), or
  // nothing when there is none or the path is not a safe one.
  std::optional<StaticFile> find(std::string_view path) const;

 private:
  std::string root_;  // canonical, without a trailing slash
};

// "text/html; charset=utf-8", "application/wasm", ... by file extension.
std::string_view content_type_for(std::string_view file_name);

}  // namespace lf::server
