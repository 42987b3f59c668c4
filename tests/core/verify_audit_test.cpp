// The hash-chained audit log: every kind of tampering is detected and the
// first bad line is named.
#include <doctest/doctest.h>

#include <vector>

#include "lf/verify/audit_chain.hpp"
#include "lf/verify/encoding.hpp"

using namespace lf::verify;

namespace {

Ed25519KeyPair checkpoint_key(std::uint8_t tag) {
  Ed25519Seed seed{};
  seed[0] = tag;
  return ed25519_keypair_from_seed(seed);
}

// 12 records: entries with a checkpoint after every fourth.
std::vector<std::string> sample_lines() {
  AuditChain chain;
  std::vector<std::string> lines;
  for (int i = 0; i < 9; ++i) {
    auto line = chain.append(R"({"event":"pcs","n":)" + std::to_string(i) + R"(,"ok":true})");
    REQUIRE(line.ok());
    lines.push_back(*line);
    if (i % 4 == 3) lines.push_back(chain.checkpoint(checkpoint_key(1)));
  }
  lines.push_back(*chain.append(R"("a string entry")"));
  return lines;
}

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line;
  return text;
}

}  // namespace

TEST_SUITE("verify") {
  TEST_CASE("an intact chain verifies, with its checkpoints") {
    const auto lines = sample_lines();
    const AuditReport report = verify_audit_log(join(lines));
    CHECK(report.intact);
    CHECK(report.records == lines.size());
    CHECK(report.checkpoints == 2);
    CHECK_FALSE(report.first_bad);
    AuditVerifyOptions pinned;
    pinned.checkpoint_key = checkpoint_key(1).public_key;
    pinned.expected_records = lines.size();
    pinned.expected_head = report.head;
    CHECK(verify_audit_log(join(lines), pinned).intact);
    CHECK(verify_audit_log("").intact);
  }

  TEST_CASE("every flipped byte is detected at its own line") {
    const auto lines = sample_lines();
    const std::string text = join(lines);
    std::size_t line_start = 0;
    for (std::size_t line = 0; line < lines.size(); ++line) {
      for (std::size_t i = 0; i < lines[line].size(); ++i) {
        std::string changed = text;
        changed[line_start + i] = static_cast<char>(changed[line_start + i] ^ 0x20);
        const AuditReport report = verify_audit_log(changed);
        REQUIRE_FALSE(report.intact);
        // A flipped newline merges two lines or splits one: the damage shows
        // on this line either way.
        REQUIRE(report.first_bad->line == line + 1);
      }
      line_start += lines[line].size();
    }
  }

  TEST_CASE("deleted, inserted, reordered and truncated records are detected") {
    const auto lines = sample_lines();
    for (std::size_t removed = 0; removed + 1 < lines.size(); ++removed) {
      auto shorter = lines;
      shorter.erase(shorter.begin() + static_cast<std::ptrdiff_t>(removed));
      const AuditReport report = verify_audit_log(join(shorter));
      REQUIRE_FALSE(report.intact);
      CHECK(report.first_bad->line == removed + 1);
      CHECK(report.first_bad->reason == "sequence_mismatch");
    }
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
      auto swapped = lines;
      std::swap(swapped[i], swapped[i + 1]);
      const AuditReport report = verify_audit_log(join(swapped));
      REQUIRE_FALSE(report.intact);
      CHECK(report.first_bad->line == i + 1);
    }
    auto duplicated = lines;
    duplicated.insert(duplicated.begin() + 3, lines[2]);
    CHECK(verify_audit_log(join(duplicated)).first_bad->line == 4);

    // Cut inside a line: a torn tail.
    const std::string text = join(lines);
    const AuditReport torn = verify_audit_log(text.substr(0, text.size() - 5));
    CHECK(torn.first_bad->reason == "torn_tail");
    CHECK(torn.first_bad->line == lines.size());

    // Whole records dropped from the end: caught against the anchors.
    const std::string head = verify_audit_log(text).head;
    auto truncated = lines;
    truncated.resize(lines.size() - 2);
    AuditVerifyOptions by_count;
    by_count.expected_records = lines.size();
    const AuditReport short_count = verify_audit_log(join(truncated), by_count);
    CHECK(short_count.first_bad->reason == "truncated");
    CHECK(short_count.first_bad->line == lines.size() - 1);
    AuditVerifyOptions by_head;
    by_head.expected_head = head;
    CHECK(verify_audit_log(join(truncated), by_head).first_bad->reason == "head_mismatch");
  }

  TEST_CASE("a rewritten tail with a forged checkpoint fails against the pinned key") {
    const auto lines = sample_lines();
    // An attacker rebuilds the whole chain with his own checkpoint key.
    AuditChain forged_chain;
    std::string forged;
    for (int i = 0; i < 4; ++i) forged += *forged_chain.append(R"({"forged":true})");
    forged += forged_chain.checkpoint(checkpoint_key(2));
    CHECK(verify_audit_log(forged).intact);  // self-consistent...
    AuditVerifyOptions pinned;
    pinned.checkpoint_key = checkpoint_key(1).public_key;
    const AuditReport report = verify_audit_log(forged, pinned);  // ...but not ours
    CHECK(report.first_bad->reason == "bad_checkpoint");
    CHECK(report.first_bad->line == 5);
  }

  TEST_CASE("a chain resumes where the log ends") {
    const auto lines = sample_lines();
    auto chain = AuditChain::resume(join(lines));
    REQUIRE(chain.ok());
    CHECK(chain->records() == lines.size());
    const std::string next = *chain->append(R"({"after":"resume"})");
    CHECK(verify_audit_log(join(lines) + next).intact);
    CHECK_FALSE(AuditChain::resume(join(lines).substr(1)).ok());
    CHECK_FALSE(chain->append("{oops").ok());
  }
}
