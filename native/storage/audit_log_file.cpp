#include "storage/audit_log_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>

#include "storage/record_log.hpp"

namespace lf::storage {

Result<std::string> read_text_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return storage_failure("cannot open", path);
  std::string text;
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Error failure = storage_failure("cannot read", path);
      ::close(fd);
      return failure;
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

Result<AuditLogFile> AuditLogFile::open(const std::string& path,
                                        const verify::AuditVerifyOptions& options) {
  const bool existed = ::access(path.c_str(), F_OK) == 0;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return storage_failure("cannot open", path);
  AuditLogFile file(path, fd, verify::AuditChain());
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) return storage_failure("cannot lock", path);
  if (!existed) {
    if (auto s = sync_parent_directory(path); !s) return std::move(s).error();
  }
  auto text = read_text_file(path);
  if (!text) return std::move(text).error();
  const verify::AuditReport report = verify::verify_audit_log(*text, options);
  if (report.first_bad && report.first_bad->reason == "torn_tail") {
    const std::size_t keep = text->rfind('\n') + 1;  // npos + 1 == 0: nothing kept
    if (::ftruncate(fd, static_cast<off_t>(keep)) != 0 || ::fsync(fd) != 0) {
      return storage_failure("cannot truncate the torn tail of", path);
    }
    text->resize(keep);
  }
  auto chain = verify::AuditChain::resume(*text, options);
  if (!chain) return std::move(chain).error();
  file.chain_ = std::move(*chain);
  return file;
}

AuditLogFile::AuditLogFile(AuditLogFile&& other) noexcept
    : path_(std::move(other.path_)), fd_(other.fd_), chain_(std::move(other.chain_)) {
  other.fd_ = -1;
}

AuditLogFile::~AuditLogFile() {
  if (fd_ >= 0) ::close(fd_);
}

Status AuditLogFile::write_line(const std::string& line) {
  const off_t end = ::lseek(fd_, 0, SEEK_END);
  if (end < 0) return storage_failure("cannot seek", path_);
  std::size_t done = 0;
  while (done < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + done, line.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  if (done < line.size() || ::fdatasync(fd_) != 0) {
    Error failure = storage_failure("cannot append to", path_);
    // No partial line may stay for the next record to follow.
    if (::ftruncate(fd_, end) != 0)
      failure.message += " (and the partial line could not be removed)";
    return failure;
  }
  return {};
}

Status AuditLogFile::append(std::string_view data_json) {
  verify::AuditChain next = chain_;
  auto line = next.append(data_json);
  if (!line) return std::move(line).error();
  if (auto s = write_line(*line); !s) return s;
  chain_ = std::move(next);
  return {};
}

Status AuditLogFile::checkpoint(const verify::Ed25519KeyPair& key) {
  verify::AuditChain next = chain_;
  if (auto s = write_line(next.checkpoint(key)); !s) return s;
  chain_ = std::move(next);
  return {};
}

}  // namespace lf::storage
