#include "server/static_files.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include "server/gzip_encoding.hpp"

namespace lf::server {
namespace {

namespace fs = std::filesystem;

// Segments of a request path, or nothing when one is not a plain name.
std::optional<std::string> safe_relative_path(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::string relative;
  std::size_t start = 1;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string_view segment = path.substr(start, end - start);
    const bool last = end == path.size();
    if (segment.empty()) {
      if (!last) return std::nullopt;  // "//" inside the path
    } else {
      if (segment == "." || segment == "..") return std::nullopt;
      for (char c : segment) {
        if (c == '\\' || c == '\0' || static_cast<unsigned char>(c) < 0x20) return std::nullopt;
      }
      if (!relative.empty()) relative += '/';
      relative.append(segment);
    }
    start = end + 1;
  }
  return relative;
}

bool under(const fs::path& file, const std::string& root) {
  const std::string text = file.string();
  return text.size() > root.size() && text.compare(0, root.size(), root) == 0 &&
         text[root.size()] == '/';
}

std::optional<std::string> read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  if (root.empty()) return;
  std::error_code error;
  const fs::path canonical = fs::canonical(root, error);
  if (!error && fs::is_directory(canonical, error)) root_ = canonical.string();
}

std::optional<StaticFile> StaticFiles::find(std::string_view path, bool gzip_accepted) const {
  if (root_.empty()) return std::nullopt;
  const auto relative = safe_relative_path(path);
  if (!relative) return std::nullopt;
  std::error_code error;
  fs::path file = fs::path(root_) / *relative;
  if (fs::is_directory(file, error)) file /= "index.html";
  // Resolving symlinks last: a link inside the root pointing out of it is refused.
  const fs::path resolved = fs::canonical(file, error);
  if (error || !under(resolved, root_) || !fs::is_regular_file(resolved, error)) {
    return std::nullopt;
  }
  StaticFile found;
  found.content_type = content_type_for(resolved.filename().string());
  found.varies_by_encoding = found.content_type == "application/wasm";
  if (found.varies_by_encoding && gzip_accepted) {
    // Should zlib fail, the file goes out as it is: still a correct answer.
    if (auto coded = gzip_of(resolved)) {
      found.content = std::move(*coded);
      found.content_encoding = "gzip";
      return found;
    }
  }
  auto content = read_file(resolved);
  if (!content) return std::nullopt;
  found.content = std::move(*content);
  return found;
}

std::optional<std::string> StaticFiles::gzip_of(const fs::path& file) const {
  // A version of the file is its size and modification time, read before
  // the file: a file replaced in between is only compressed again next time.
  std::error_code error;
  const auto size = fs::file_size(file, error);
  if (error) return std::nullopt;
  const auto modified = fs::last_write_time(file, error);
  if (error) return std::nullopt;
  std::lock_guard lock(compressed_mutex_);
  const auto cached = compressed_.find(file.string());
  if (cached != compressed_.end() && cached->second.size == size &&
      cached->second.modified == modified) {
    return cached->second.gzip;
  }
  const auto content = read_file(file);
  if (!content) return std::nullopt;
  auto coded = gzip(*content);
  if (coded) compressed_[file.string()] = Compressed{size, modified, *coded};
  return coded;
}

std::string_view content_type_for(std::string_view file_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".wasm", "application/wasm"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},
      {".map", "application/json"},
      {".woff2", "font/woff2"},
  }};
  for (const auto& [extension, type] : kTypes) {
    if (file_name.size() > extension.size() &&
        file_name.substr(file_name.size() - extension.size()) == extension) {
      return type;
    }
  }
  return "application/octet-stream";
}

}  // namespace lf::server
