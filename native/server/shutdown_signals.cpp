#include "server/shutdown_signals.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace lf::server {

ShutdownSignals::ShutdownSignals() {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGTERM);
  sigaddset(&signals_, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
}

ShutdownSignals::~ShutdownSignals() {
  stop();
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

void ShutdownSignals::stop() {
  stopping_ = true;
  if (watcher_.joinable()) watcher_.join();
}

void ShutdownSignals::watch(std::function<void(const std::string&)> on_signal) {
  watcher_ = std::thread([this, on_signal = std::move(on_signal)] {
    bool signalled = false;
    const timespec poll{0, 200'000'000};  // how often `stopping_` is looked at
    while (!stopping_) {
      const int signal = sigtimedwait(&signals_, nullptr, &poll);
      if (signal < 0) continue;
      if (signalled) {
        std::fputs("lf serve: second signal while draining: exiting now\n", stderr);
        std::_Exit(1);
      }
      signalled = true;
      on_signal(signal == SIGTERM ? "SIGTERM" : "SIGINT");
    }
  });
}

}  // namespace lf::server
