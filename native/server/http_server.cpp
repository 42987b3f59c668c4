#include "server/http_server.hpp"

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>
#include <thread>

#include "server/clocks.hpp"
#include "server/connection_server.hpp"
#include "server/core_gateway.hpp"
#include "server/pcs_intake.hpp"
#include "server/request_handler.hpp"
#include "server/shutdown_signals.hpp"
#include "server/stream_sources.hpp"

namespace lf::server {
namespace {

// A chunked body is read (and dropped) past the limit up to this much, so
// the connection stays usable for the 413; beyond it the read is abandoned.
constexpr std::size_t kDrainLimit = 16 * kBodyLimit;
constexpr time_t kSocketTimeoutSeconds = 5;

Result<TenantDirectory> load_tenants(const ServerConfig& config) {
  if (config.no_auth) return TenantDirectory::open_access();
  if (config.tenants_file.empty()) return TenantDirectory::parse(config.tenants_json);
  std::ifstream in(config.tenants_file, std::ios::binary);
  if (!in) {
    return make_error(ErrorCode::invalid_argument,
                      "cannot read the tenants file '" + config.tenants_file + "'");
  }
  std::ostringstream text;
  text << in.rdbuf();
  return TenantDirectory::parse(text.str());
}

RequestBody read_body(const httplib::Request& request, httplib::Response& response,
                      const httplib::ContentReader& reader) {
  RequestBody body;
  const bool chunked =
      request.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos;
  // No length and not chunked: no body (cpp-httplib would read to EOF).
  if (!request.has_header("Content-Length") && !chunked) return body;
  std::size_t total = 0;
  const bool complete = reader([&](const char* data, std::size_t size) {
    total += size;
    if (total <= kBodyLimit) {
      body.text.append(data, size);
    } else {
      body.oversized = true;
    }
    return total <= kDrainLimit;
  });
  // cpp-httplib refuses a Content-Length over its payload limit with 413,
  // having read past the body.
  if (!complete && response.status == 413) body.oversized = true;
  if (!complete && !body.oversized) body.unreadable = true;
  if (body.oversized) body.text.clear();
  return body;
}

void route_everything(httplib::Server& http, RequestHandler& handler) {
  const auto without_body = [&handler](const httplib::Request& request,
                                       httplib::Response& response) {
    handler.handle(request, response, RequestBody{request.body, false, false});
  };
  const auto with_body = [&handler](const httplib::Request& request, httplib::Response& response,
                                    const httplib::ContentReader& reader) {
    handler.handle(request, response, read_body(request, response, reader));
  };
  http.Get(".*", without_body);
  http.Options(".*", without_body);
  http.Post(".*", with_body);
  http.Put(".*", with_body);
  http.Patch(".*", with_body);
  http.Delete(".*", with_body);
  // Past the handler's own catch (reading the body, say): a bare 500, which
  // the error handler below turns into the contract's JSON. cpp-httplib's
  // default would put the exception's text in a response header.
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
        response.status = 500;
        response.body.clear();
      });
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [&handler](const httplib::Request& request, httplib::Response& response) {
        return handler.handle_library_error(request, response)
                   ? httplib::Server::HandlerResponse::Handled
                   : httplib::Server::HandlerResponse::Unhandled;
      }));
}

std::string url_host(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

std::string source_description(const ServerConfig& config) {
  if (!config.replay_file.empty()) return "replay " + config.replay_file;
  if (!config.tail_file.empty()) return "tail " + config.tail_file;
  return "ingest";
}

}  // namespace

