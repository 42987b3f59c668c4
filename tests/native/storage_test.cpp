// The file-backed storage: framed record log (torn tails, corruption),
// durable dedup store (restart, first write wins, TTL, compaction), audit log
// file, and the intake pipeline on top of them across a restart.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <vector>

#include "lf/verify/merkle.hpp"
#include "lf/verify/pcs.hpp"
#include "lf/verify/signing.hpp"
#include "lf/verify/submission.hpp"
#include "scratch_dir.hpp"
#include "storage/audit_log_file.hpp"
#include "storage/file_dedup_store.hpp"
#include "storage/record_log.hpp"
#include "storage/write_ahead_log.hpp"

using namespace lf;
using lf::test::ScratchDir;

namespace {

std::vector<std::string> replay(const std::string& path) {
  std::vector<std::string> records;
  auto log = storage::RecordLog::open(path, [&](std::string_view r) { records.emplace_back(r); });
  REQUIRE(log.ok());
  return records;
}

std::string file_bytes(const std::string& path) {
  auto text = storage::read_text_file(path);
  REQUIRE(text.ok());
  return *text;
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

verify::Pcs sample_pcs() {
  verify::Pcs pcs;
  pcs.merkle_root = std::string(64, 'a');
  pcs.shard_id = "shard";
  pcs.epoch = 3;
  pcs.pcs_id = verify::pcs_id_hex(pcs.merkle_root, pcs.epoch, pcs.shard_id);
  pcs.sent_at = "2025-01-19T12:00:00Z";
  pcs.scales = {2, 4};
  pcs.n_j = {{"2", 4}, {"4", 16}};
  pcs.d_hat = 2.0;
  pcs.coh_star = 0.5;
  pcs.r = 0.5;
  pcs.regime = "mixed";
  pcs.budget = 0.35;
  pcs.v_star = {1.0, 0.0, 0.0};
  return pcs;
}

}  // namespace

TEST_SUITE("storage") {
  TEST_CASE("record log: append, replay, continue after reopen") {
    ScratchDir dir;
    const std::string path = dir.file("log");
    {
      auto log = storage::RecordLog::open(path, [](std::string_view) {});
      REQUIRE(log.ok());
      for (const char* record : {"one", "", "three\n\0x"}) REQUIRE(log->append(record).ok());
      CHECK(log->records() == 3);
      // A second writer is locked out while the first holds the file.
      auto second = storage::RecordLog::open(path, [](std::string_view) {});
      REQUIRE_FALSE(second.ok());
      CHECK(second.error().code == ErrorCode::storage_error);
    }
    CHECK(replay(path) == std::vector<std::string>{"one", "", "three\n"});
    {
      auto log = storage::RecordLog::open(path, [](std::string_view) {});
      REQUIRE(log->append("four").ok());
    }
    CHECK(replay(path).size() == 4);
  }

  TEST_CASE("record log: a torn tail at any byte is cut off, earlier records survive") {
    ScratchDir dir;
    const std::string path = dir.file("log");
    {
      auto log = storage::RecordLog::open(path, [](std::string_view) {});
      REQUIRE(log->append("first record").ok());
      REQUIRE(log->append(std::string(300, 'x')).ok());
    }
    const std::string whole = file_bytes(path);
    const std::size_t second_start = 12 + std::string("first record").size();
    for (std::size_t cut = second_start; cut < whole.size(); ++cut) {
      write_bytes(path, whole.substr(0, cut));
      std::vector<std::string> records;
      auto log =
          storage::RecordLog::open(path, [&](std::string_view r) { records.emplace_back(r); });
      REQUIRE(log.ok());
      REQUIRE(records == std::vector<std::string>{"first record"});
      CHECK(log->truncated_bytes() == cut - second_start);
      REQUIRE(log->append("after").ok());
    }
    CHECK(replay(path) == std::vector<std::string>{"first record", "after"});
  }

  TEST_CASE("record log: a corrupted byte is never accepted") {
    ScratchDir dir;
    const std::string path = dir.file("log");
    {
      auto log = storage::RecordLog::open(path, [](std::string_view) {});
      for (int i = 0; i < 3; ++i) REQUIRE(log->append("record " + std::to_string(i)).ok());
    }
    const std::string whole = file_bytes(path);
    for (std::size_t i = 0; i < whole.size(); ++i) {
      std::string damaged = whole;
      damaged[i] = static_cast<char>(damaged[i] ^ 0x40);
      write_bytes(path, damaged);
      const auto records = replay(path);
      // Only intact records, in order, from the start: a prefix of the original.
      REQUIRE(records.size() < 3);
      for (std::size_t r = 0; r < records.size(); ++r)
        CHECK(records[r] == "record " + std::to_string(r));
    }
  }

  TEST_CASE("durable dedup store: survives restart, first write wins, TTL") {
    ScratchDir dir;
    const std::string path = dir.file("dedup");
    {
      auto store = storage::FileDedupStore::open(path, 0);
      REQUIRE(store.ok());
      CHECK(*(*store)->put_if_absent("a", "first", 0, 100) == "first");
      CHECK(*(*store)->put_if_absent("a", "second", 10, 100) == "first");
      CHECK(*(*store)->put_if_absent("b", "short", 0, 5) == "short");
    }
    {
      auto store = storage::FileDedupStore::open(path, 50);
      REQUIRE(store.ok());
      CHECK(**(*store)->get("a", 50) == "first");
      CHECK_FALSE((*store)->get("b", 50)->has_value());  // expired before the restart
      CHECK(*(*store)->put_if_absent("a", "third", 60, 100) == "first");
      CHECK(*(*store)->put_if_absent("a", "fourth", 100, 100) == "fourth");  // expired at 100
    }
    auto store = storage::FileDedupStore::open(path, 150);
    CHECK(**(*store)->get("a", 150) == "fourth");
    CHECK((*store)->live_entries(150) == 1);
  }

  TEST_CASE("durable dedup store: expired records are compacted away on open") {
    ScratchDir dir;
    const std::string path = dir.file("dedup");
    {
      auto store = storage::FileDedupStore::open(path, 0);
      for (int i = 0; i < 500; ++i) {
        const std::string key = std::to_string(i);
        (void)(*store)->put_if_absent(key, std::string(100, 'v'), 0, 10);
      }
      (void)(*store)->put_if_absent("keep", "kept", 0, 1000);
    }
    const auto before = std::filesystem::file_size(path);
    auto store = storage::FileDedupStore::open(path, 20);
    REQUIRE(store.ok());
    CHECK(std::filesystem::file_size(path) < before / 50);
    CHECK(**(*store)->get("keep", 20) == "kept");
    CHECK((*store)->live_entries(20) == 1);
  }

  TEST_CASE("audit log file: append, checkpoint, reopen, torn tail, tampering refused") {
    ScratchDir dir;
    const std::string path = dir.file("audit.log");
    verify::Ed25519Seed seed{};
    seed[0] = 42;
    const auto key = verify::ed25519_keypair_from_seed(seed);
    {
      auto file = storage::AuditLogFile::open(path);
      REQUIRE(file.ok());
      REQUIRE(file->append(R"({"event":"start"})").ok());
      REQUIRE(file->checkpoint(key).ok());
      CHECK_FALSE(file->append("{broken").ok());
      CHECK(file->chain().records() == 2);
    }
    {
      auto file = storage::AuditLogFile::open(path);
      REQUIRE(file.ok());
      REQUIRE(file->append(R"({"event":"after restart"})").ok());
    }
    const std::string intact = file_bytes(path);
    verify::AuditVerifyOptions pinned;
    pinned.checkpoint_key = key.public_key;
    CHECK(verify::verify_audit_log(intact, pinned).intact);

    write_bytes(path, intact + R"({"data":)");  // a crash mid-append
    {
      auto file = storage::AuditLogFile::open(path);
      REQUIRE(file.ok());
      CHECK(file->chain().records() == 3);
    }
    CHECK(file_bytes(path) == intact);

    std::string tampered = intact;
    tampered[tampered.find("start")] = 'S';
    write_bytes(path, tampered);
    auto refused = storage::AuditLogFile::open(path);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("line 1") != std::string::npos);
  }

