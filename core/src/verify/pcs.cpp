#include "lf/verify/pcs.hpp"

#include <nlohmann/json.hpp>

#include "json_strings.hpp"
#include "lf/verify/float_format.hpp"

namespace lf::verify {
namespace {

// Document order is kept: N_j is written back in the order it was read.
using Json = nlohmann::ordered_json;

class Reader {
 public:
  Reader(const Json& object, PcsParsing parsing) : object_(object), parsing_(parsing) {}

  // The member, or nullptr when absent (and, lenient, when null).
  Result<const Json*> member(std::string_view key) const {
    const auto it = object_.find(key);
    if (it == object_.end() || (parsing_ == PcsParsing::lenient && it->is_null())) {
      if (parsing_ == PcsParsing::lenient) return static_cast<const Json*>(nullptr);
      return invalid(key, "is required");
    }
    return &*it;
  }

  Status text(std::string_view key, std::string& out) const {
    auto node = member(key);
    if (!node) return std::move(node).error();
    if (*node == nullptr) return {};
    if (!(*node)->is_string()) return invalid(key, "must be a string");
    out = (*node)->get<std::string>();
    return {};
  }

  Status integer(std::string_view key, std::int64_t& out) const {
    auto node = member(key);
    if (!node) return std::move(node).error();
    if (*node == nullptr) return {};
    return read_integer(**node, key, out);
  }

  Status number(std::string_view key, double& out) const {
    auto node = member(key);
    if (!node) return std::move(node).error();
    if (*node == nullptr) return {};
    if (!(*node)->is_number()) return invalid(key, "must be a number");
    out = (*node)->get<double>();
    return {};
  }

  Status boolean(std::string_view key, bool& out) const {
    auto node = member(key);
    if (!node) return std::move(node).error();
    if (*node == nullptr) return {};
    if (!(*node)->is_boolean()) return invalid(key, "must be true or false");
    out = (*node)->get<bool>();
    return {};
  }

  Status integers(std::string_view key, std::vector<std::int64_t>& out) const {
    auto node = member(key);
    if (!node) return std::move(node).error();
    if (*node == nullptr) return {};
    if (!(*node)->is_array()) return invalid(key, "must be an array of integers");
    for (const Json& element : **node) {
      std::int64_t value = 0;
      if (auto s = read_integer(element, key, value); !s) return s;
      out.push_back(value);
    }
    return {};
  }

  Status numbers(std::string_view key, std::vector<double>& out) const {
    auto node = member(key);
    if (!node) return std::move(node).error();
    if (*node == nullptr) return {};
    if (!(*node)->is_array()) return invalid(key, "must be an array of numbers");
    for (const Json& element : **node) {
      if (!element.is_number()) return invalid(key, "must be an array of numbers");
      out.push_back(element.get<double>());
    }
    return {};
  }

  Status texts(std::string_view key, std::vector<std::string>& out) const {
    auto node = member(key);
    if (!node) return std::move(node).error();
    if (*node == nullptr) return {};
    if (!(*node)->is_array()) return invalid(key, "must be an array of strings");
    for (const Json& element : **node) {
      if (!element.is_string()) return invalid(key, "must be an array of strings");
      out.push_back(element.get<std::string>());
    }
    return {};
  }

  Status counts(std::string_view key,
                std::vector<std::pair<std::string, std::int64_t>>& out) const {
    auto node = member(key);
    if (!node) return std::move(node).error();
    if (*node == nullptr) return {};
    if (!(*node)->is_object()) return invalid(key, "must be an object of integers");
    for (auto it = (*node)->begin(); it != (*node)->end(); ++it) {
      std::int64_t value = 0;
      if (auto s = read_integer(it.value(), key, value); !s) return s;
      out.emplace_back(it.key(), value);
    }
    return {};
  }

  Result<const Json*> object(std::string_view key) const {
    auto node = member(key);
    if (!node) return node;
    if (*node != nullptr && !(*node)->is_object()) return invalid(key, "must be an object");
    return node;
  }

 private:
  static Error invalid(std::string_view key, std::string_view problem) {
    return make_error(ErrorCode::pcs_invalid,
                      "PCS field '" + std::string(key) + "' " + std::string(problem));
  }

  static Status read_integer(const Json& value, std::string_view key, std::int64_t& out) {
    if (value.is_number_integer() && value.is_number_unsigned() &&
        value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) {
      return invalid(key, "is out of the 64-bit integer range");
    }
    if (!value.is_number_integer()) return invalid(key, "must be an integer");
    out = value.get<std::int64_t>();
    return {};
  }

