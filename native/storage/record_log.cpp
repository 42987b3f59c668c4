#include "storage/record_log.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <zlib.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

namespace lf::storage {
namespace {

constexpr std::array<char, 4> kMagic = {'L', 'F', 'R', '1'};
constexpr std::size_t kHeader = 12;

void put_u32(char* out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xffU);
}

std::uint32_t get_u32(const char* in) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(in[i]);
  return value;
}

std::uint32_t frame_crc(const char* length_bytes, std::string_view payload) {
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(length_bytes), 4);
  crc =
      crc32(crc, reinterpret_cast<const Bytef*>(payload.data()), static_cast<uInt>(payload.size()));
  return static_cast<std::uint32_t>(crc);
}

// Reads exactly `size` bytes unless the file ends first; -1 on error.
ssize_t read_fully(int fd, char* out, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::read(fd, out + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  return static_cast<ssize_t>(done);
}

bool write_fully(int fd, const char* data, std::size_t size) {
  std::size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd, data + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

Error storage_failure(std::string_view what, const std::string& path) {
  return make_error(ErrorCode::storage_error,
                    std::string(what) + " '" + path + "': " + std::strerror(errno));
}

Status sync_parent_directory(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  const std::string directory = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return storage_failure("cannot open directory", directory);
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return storage_failure("cannot fsync directory", directory);
  return {};
}

Result<RecordLog> RecordLog::open(const std::string& path, const Visitor& visit) {
  const bool existed = ::access(path.c_str(), F_OK) == 0;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return storage_failure("cannot open", path);
  RecordLog log(path, fd);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) return storage_failure("cannot lock", path);
  if (!existed) {
    if (auto s = sync_parent_directory(path); !s) return std::move(s).error();
  }

  std::vector<char> payload;
  char header[kHeader];
  std::uint64_t offset = 0;
  while (true) {
    const ssize_t got = read_fully(fd, header, kHeader);
    if (got < 0) return storage_failure("cannot read", path);
    if (static_cast<std::size_t>(got) < kHeader) break;
    if (std::memcmp(header, kMagic.data(), kMagic.size()) != 0) break;
    const std::uint32_t length = get_u32(header + 4);
    if (length > kMaxRecord) break;
    payload.resize(length);
    const ssize_t body = read_fully(fd, payload.data(), length);
    if (body < 0) return storage_failure("cannot read", path);
    if (static_cast<std::size_t>(body) < length) break;
    const std::string_view record(payload.data(), length);
    if (frame_crc(header + 4, record) != get_u32(header + 8)) break;
    visit(record);
    offset += kHeader + length;
    ++log.records_;
  }

  const off_t size = ::lseek(fd, 0, SEEK_END);
  if (size < 0) return storage_failure("cannot seek", path);
  if (static_cast<std::uint64_t>(size) > offset) {
    log.truncated_bytes_ = static_cast<std::uint64_t>(size) - offset;
    if (::ftruncate(fd, static_cast<off_t>(offset)) != 0 || ::fsync(fd) != 0) {
      return storage_failure("cannot truncate the torn tail of", path);
    }
  }
  if (::lseek(fd, static_cast<off_t>(offset), SEEK_SET) < 0) {
    return storage_failure("cannot seek", path);
  }
  log.end_ = offset;
  return log;
}

RecordLog::RecordLog(RecordLog&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(other.fd_),
      end_(other.end_),
      records_(other.records_),
      truncated_bytes_(other.truncated_bytes_) {
  other.fd_ = -1;
}

RecordLog::~RecordLog() {
  if (fd_ >= 0) ::close(fd_);
}

Status RecordLog::append(std::string_view record) {
  if (record.size() > kMaxRecord) {
    return make_error(ErrorCode::invalid_argument,
                      "record of " + std::to_string(record.size()) + " bytes exceeds the limit");
  }
  std::string frame(kHeader, '\0');
  std::memcpy(frame.data(), kMagic.data(), kMagic.size());
  put_u32(frame.data() + 4, static_cast<std::uint32_t>(record.size()));
  put_u32(frame.data() + 8, frame_crc(frame.data() + 4, record));
  frame.append(record);

  std::lock_guard lock(mutex_);
  if (!write_fully(fd_, frame.data(), frame.size()) || ::fdatasync(fd_) != 0) {
    Error failure = storage_failure("cannot append to", path_);
    // Leave no partial frame behind for the next append to follow.
    if (::ftruncate(fd_, static_cast<off_t>(end_)) == 0) {
      ::lseek(fd_, static_cast<off_t>(end_), SEEK_SET);
    }
    return failure;
  }
  end_ += frame.size();
  ++records_;
  return {};
}

}  // namespace lf::storage