  TEST_CASE("intake across a restart: the stored result is replayed from disk") {
    ScratchDir dir;
    verify::KeyRegistry keys;
    keys.set("t", verify::VerificationKey::hmac("secret"));
    verify::Pcs pcs = sample_pcs();
    REQUIRE(verify::sign_pcs(pcs, verify::SigningKey::hmac("secret")).ok());
    std::string first_body;
    std::vector<std::string> logged;
    {
      auto wal = storage::WriteAheadLog::open(dir.file("wal"), [](std::string_view) {});
      auto store = storage::FileDedupStore::open(dir.file("dedup"), 0);
      REQUIRE(wal.ok());
      REQUIRE(store.ok());
      verify::SubmissionService service(keys, **store, &*wal, [] { return verify::Millis{0}; });
      const auto reply = service.submit("t", verify::write_pcs(pcs));
      CHECK(reply.status == 200);
      first_body = reply.body;
    }
    auto wal = storage::WriteAheadLog::open(
        dir.file("wal"), [&](std::string_view raw) { logged.emplace_back(raw); });
    auto store = storage::FileDedupStore::open(dir.file("dedup"), 1);
    REQUIRE(logged.size() == 1);
    CHECK(logged[0] == verify::write_pcs(pcs));
    verify::SubmissionService service(keys, **store, &*wal, [] { return verify::Millis{1}; });
    verify::Pcs changed = pcs;
    changed.budget = 0.9;  // same pcs_id, re-signed: the first result stands
    REQUIRE(verify::sign_pcs(changed, verify::SigningKey::hmac("secret")).ok());
    const auto replayed = service.submit("t", verify::write_pcs(changed));
    CHECK(replayed.replayed);
    CHECK(replayed.body == first_body);
    CHECK(wal->records() == 2);
  }
}