int run_server(const ServerConfig& config, std::ostream& out, std::ostream& err) {
  // Before any thread exists, so that only the watcher takes the signals.
  ShutdownSignals signals;
  if (auto s = validate(config); !s) {
    err << "lf serve: " << s.error().message << "\n";
    return 2;
  }
  auto tenants = load_tenants(config);
  if (!tenants) {
    err << "lf serve: " << tenants.error().message << "\n";
    return 2;
  }
  std::optional<std::vector<double>> replay;
  if (!config.replay_file.empty()) {
    auto values = ReplaySource::load(config.replay_file, config.column);
    if (!values) {
      err << "lf serve: --replay: " << values.error().message << "\n";
      return 2;
    }
    replay = std::move(*values);
  }
  RequestLog log;
  Metrics metrics;
  EventHub hub;
  auto pipeline = StreamPipeline::create(
      config.detectors.empty() ? default_stream_detectors() : config.detectors, hub, metrics);
  if (!pipeline) {
    err << "lf serve: --detector: " << pipeline.error().message << "\n";
    return 2;
  }
  auto intake = PcsIntake::open(config.data_dir, *tenants, unix_millis());
  if (!intake) {
    err << "lf serve: " << intake.error().message << "\n";
    return 1;
  }
  Authenticator auth(*tenants);
  RateLimiter rate(*tenants, monotonic_seconds());
  CoreGateway core(std::max(2u, std::thread::hardware_concurrency()), config.request_timeout,
                   metrics);
  StaticFiles statics(config.static_dir);
  if (!config.static_dir.empty() && !statics.enabled()) {
    err << "lf serve: --static: '" << config.static_dir << "' is not a directory\n";
    return 2;
  }
  RequestHandler handler(Services{auth, rate, metrics, log, core, **intake, hub, **pipeline,
                                  statics, std::max<std::size_t>(1, config.threads / 4)});

  ConnectionServer http;
  http.new_task_queue = [threads = config.threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(kBodyLimit);
  http.set_keep_alive_max_count(1'000'000);
  http.set_keep_alive_timeout(config.keep_alive.count());
  http.set_read_timeout(kSocketTimeoutSeconds);
  http.set_write_timeout(kSocketTimeoutSeconds);
  // Headers and body go out in two writes: without TCP_NODELAY, Nagle's
  // algorithm and delayed ACKs hold the second back ~40 ms on keep-alive.
  http.set_tcp_nodelay(true);
  route_everything(http, handler);

  const int port = http.bind(config.host, config.port);
  if (port <= 0) {
    err << "lf serve: cannot listen on " << config.host << ":" << config.port << "\n";
    return 1;
  }
  const std::string url = "http://" + url_host(config.host) + ":" + std::to_string(port);
  out << "listening on " << url << std::endl;
  log.event("info", "listening",
            {{"url", url},
             {"auth", tenants->open() ? "none (--no-auth)" : "tenants"},
             {"pcs_store", (*intake)->durable() ? config.data_dir : "memory"},
             {"static", statics.enabled() ? config.static_dir : "none"},
             {"stream_source", source_description(config)}});

  std::unique_ptr<ReplaySource> replay_source;
  std::unique_ptr<TailSource> tail_source;
  if (replay) replay_source = std::make_unique<ReplaySource>(*replay, config.speed, **pipeline);
  if (!config.tail_file.empty()) {
    tail_source = std::make_unique<TailSource>(config.tail_file, config.column, **pipeline, log);
  }

  std::atomic<bool> stop_requested{false};
  std::atomic<bool> listen_ended{false};
  signals.watch([&](const std::string& signal) {
    stop_requested = true;
    log.event("info", "draining", {{"signal", signal}});
    hub.close();
    // stop() only acts once the accept loop runs; a signal may come first.
    while (!http.is_running() && !listen_ended) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    http.stop();
  });
  const bool served = http.listen_after_bind();
  listen_ended = true;
  // What the watcher's callback touches is torn down below.
  signals.stop();
  // Every connection is closed and every handler has returned here.
  replay_source.reset();
  tail_source.reset();
  if (!served && !stop_requested) {
    log.event("error", "stopped", {{"reason", "the listening socket failed"}});
    return 1;
  }
  log.event("info", "stopped");
  return 0;
}

}  // namespace lf::server
