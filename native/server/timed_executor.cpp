#include "server/timed_executor.hpp"

#include <memory>

namespace lf::server {
namespace {

// Where a call leaves its response; shared, because a caller that gave up
// may be gone when the call finishes.
struct Outcome {
  std::mutex mutex;
  std::condition_variable done;
  std::optional<api::Response> response;
  bool abandoned = false;  // the caller gave up: a call not yet started is skipped
};

}  // namespace

TimedExecutor::TimedExecutor(std::size_t threads) {
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
}

TimedExecutor::~TimedExecutor() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& thread : threads_) thread.join();
}

std::optional<api::Response> TimedExecutor::run(std::function<api::Response()> call,
                                                std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto outcome = std::make_shared<Outcome>();
  {
    std::lock_guard lock(mutex_);
    queue_.emplace_back([outcome, call = std::move(call)] {
      {
        std::lock_guard lock(outcome->mutex);
        if (outcome->abandoned) return;
      }
      api::Response response = call();
      std::lock_guard lock(outcome->mutex);
      outcome->response = std::move(response);
      outcome->done.notify_one();
    });
  }
  ready_.notify_one();
  std::unique_lock lock(outcome->mutex);
  if (!outcome->done.wait_until(lock, deadline, [&] { return outcome->response.has_value(); })) {
    outcome->abandoned = true;
    return std::nullopt;
  }
  return std::move(outcome->response);
}

void TimedExecutor::work() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock lock(mutex_);
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

}  // namespace lf::server
