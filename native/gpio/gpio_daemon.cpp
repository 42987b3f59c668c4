#include "gpio/gpio_daemon.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <ostream>
#include <vector>

#include "gpio/audit_persist.hpp"
#include "gpio/control_protocol.hpp"
#include "gpio/control_socket.hpp"
#include "gpio/kill_switch_host.hpp"
#include "gpio/libgpiod_backend.hpp"
#include "gpio/simulated_backend.hpp"

namespace lf::gpio {
namespace {

using std::chrono::milliseconds;

// The longest the loop sleeps without reading the switch.
constexpr milliseconds kRereadPeriod{100};
// Control clients served at once; a command line longer than this is refused.
constexpr std::size_t kMaxClients = 16;
constexpr std::size_t kMaxCommandBytes = 64 * 1024;

// The stop signals (SIGTERM, SIGINT, SIGHUP) blocked and readable from a
// signalfd for the daemon's lifetime; the previous mask comes back
// afterwards. SIGHUP stops too: a closed terminal must not kill the host
// without its fail-safe exit.
class SignalWatch {
 public:
  SignalWatch() {
    sigemptyset(&signals_);
    sigaddset(&signals_, SIGTERM);
    sigaddset(&signals_, SIGINT);
    sigaddset(&signals_, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
    fd_ = ::signalfd(-1, &signals_, SFD_NONBLOCK | SFD_CLOEXEC);
  }
  ~SignalWatch() {
    if (fd_ >= 0) ::close(fd_);
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SignalWatch(const SignalWatch&) = delete;
  SignalWatch& operator=(const SignalWatch&) = delete;

  int fd() const noexcept { return fd_; }

  // The name of a pending signal, consuming it; empty when none is pending.
  std::string take() const {
    signalfd_siginfo info{};
    if (::read(fd_, &info, sizeof info) != static_cast<ssize_t>(sizeof info)) return {};
    switch (info.ssi_signo) {
      case SIGINT: return "SIGINT";
      case SIGHUP: return "SIGHUP";
      default: return "SIGTERM";
    }
  }

 private:
  sigset_t signals_{};
  sigset_t previous_{};
  int fd_ = -1;
};

struct Client {
  int fd = -1;
  std::string pending;  // bytes after the last complete command line
};

// The connected clients; whatever way the loop ends, their sockets close.
struct Clients {
  Clients() = default;
  Clients(const Clients&) = delete;
  Clients& operator=(const Clients&) = delete;
  ~Clients() {
    for (const auto& client : list) ::close(client.fd);
  }
  std::vector<Client> list;
};

// Records a trip made before the host exists (it could not be started),
// then hands back the error that prevented it.
Error record_start_failure(risk::TradingState& state, storage::AuditLogFile& audit,
                           risk::TripCause cause, const Error& error, std::ostream& log) {
  state.trip(cause, "lf gpio could not start: " + error.message, Instant::now().wall_seconds);
  if (auto s = persist_transitions(state, audit, log); !s) {
    log << "lf gpio: the trip could not be recorded: " << s.error().message << std::endl;
  }
  return error;
}

Result<std::unique_ptr<GpioBackend>> open_backend(const GpioConfig& config) {
  if (config.backend == BackendKind::libgpiod) {
    auto real = LibgpiodBackend::open(config.chip);
    if (!real) return std::move(real).error();
    return std::unique_ptr<GpioBackend>(std::move(*real));
  }
  auto created = SimulatedBackend::create();
  if (!created) return std::move(created).error();
  for (const auto& [offset, level] : config.simulated_drives) (*created)->drive(offset, level);
  return std::unique_ptr<GpioBackend>(std::move(*created));
}

// How long poll() may sleep: until the host's next deadline (rounded up, so
// the loop does not wake just before it), at most kRereadPeriod.
int poll_timeout(const KillSwitchHost& host) {
  milliseconds timeout = kRereadPeriod;
  if (const auto deadline = host.next_deadline()) {
    const auto left = *deadline - Instant::now().steady;
    timeout = std::clamp(std::chrono::ceil<milliseconds>(left), milliseconds(0), kRereadPeriod);
  }
  return static_cast<int>(timeout.count());
}

// Reads what `client` sent and answers every complete line; false when the
// client is gone or misbehaved (and must be closed).
bool serve_client(Client& client, KillSwitchHost& host, SimulatedBackend* simulated) {
  char buffer[4096];
  const ssize_t n = ::recv(client.fd, buffer, sizeof buffer, 0);
  if (n < 0) return errno == EAGAIN || errno == EINTR;
  if (n == 0) return false;
  client.pending.append(buffer, static_cast<std::size_t>(n));
  std::size_t end;
  while ((end = client.pending.find('\n')) != std::string::npos) {
    const std::string line = client.pending.substr(0, end);
    client.pending.erase(0, end + 1);
    const std::string reply = handle_control_line(line, host, simulated, Instant::now()) + "\n";
    // Replies are small: one that does not fit the socket buffer at once
    // belongs to a client that stopped reading.
    if (::send(client.fd, reply.data(), reply.size(), MSG_NOSIGNAL | MSG_DONTWAIT) !=
        static_cast<ssize_t>(reply.size())) {
      return false;
    }
  }
  return client.pending.size() <= kMaxCommandBytes;
}

// The loop: returns the signal's name when one stops it, or the error that
// failed the host.
Result<std::string> serve(KillSwitchHost& host, GpioBackend& backend, SimulatedBackend* simulated,
                          const ControlListener& listener, const SignalWatch& signals) {
  Clients connected;
  std::vector<Client>& clients = connected.list;
  const std::vector<int> edge_fds = backend.event_fds();
  while (true) {
    std::vector<pollfd> fds = {{signals.fd(), POLLIN, 0}, {listener.fd(), POLLIN, 0}};
    for (int fd : edge_fds) fds.push_back({fd, POLLIN, 0});
    const std::size_t first_client = fds.size();
    for (const auto& client : clients) fds.push_back({client.fd, POLLIN, 0});
    if (::poll(fds.data(), fds.size(), poll_timeout(host)) < 0 && errno != EINTR) {
      const Error failed =
          make_error(ErrorCode::device_error,
                     std::string("the daemon's poll failed: ") + std::strerror(errno));
      return host.fail(failed, Instant::now()).error();
    }
    if (std::string signal = signals.take(); !signal.empty()) return signal;
    if (std::any_of(fds.begin() + 2, fds.begin() + first_client,
                    [](const pollfd& p) { return p.revents != 0; })) {
      // The edges only wake the loop; service() reads the level itself.
      if (auto edges = backend.wait_edges(milliseconds(0)); !edges) {
        return host.fail(edges.error(), Instant::now()).error();
      }
    }
    if (auto s = host.service(Instant::now()); !s) return std::move(s).error();
    for (std::size_t i = clients.size(); i-- > 0;) {
      if (fds[first_client + i].revents == 0) continue;
      if (!serve_client(clients[i], host, simulated)) {
        ::close(clients[i].fd);
        clients.erase(clients.begin() + static_cast<std::ptrdiff_t>(i));
      }
    }
    if (host.failure()) return *host.failure();
    if (fds[1].revents != 0) {
      for (int fd; (fd = listener.accept()) >= 0;) {
        if (clients.size() >= kMaxClients) {
          ::close(fd);
        } else {
          clients.push_back({fd, {}});
        }
      }
    }
  }
}

// Both entry points: `given` is the caller's backend, or null to open the
// configured one.
Status run_daemon(const GpioConfig& config, GpioBackend* given, std::ostream& log) {
  if (auto s = validate(config); !s) return s;
  SignalWatch signals;
  if (signals.fd() < 0) {
    return make_error(ErrorCode::device_error,
                      std::string("cannot watch SIGTERM/SIGINT/SIGHUP: ") + std::strerror(errno));
  }
  auto audit = storage::AuditLogFile::open(config.audit_log);
  if (!audit) return std::move(audit).error();
  auto text = storage::read_text_file(config.audit_log);
  if (!text) return std::move(text).error();
  auto state = risk::TradingState::resume(*text);
  if (!state) {
    return make_error(state.error().code, "the audit log '" + config.audit_log +
                                              "' cannot be resumed: " + state.error().message);
  }
  auto listener = ControlListener::listen(config.socket_path);
  if (!listener) {
    return record_start_failure(*state, *audit, risk::TripCause::shutdown, listener.error(), log);
  }
  std::unique_ptr<GpioBackend> opened;
  if (given == nullptr) {
    auto backend = open_backend(config);
    if (!backend) {
      return record_start_failure(*state, *audit, risk::TripCause::backend_error, backend.error(),
                                  log);
    }
    opened = std::move(*backend);
    given = opened.get();
  }
  auto* simulated = dynamic_cast<SimulatedBackend*>(given);
  KillSwitchHost host(config, *given, *audit, std::move(*state), log);
  if (auto s = host.start(Instant::now()); !s) return s;
  log << "lf gpio: running on " << given->describe() << " (switch line " << config.switch_line
      << ", LEDs " << config.green_line << "/" << config.yellow_line << "/" << config.red_line
      << "), mode " << risk::to_string(host.mode()) << ", control socket " << config.socket_path
      << std::endl;

  auto stopped = serve(host, *given, simulated, *listener, signals);
  if (!stopped) return std::move(stopped).error();
  log << "lf gpio: " << *stopped << " received: stopping" << std::endl;
  return host.fail_safe(risk::TripCause::shutdown,
                        *stopped + " received: the host stopped supervising", Instant::now());
}

}  // namespace

Status run_gpio_daemon(const GpioConfig& config, std::ostream& log) {
  return run_daemon(config, nullptr, log);
}

Status run_gpio_daemon(const GpioConfig& config, GpioBackend& backend, std::ostream& log) {
  return run_daemon(config, &backend, log);
}

}  // namespace lf::gpio
