// The JSON samples a live feed (Server-Sent Events or WebSocket) delivers.
// One message is one sample object or an array of them:
//   {"t": 12.5, "value": 0.73}                    one series, named by the feed
//   {"index": 41, "t": 41.0, "value": 0.73}       lf serve's /v1/stream `sample`
//   {"series": "price", "t": 12.5, "value": 101}  a named series
//   {"t": 12.5, "values": {"price": 101, "volume": 7}}  several at one time
// "timestamp" is accepted for "t"; without either the sample is placed one
// step after the series' last. Anything else is a typed error and no sample
// of the message is taken.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lf/common/result.hpp"

namespace lf::ui {

struct FeedSample {
  std::string series;  // empty: the feed's own series
  std::optional<double> timestamp;
  double value;
};

Result<std::vector<FeedSample>> parse_feed_message(std::string_view text);

}  // namespace lf::ui
