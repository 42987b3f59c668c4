#include "isolate.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sstream>

namespace lf::tcpd {
namespace {

// The child's answer on the pipe: "ok <index>..." or "error <message>".
std::string encode(const Result<detect::ChangePoints>& result) {
  std::ostringstream out;
  if (result) {
    out << "ok";
    for (const std::size_t index : *result) out << ' ' << index;
  } else {
    out << "error " << result.error().message;
  }
  return out.str();
}

IsolatedResult decode(const std::string& message) {
  IsolatedResult result;
  std::istringstream in(message);
  std::string status;
  in >> status;
  if (status == "ok") {
    result.ok = true;
    std::size_t index = 0;
    while (in >> index) result.change_points.push_back(index);
  } else if (status == "error") {
    result.error = message.substr(6);
  } else {
    result.error = "the child process answered nothing";
  }
  return result;
}

void write_all(int fd, const std::string& text) {
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    written += static_cast<std::size_t>(n);
  }
}

std::string read_all(int fd) {
  std::string text;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return text;
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

}  // namespace

IsolatedResult run_isolated(const std::function<Result<detect::ChangePoints>()>& work) {
  int fds[2];
  if (::pipe(fds) != 0) return {false, std::string("pipe: ") + std::strerror(errno), {}};
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return {false, std::string("fork: ") + std::strerror(errno), {}};
  }
  if (child == 0) {
    ::close(fds[0]);
    write_all(fds[1], encode(work()));
    ::close(fds[1]);
    ::_exit(0);
  }
  ::close(fds[1]);
  const std::string message = read_all(fds[0]);
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    return {
        false, "crashed: signal " + std::to_string(signal) + " (" + strsignal(signal) + ")", {}};
  }
  return decode(message);
}

}  // namespace lf::tcpd
