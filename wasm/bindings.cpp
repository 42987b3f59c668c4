// The embind surface of lf_core.wasm. It is deliberately small and private:
// index.js is the public API, validates argument types, and turns the
// {ok, error} results into thrown LatticeForgeErrors.
#include <emscripten/bind.h>

#include <string>

#include "detector_handle.hpp"
#include "grok_monitor_handle.hpp"
#include "lf/api/dispatch.hpp"
#include "table_reading.hpp"

namespace lf::wasm {
namespace {

emscripten::val dispatch(const std::string& route, const std::string& body) {
  const api::Response response = api::dispatch(route, body);
  emscripten::val result = emscripten::val::object();
  result.set("status", response.status);
  result.set("body", response.body);
  return result;
}

std::string version() {
  return LF_VERSION;
}

}  // namespace

EMSCRIPTEN_BINDINGS(latticeforge) {
  emscripten::class_<DetectorHandle>("DetectorHandle")
      .class_function("create", &DetectorHandle::create)
      .function("push", &DetectorHandle::push)
      .function("reset", &DetectorHandle::reset)
      .property("samplesSeen", &DetectorHandle::samples_seen)
      .property("name", &DetectorHandle::name)
      .property("version", &DetectorHandle::version)
      .property("parameters", &DetectorHandle::parameters)
      .property("members", &DetectorHandle::members);
  emscripten::class_<GrokMonitorHandle>("GrokMonitorHandle")
      .class_function("create", &GrokMonitorHandle::create)
      .function("onToken", &GrokMonitorHandle::on_token)
      .function("shouldEarlyStop", &GrokMonitorHandle::should_early_stop)
      .function("reset", &GrokMonitorHandle::reset)
      .property("state", &GrokMonitorHandle::state)
      .property("tokens", &GrokMonitorHandle::tokens)
      .property("vocabSize", &GrokMonitorHandle::vocab_size)
      .property("parameters", &GrokMonitorHandle::parameters);
  emscripten::function("dispatch", &dispatch);
  emscripten::function("readCsv", &read_csv_table);
  emscripten::function("readTcpd", &read_tcpd_table);
  emscripten::function("version", &version);
}

}  // namespace lf::wasm
