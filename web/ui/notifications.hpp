// Short messages for the analyst (a file loaded, a bad file, a feed that
// dropped), shown in a corner and kept in a log: errors are never silent
// and never modal.
#pragma once

#include <deque>
#include <string>

#include "lf/common/result.hpp"

namespace lf::ui {

enum class NoticeLevel { info, error };

struct Notice {
  NoticeLevel level;
  std::string text;
  double posted_at;  // seconds, the app's clock
};

class Notifications {
 public:
  void info(std::string text);
  // "<what>: <message> [<code>]", the same shape the CLI prints.
  void error(const std::string& what, const Error& error);
  void error(std::string text);

  void set_clock(double now) noexcept { now_ = now; }
  // The recent ones as an overlay in the bottom-right corner.
  void draw() const;
  const std::deque<Notice>& log() const noexcept { return log_; }

 private:
  void post(NoticeLevel level, std::string text);

  std::deque<Notice> log_;  // newest last, bounded
  double now_ = 0.0;
};

}  // namespace lf::ui