  const Json& object_;
  PcsParsing parsing_;
};

Status read_ft(const Json* node, PcsParsing parsing, FaultTolerance& ft) {
  if (node == nullptr) return {};
  const Reader ft_reader(*node, parsing);
  if (auto s = ft_reader.integer("outbox_seq", ft.outbox_seq); !s) return s;
  if (auto s = ft_reader.boolean("degraded", ft.degraded); !s) return s;
  if (auto s = ft_reader.texts("fallbacks", ft.fallbacks); !s) return s;
  return ft_reader.integer("clock_skew_ms", ft.clock_skew_ms);
}

Status read_record(const Reader& in, PcsParsing parsing, Pcs& pcs) {
  // Lenient reading starts from zero values, as Go's decoder does.
  if (parsing == PcsParsing::lenient) {
    pcs.schema.clear();
    pcs.version.clear();
    pcs.attempt = 0;
  }
  for (auto s : {in.text("pcs_id", pcs.pcs_id), in.text("schema", pcs.schema),
                 in.text("version", pcs.version), in.text("shard_id", pcs.shard_id),
                 in.integer("epoch", pcs.epoch), in.integer("attempt", pcs.attempt),
                 in.text("sent_at", pcs.sent_at), in.integer("seed", pcs.seed),
                 in.integers("scales", pcs.scales), in.counts("N_j", pcs.n_j),
                 in.number("coh_star", pcs.coh_star), in.numbers("v_star", pcs.v_star),
                 in.number("D_hat", pcs.d_hat), in.number("r", pcs.r),
                 in.text("regime", pcs.regime), in.number("budget", pcs.budget),
                 in.text("merkle_root", pcs.merkle_root), in.text("sig", pcs.sig)}) {
    if (!s) return s;
  }
  auto ft = in.object("ft");
  if (!ft) return std::move(ft).error();
  return read_ft(*ft, parsing, pcs.ft);
}

// json.dump(indent=2) layout.
class Writer {
 public:
  Writer& key(std::string_view name) {
    separate();
    detail::append_python_json_string(out_, name);
    out_ += ": ";
    return *this;
  }
  void string(std::string_view value) { detail::append_python_json_string(out_, value); }
  void integer(std::int64_t value) { out_ += std::to_string(value); }
  void number(double value) { out_ += python_repr(value); }
  void boolean(bool value) { out_ += value ? "true" : "false"; }
  void open(char bracket) {
    out_ += bracket;
    ++depth_;
    first_ = true;
  }
  void close(char bracket) {
    --depth_;
    if (!first_) newline();
    out_ += bracket;
    first_ = false;
  }
  // An array element (or the first member of a container).
  Writer& element() {
    separate();
    return *this;
  }
  std::string take() { return std::move(out_); }

 private:
  void separate() {
    if (!first_) out_ += ',';
    newline();
    first_ = false;
  }
  void newline() {
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }
  std::string out_;
  int depth_ = 0;
  bool first_ = true;
};

}  // namespace

Result<Pcs> parse_pcs(std::string_view json_text, PcsParsing parsing) {
  const Json root = Json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (root.is_discarded()) {
    return make_error(ErrorCode::json_parse_error, "the PCS is not valid JSON");
  }
  if (!root.is_object()) return make_error(ErrorCode::pcs_invalid, "the PCS must be a JSON object");
  Pcs pcs;
  if (auto s = read_record(Reader(root, parsing), parsing, pcs); !s) return std::move(s).error();
  return pcs;
}

std::string write_pcs(const Pcs& pcs) {
  Writer w;
  w.open('{');
  w.key("pcs_id").string(pcs.pcs_id);
  w.key("schema").string(pcs.schema);
  w.key("version").string(pcs.version);
  w.key("shard_id").string(pcs.shard_id);
  w.key("epoch").integer(pcs.epoch);
  w.key("attempt").integer(pcs.attempt);
  w.key("sent_at").string(pcs.sent_at);
  w.key("seed").integer(pcs.seed);
  w.key("scales");
  w.open('[');
  for (const auto scale : pcs.scales) w.element().integer(scale);
  w.close(']');
  w.key("N_j");
  w.open('{');
  for (const auto& [scale, count] : pcs.n_j) w.key(scale).integer(count);
  w.close('}');
  w.key("coh_star").number(pcs.coh_star);
  w.key("v_star");
  w.open('[');
  for (const double component : pcs.v_star) w.element().number(component);
  w.close(']');
  w.key("D_hat").number(pcs.d_hat);
  w.key("r").number(pcs.r);
  w.key("regime").string(pcs.regime);
  w.key("budget").number(pcs.budget);
  w.key("merkle_root").string(pcs.merkle_root);
  w.key("sig").string(pcs.sig);
  w.key("ft");
  w.open('{');
  w.key("outbox_seq").integer(pcs.ft.outbox_seq);
  w.key("degraded").boolean(pcs.ft.degraded);
  w.key("fallbacks");
  w.open('[');
  for (const auto& fallback : pcs.ft.fallbacks) w.element().string(fallback);
  w.close(']');
  w.key("clock_skew_ms").integer(pcs.ft.clock_skew_ms);
  w.close('}');
  w.close('}');
  return w.take();
}

const std::int64_t* find_count(const Pcs& pcs, std::int64_t scale) {
  const std::string key = std::to_string(scale);
  for (const auto& [name, count] : pcs.n_j) {
    if (name == key) return &count;
  }
  return nullptr;
}

}  // namespace lf::verify
