// Graceful shutdown on SIGTERM or SIGINT. The signals are blocked in the
// constructing thread, so every thread started after it inherits the mask
// and only the watcher receives them (with sigtimedwait, no async handler).
// The first signal calls `on_signal` once, on the watcher's thread; a second
// one while the server drains exits at once with status 1.
#pragma once

#include <signal.h>

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace lf::server {

class ShutdownSignals {
 public:
  // Blocks the signals; construct before any other thread is started.
  ShutdownSignals();
  // stop(), and restores the signal mask.
  ~ShutdownSignals();
  ShutdownSignals(const ShutdownSignals&) = delete;
  ShutdownSignals& operator=(const ShutdownSignals&) = delete;

  // Starts the watcher; `on_signal` gets the signal's name ("SIGTERM").
  void watch(std::function<void(const std::string&)> on_signal);
  // Ends the watcher (within 200 ms): `on_signal` is not called after this.
  void stop();

 private:
  sigset_t signals_{};
  sigset_t previous_{};
  std::atomic<bool> stopping_{false};
  std::thread watcher_;
};

}  // namespace lf::server
