// Crash test: a child process appends to the write-ahead log, acknowledging
// each record on a pipe once append() has returned (written and fsync'd); the
// parent SIGKILLs it at a random moment mid-stream, many times over, reopening
// the log after every kill. Every acknowledged record must be replayed, in
// order and intact, and nothing corrupt may ever be accepted: at most the one
// record in flight may additionally appear, and then only whole.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

#include "scratch_dir.hpp"
#include "storage/write_ahead_log.hpp"

using namespace lf;

namespace {

constexpr int kIterations = 60;
constexpr auto kTimeBudget = std::chrono::seconds(6);

// Record i: its index, then bytes from an LCG seeded by i. Every other
// record is large (256 KiB to 1 MiB), so that the kill can cut a write short.
std::string payload(std::uint64_t index) {
  const std::size_t size =
      8 + (index % 2 == 0 ? (256 << 10) + (index * 104729) % (768 << 10) : index % 97);
  std::string out(size, '\0');
  for (int i = 0; i < 8; ++i)
    out[static_cast<std::size_t>(i)] = static_cast<char>(index >> (8 * i));
  std::uint32_t state = static_cast<std::uint32_t>(index) * 2654435761U + 1;
  for (std::size_t i = 8; i < size; ++i) {
    state = state * 1664525U + 1013904223U;
    out[i] = static_cast<char>(state >> 24);
  }
  return out;
}

[[noreturn]] void append_until_killed(const std::string& path, int ack_fd) {
  std::uint64_t next = 0;
  auto wal = storage::WriteAheadLog::open(path, [&](std::string_view) { ++next; });
  if (!wal) _exit(3);
  while (true) {
    if (!wal->append(payload(next))) _exit(4);
    if (write(ack_fd, &next, sizeof next) != sizeof next) _exit(5);
    ++next;
  }
}

}  // namespace

TEST_SUITE("wal_crash") {
  TEST_CASE("SIGKILL mid-append: acknowledged records replay, nothing corrupt is accepted") {
    lf::test::ScratchDir dir;
    const std::string path = dir.file("wal");
    std::mt19937 random(12345);
    std::uniform_int_distribution<int> delay_us(1000, 25000);
    const auto start = std::chrono::steady_clock::now();
    std::uint64_t acknowledged = 0;  // records acknowledged so far, over all runs
    std::uint64_t durable = 0;       // records found on disk after the previous run
    std::uint64_t torn_tails = 0;
    int iterations = 0;
    for (; iterations < kIterations && std::chrono::steady_clock::now() - start < kTimeBudget;
         ++iterations) {
      int pipe_fds[2];
      REQUIRE(pipe(pipe_fds) == 0);
      const pid_t child = fork();
      REQUIRE(child >= 0);
      if (child == 0) {
        close(pipe_fds[0]);
        append_until_killed(path, pipe_fds[1]);
      }
      close(pipe_fds[1]);
      usleep(static_cast<useconds_t>(delay_us(random)));
      kill(child, SIGKILL);
      int status = 0;
      waitpid(child, &status, 0);
      REQUIRE(WIFSIGNALED(status));
      std::uint64_t index = 0;
      while (read(pipe_fds[0], &index, sizeof index) == sizeof index) acknowledged = index + 1;
      close(pipe_fds[0]);

      std::uint64_t replayed = 0;
      bool intact = true;
      auto wal = storage::WriteAheadLog::open(path, [&](std::string_view record) {
        intact = intact && record == payload(replayed);
        ++replayed;
      });
      REQUIRE(wal.ok());
      REQUIRE(intact);
      // The child resumed after the records already on disk; of what it
      // wrote, all acknowledged ones are back plus at most the one in flight.
      const std::uint64_t expected = std::max(acknowledged, durable);
      REQUIRE(replayed >= expected);
      REQUIRE(replayed <= expected + 1);
      durable = replayed;
      torn_tails += wal->truncated_bytes() > 0 ? 1 : 0;
    }
    MESSAGE("iterations: " << iterations << ", acknowledged records: " << acknowledged
                           << ", torn tails repaired: " << torn_tails);
    CHECK(iterations >= 10);
    CHECK(acknowledged > 0);
  }
}
