// Runs core calls on a fixed pool of threads and waits for each up to a
// deadline. The core cannot be interrupted (and must not be: it would leave
// no partial state behind only if it ran to its end), so a call past its
// deadline keeps running on its pool thread and its result is dropped (one
// still queued at its deadline is never started); the caller answers 503. A burst of slow calls
// therefore fills the pool and later calls wait in the queue, where their deadline runs too:
// overload turns into prompt 503s instead of an ever longer queue.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "lf/api/dispatch.hpp"

namespace lf::server {

class TimedExecutor {
 public:
  explicit TimedExecutor(std::size_t threads);
  // Finishes the queued calls, then joins the threads.
  ~TimedExecutor();
  TimedExecutor(const TimedExecutor&) = delete;
  TimedExecutor& operator=(const TimedExecutor&) = delete;

  // `call`'s response if it finished within `timeout`, else nothing.
  std::optional<api::Response> run(std::function<api::Response()> call,
                                   std::chrono::milliseconds timeout);

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace lf::server
