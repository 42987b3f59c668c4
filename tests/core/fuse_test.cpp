#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "lf/api/dispatch.hpp"
#include "lf/fuse/answer.hpp"
#include "lf/fuse/belief_bins.hpp"
#include "lf/fuse/combination.hpp"
#include "lf/fuse/discounting.hpp"
#include "lf/fuse/frame.hpp"
#include "lf/fuse/gating.hpp"
#include "lf/fuse/mass_function.hpp"
#include "lf/fuse/measures.hpp"
#include "lf/fuse/voting.hpp"

using namespace lf::fuse;
using lf::ErrorCode;
using nlohmann::json;

namespace {

// Hypotheses by bit: a, b, c, d (pyds) and M, C, T (Zadeh).
constexpr FocalSet A = 1, B = 2, C = 4, D = 8;
constexpr FocalSet kM = 1, kC = 2, kT = 4;

MassFunction mass(std::size_t frame_size, std::vector<FocalElement> elements,
                  const MassOptions& options = {}) {
  auto m = MassFunction::create(frame_size, std::move(elements), options);
  REQUIRE_MESSAGE(m.ok(), m.error().message);
  return std::move(*m);
}

Combination combined(const MassFunction& a, const MassFunction& b, Rule rule,
                     const CombineOptions& options = {}) {
  auto c = combine(a, b, rule, options);
  REQUIRE_MESSAGE(c.ok(), c.error().message);
  return std::move(*c);
}

Combination combined_all(const std::vector<MassFunction>& sources, Rule rule) {
  auto c = combine_all(sources, rule);
  REQUIRE_MESSAGE(c.ok(), c.error().message);
  return std::move(*c);
}

void check_close(double actual, double expected, double tolerance) {
  CHECK_MESSAGE(std::fabs(actual - expected) <= tolerance,
                "actual " << actual << " expected " << expected);
}

// m has exactly these focal elements (ascending sets), each mass to `tolerance`.
void check_masses(const MassFunction& m, std::vector<FocalElement> expected,
                  double tolerance = 1e-12) {
  const auto actual = m.focal_elements();
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK(actual[i].set == expected[i].set);
    check_close(actual[i].mass, expected[i].mass, tolerance);
  }
}

template <class T>
void check_code(const lf::Result<T>& result, ErrorCode code) {
  REQUIRE_FALSE(result.ok());
  CHECK_MESSAGE(result.error().code == code, result.error().message);
  CHECK_FALSE(result.error().message.empty());
}

// pyds' test mass functions over {a, b, c, d}.
MassFunction pyds_m1() {
  return mass(4, {{A, 0.4}, {B, 0.2}, {A | D, 0.1}, {A | B | C | D, 0.3}});
}
MassFunction pyds_m2() {
  return mass(4, {{B, 0.5}, {C, 0.2}, {A | C, 0.3}});
}
// Zadeh's example over {M, C, T}.
MassFunction zadeh_m1() {
  return mass(3, {{kM, 0.99}, {kT, 0.01}});
}
MassFunction zadeh_m2() {
  return mass(3, {{kC, 0.99}, {kT, 0.01}});
}

// Deterministic random mass functions: `count` distinct non-empty focal sets
// (Θ among them when `with_theta`) with uniform masses normalised to 1.
MassFunction random_mass(std::mt19937_64& rng, std::size_t frame_size, std::size_t count,
                         bool with_theta = true) {
  const FocalSet theta = full_set(frame_size);
  count = std::min<std::size_t>(count, theta);
  std::vector<FocalSet> sets;
  if (with_theta) sets.push_back(theta);
  while (sets.size() < count) {
    const FocalSet s = 1 + rng() % theta;
    if (std::find(sets.begin(), sets.end(), s) == sets.end()) sets.push_back(s);
  }
  std::vector<FocalElement> elements;
  double total = 0.0;
  for (FocalSet s : sets) {
    const double w = 0.01 + static_cast<double>(rng() >> 11) * 0x1p-53;
    elements.push_back({s, w});
    total += w;
  }
  for (auto& e : elements) e.mass /= total;
  return mass(frame_size, std::move(elements));
}

bool identical(const MassFunction& x, const MassFunction& y) {
  return x.frame_size() == y.frame_size() &&
         std::equal(x.focal_elements().begin(), x.focal_elements().end(),
                    y.focal_elements().begin(), y.focal_elements().end());
}

// "h<i>", built without `"h" + std::string` (GCC 12 warns falsely on it).
std::string hypothesis_name(int i) {
  std::string name = std::to_string(i);
  name.insert(name.begin(), 'h');
  return name;
}

json body_of(const lf::api::Response& response) {
  json parsed = json::parse(response.body, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  return parsed;
}

json ok_body(std::string_view route, const json& request) {
  const auto response = lf::api::dispatch(route, request.dump());
  INFO(response.body);
  REQUIRE(response.status == 200);
  return body_of(response);
}

void check_error(std::string_view route, const std::string& request, int status,
                 std::string_view code) {
  const auto response = lf::api::dispatch(route, request);
  INFO(route << " " << request << " -> " << response.body);
  CHECK(response.status == status);
  const json body = body_of(response);
  REQUIRE(body.contains("error"));
  CHECK(body["error"]["code"] == code);
  CHECK(body["error"]["message"].is_string());
}

json pyds_request() {
  return json::parse(R"({
    "hypotheses": ["a", "b", "c", "d"],
    "sources": [
      {"name": "m1", "masses": [{"set": ["a"], "mass": 0.4}, {"set": ["b"], "mass": 0.2},
                                {"set": ["a", "d"], "mass": 0.1},
                                {"set": ["a", "b", "c", "d"], "mass": 0.3}]},
      {"name": "m2", "masses": [{"set": ["b"], "mass": 0.5}, {"set": ["c"], "mass": 0.2},
                                {"set": ["a", "c"], "mass": 0.3}]}
    ]})");
}

// The mass of `names` in a route's "masses" array (0 when absent).
double mass_of(const json& masses, const std::vector<std::string>& names) {
  for (const auto& e : masses) {
    if (e["set"] == json(names)) return e["mass"].get<double>();
  }
  return 0.0;
}

}  // namespace

TEST_SUITE("fuse") {
  // ---- frames and mass functions ---------------------------------------------------------

  TEST_CASE("a frame names up to 64 hypotheses and maps names to bitsets") {
    auto frame = Frame::create({"a", "b", "c"});
    REQUIRE(frame.ok());
    CHECK(frame->size() == 3);
    CHECK(frame->theta() == 7);
    CHECK(*frame->index_of("c") == 2);
    const std::vector<std::string> names{"c", "a", "c"};
    CHECK(*frame->set_of(names) == (A | C));
    CHECK(frame->names_of(A | C) == std::vector<std::string>{"a", "c"});
    CHECK(frame->describe(B | C) == "{b, c}");
    CHECK(frame->describe(0) == "{}");

    std::vector<std::string> many;
    for (int i = 0; i < 64; ++i) many.push_back(hypothesis_name(i));
    auto full = Frame::create(many);
    REQUIRE(full.ok());
    CHECK(full->theta() == ~FocalSet{0});
    CHECK(full_set(64) == ~FocalSet{0});
  }

  TEST_CASE("bad frames and unknown hypotheses give typed errors") {
    check_code(Frame::create({}), ErrorCode::empty_input);
    std::vector<std::string> too_many;
    for (int i = 0; i < 65; ++i) too_many.push_back(hypothesis_name(i));
    check_code(Frame::create(too_many), ErrorCode::invalid_argument);
    check_code(Frame::create({"a", "b", "a"}), ErrorCode::invalid_argument);
    check_code(Frame::create({"a", ""}), ErrorCode::invalid_argument);
    auto frame = Frame::create({"a", "b"});
    REQUIRE(frame.ok());
    check_code(frame->index_of("z"), ErrorCode::unknown_hypothesis);
    const std::vector<std::string> names{"a", "zz"};
    const auto set = frame->set_of(names);
    check_code(set, ErrorCode::unknown_hypothesis);
    CHECK(set.error().message.find("'zz'") != std::string::npos);
  }

  TEST_CASE("mass functions are validated, sorted and stripped of zero masses") {
    const auto m = mass(3, {{7, 0.5}, {A, 0.25}, {B, 0.0}, {C, 0.25}});
    REQUIRE(m.focal_elements().size() == 3);
    CHECK(m.focal_elements()[0].set == A);
    CHECK(m.focal_elements()[1].set == C);
    CHECK(m.focal_elements()[2].set == 7);
    CHECK(m.mass(C) == 0.25);
    CHECK(m.mass(B) == 0.0);
    CHECK(m.normalised());
    CHECK(m.theta() == 7);
    // Decimal inputs whose binary sum is off 1 by an ulp are accepted as given.
    const auto decimal = mass(3, {{A, 0.1}, {B, 0.2}, {C, 0.7}});
    CHECK(decimal.mass(A) == 0.1);
    // Unnormalised (open-world) mass functions may put mass on the empty set.
    const auto open = mass(3, {{0, 0.2}, {A, 0.8}}, {1e-9, true});
    CHECK_FALSE(open.normalised());
    CHECK(open.empty_mass() == 0.2);
    auto vacuous = MassFunction::vacuous(5);
    REQUIRE(vacuous.ok());
    CHECK(vacuous->mass(31) == 1.0);
  }

  TEST_CASE("every bad mass function gives a typed error") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    check_code(MassFunction::create(3, {{A, -0.1}, {B, 1.1}}), ErrorCode::invalid_mass_function);
    check_code(MassFunction::create(3, {{A, 1.5}}), ErrorCode::invalid_mass_function);
    check_code(MassFunction::create(3, {{A, nan}, {B, 1.0}}), ErrorCode::invalid_mass_function);
    check_code(MassFunction::create(3, {{A, inf}}), ErrorCode::invalid_mass_function);
    check_code(MassFunction::create(3, {{A, 0.5}, {B, 0.4}}), ErrorCode::invalid_mass_function);
    check_code(MassFunction::create(3, {{A, 0.5}, {B, 0.5 + 1e-8}}),
               ErrorCode::invalid_mass_function);
    CHECK(MassFunction::create(3, {{A, 0.5}, {B, 0.5 + 1e-8}}, {1e-6, false}).ok());
    check_code(MassFunction::create(3, {{0, 0.1}, {A, 0.9}}), ErrorCode::invalid_mass_function);
    check_code(MassFunction::create(3, {{A, 0.5}, {B, 0.25}, {A, 0.25}}),
               ErrorCode::invalid_mass_function);
    check_code(MassFunction::create(3, {{8, 1.0}}), ErrorCode::unknown_hypothesis);
    check_code(MassFunction::create(3, {}), ErrorCode::empty_input);
    check_code(MassFunction::create(0, {{A, 1.0}}), ErrorCode::invalid_argument);
    check_code(MassFunction::create(65, {{A, 1.0}}), ErrorCode::invalid_argument);
    check_code(MassFunction::vacuous(0), ErrorCode::invalid_argument);
    check_code(MassFunction::create(3, {{A, 1.0}}, {-1.0, false}), ErrorCode::invalid_parameter);
    const auto repeated = MassFunction::create(3, {{A, 0.5}, {B, 0.25}, {A, 0.25}});
    CHECK(repeated.error().message.find("focal element 2") != std::string::npos);
  }

  // ---- reference values --------------------------------------------------------------------

  TEST_CASE("pyds: conflict 0.45, Dempster's result and the pignistic transform") {
    const auto c = combined(pyds_m1(), pyds_m2(), Rule::dempster);
    check_close(c.conflict, 0.45, 1e-12);
    check_close(c.weight_of_conflict, -std::log(0.55), 1e-12);
    CHECK_FALSE(c.contested);
    check_masses(c.result,
                 {{A, 0.15 / 0.55}, {B, 0.25 / 0.55}, {C, 0.06 / 0.55}, {A | C, 0.09 / 0.55}});
    auto betp = pignistic(pyds_m1());
    REQUIRE(betp.ok());
    REQUIRE(betp->size() == 4);
    check_close((*betp)[0], 0.525, 1e-12);
    check_close((*betp)[1], 0.275, 1e-12);
    check_close((*betp)[2], 0.075, 1e-12);
    check_close((*betp)[3], 0.125, 1e-12);
  }

  TEST_CASE("Zadeh's example under every rule") {
    const auto m1 = zadeh_m1();
    const auto m2 = zadeh_m2();
    const auto dempster = combined(m1, m2, Rule::dempster);
    check_close(dempster.conflict, 0.9999, 1e-12);
    CHECK(dempster.contested);
    check_masses(dempster.result, {{kT, 1.0}}, 0.0);  // certainty for what both found unlikely

    const auto yager = combined(m1, m2, Rule::yager);
    check_masses(yager.result, {{kT, 0.0001}, {kM | kC | kT, 0.9999}});

    const auto dubois_prade = combined(m1, m2, Rule::dubois_prade);
    check_masses(dubois_prade.result,
                 {{kM | kC, 0.9801}, {kT, 0.0001}, {kM | kT, 0.0099}, {kC | kT, 0.0099}});

    const auto pcr5 = combined(m1, m2, Rule::pcr5);
    check_masses(pcr5.result, {{kM, 0.499851}, {kC, 0.499851}, {kT, 0.000298}}, 1e-6);
    // Exactly: M = 0.9801·0.99/1.98 + 0.0099·0.99/1.00, T = 0.0001 + 2·0.0099·0.01/1.00.
    check_masses(pcr5.result, {{kM, 0.9801 * 0.5 + 0.0099 * 0.99},
                               {kC, 0.9801 * 0.5 + 0.0099 * 0.99},
                               {kT, 0.0001 + 2 * 0.0099 * 0.01}});

    const auto conjunctive = combined(m1, m2, Rule::conjunctive);
    check_masses(conjunctive.result, {{0, 0.9999}, {kT, 0.0001}});
    const auto disjunctive = combined(m1, m2, Rule::disjunctive);
    check_masses(disjunctive.result,
                 {{kM | kC, 0.9801}, {kT, 0.0001}, {kM | kT, 0.0099}, {kC | kT, 0.0099}});
    // K is the sources' conflict whatever the rule.
    for (Rule rule : rules()) CHECK(combined(m1, m2, rule).conflict == dempster.conflict);
  }

  // ---- conflict and the contested flag ----------------------------------------------------

  TEST_CASE("the contested flag follows a configurable threshold") {
    CHECK(combined(zadeh_m1(), zadeh_m2(), Rule::pcr5).contested);
    CHECK_FALSE(combined(pyds_m1(), pyds_m2(), Rule::dempster).contested);
    CHECK(combined(pyds_m1(), pyds_m2(), Rule::dempster, {0.4}).contested);
    CHECK_FALSE(combined(pyds_m1(), pyds_m2(), Rule::dempster, {0.46}).contested);
    CHECK(kDefaultContestedThreshold == 0.7);
    check_code(combine(pyds_m1(), pyds_m2(), Rule::dempster, {1.5}), ErrorCode::invalid_parameter);
    check_code(combine(pyds_m1(), pyds_m2(), Rule::dempster, {-0.1}), ErrorCode::invalid_parameter);
  }

  TEST_CASE("total conflict: Dempster fails with a typed error, the other rules combine") {
    const auto a = mass(2, {{A, 1.0}});
    const auto b = mass(2, {{B, 1.0}});
    check_code(combine(a, b, Rule::dempster), ErrorCode::total_conflict);
    const auto yager = combined(a, b, Rule::yager);
    CHECK(yager.conflict == 1.0);
    CHECK(yager.weight_of_conflict == std::numeric_limits<double>::infinity());
    check_masses(yager.result, {{A | B, 1.0}});
    check_masses(combined(a, b, Rule::pcr5).result, {{A, 0.5}, {B, 0.5}});
    check_masses(combined(a, b, Rule::dubois_prade).result, {{A | B, 1.0}});
    check_masses(combined(a, b, Rule::conjunctive).result, {{0, 1.0}});
    check_code(normalise(combined(a, b, Rule::conjunctive).result), ErrorCode::total_conflict);
    check_code(pignistic(combined(a, b, Rule::conjunctive).result), ErrorCode::total_conflict);
    CHECK(weight_of_conflict(1.0) == std::numeric_limits<double>::infinity());
    CHECK(weight_of_conflict(0.0) == 0.0);
  }

  TEST_CASE("the weight of conflict stays finite when K rounds to 1") {
    // Each of 2000 sources {a: .5, b: .5} halves the kept mass: 1 - K = 2^-1999.
    const std::vector<MassFunction> sources(2000, mass(2, {{A, 0.5}, {B, 0.5}}));
    const auto c = combined_all(sources, Rule::dempster);
    CHECK(c.conflict == 1.0);
    check_close(c.weight_of_conflict, 1999 * std::log(2.0), 1e-9);
    check_masses(c.result, {{A, 0.5}, {B, 0.5}});
  }

  TEST_CASE("rules that redistribute conflict refuse unnormalised sources") {
    const auto open = mass(3, {{0, 0.3}, {A, 0.7}}, {1e-9, true});
    const auto other = mass(3, {{A, 0.5}, {7, 0.5}});
    for (Rule rule : rules()) {
      const auto c = combine(open, other, rule);
      if (needs_normalised_sources(rule)) {
        check_code(c, ErrorCode::invalid_mass_function);
      } else {
        CHECK(c.ok());
      }
    }
    // conjunctive keeps ∅; normalising it afterwards is Dempster's rule.
    const auto tbm = combined(pyds_m1(), pyds_m2(), Rule::conjunctive);
    check_close(tbm.result.empty_mass(), 0.45, 1e-12);
    auto normalised = normalise(tbm.result);
    REQUIRE(normalised.ok());
    check_masses(*normalised,
                 {{A, 0.15 / 0.55}, {B, 0.25 / 0.55}, {C, 0.06 / 0.55}, {A | C, 0.09 / 0.55}});
  }

  TEST_CASE("rule names round-trip and unknown names are typed errors") {
    for (Rule rule : rules()) CHECK(*rule_from_string(to_string(rule)) == rule);
    CHECK(rules().size() == 7);
    check_code(rule_from_string("shafer"), ErrorCode::invalid_argument);
    CHECK(rule_from_string("shafer").error().message.find("pcr5") != std::string::npos);
  }

  // ---- many sources -----------------------------------------------------------------------

  TEST_CASE("n-ary combination of associative rules is associative and order-independent") {
    std::mt19937_64 rng(11);
    std::vector<MassFunction> sources;
    for (int i = 0; i < 5; ++i) sources.push_back(random_mass(rng, 4, 4));
    for (Rule rule : {Rule::dempster, Rule::conjunctive, Rule::disjunctive}) {
      CAPTURE(to_string(rule));
      const auto all = combined_all(sources, rule);
      // Left and right folds agree with the n-ary result.
      MassFunction left = sources[0];
      for (std::size_t i = 1; i < sources.size(); ++i)
        left = combined(left, sources[i], rule).result;
      MassFunction right = sources.back();
      for (std::size_t i = sources.size() - 1; i-- > 0;) {
        right = combined(sources[i], right, rule).result;
      }
      for (FocalSet s = 0; s <= 15; ++s) {
        check_close(all.result.mass(s), left.mass(s), 1e-12);
        check_close(all.result.mass(s), right.mass(s), 1e-12);
      }
      // Every permutation gives the very same bits.
      std::vector<std::size_t> order{0, 1, 2, 3, 4};
      int permutations = 0;
      while (std::next_permutation(order.begin(), order.end())) {
        std::vector<MassFunction> shuffled;
        for (std::size_t i : order) shuffled.push_back(sources[i]);
        const auto other = combined_all(shuffled, rule);
        CHECK(identical(other.result, all.result));
        CHECK(other.conflict == all.conflict);
        ++permutations;
      }
      CHECK(permutations == 119);
    }
  }

  TEST_CASE("the joint conflict is the conjunctive mass on the empty set, for every rule") {
    std::mt19937_64 rng(5);
    std::vector<MassFunction> sources;
    for (int i = 0; i < 4; ++i) sources.push_back(random_mass(rng, 3, 3));
    const double empty = combined_all(sources, Rule::conjunctive).result.empty_mass();
    const double k = combined_all(sources, Rule::dempster).conflict;
    check_close(k, empty, 1e-12);
    for (Rule rule : rules()) CHECK(combined_all(sources, rule).conflict == k);
  }

  TEST_CASE("non-associative rules are applied sequentially, in the given order") {
    std::mt19937_64 rng(21);
    std::vector<MassFunction> sources;
    for (int i = 0; i < 3; ++i) sources.push_back(random_mass(rng, 3, 3));
    for (Rule rule : {Rule::yager, Rule::dubois_prade, Rule::pcr5}) {
      CAPTURE(to_string(rule));
      const auto all = combined_all(sources, rule);
      const auto step = combined(combined(sources[0], sources[1], rule).result, sources[2], rule);
      CHECK(identical(all.result, step.result));
    }
    // PCR5's sequential generalisation depends on the order (the documented caveat).
    const auto forward = combined_all(sources, Rule::pcr5);
    const std::vector<MassFunction> reversed{sources[2], sources[1], sources[0]};
    const auto backward = combined_all(reversed, Rule::pcr5);
    double difference = 0.0;
    for (FocalSet s = 1; s <= 7; ++s) {
      difference += std::fabs(forward.result.mass(s) - backward.result.mass(s));
    }
    CHECK(difference > 1e-6);
    CHECK(forward.conflict == backward.conflict);
  }

  TEST_CASE("one source combines to itself; bad source lists give typed errors") {
    const std::vector<MassFunction> one{pyds_m1()};
    for (Rule rule : rules()) {
      const auto c = combined_all(one, rule);
      CHECK(identical(c.result, pyds_m1()));
      CHECK(c.conflict == 0.0);
      CHECK(c.weight_of_conflict == 0.0);
    }
    check_code(combine_all({}, Rule::dempster), ErrorCode::empty_input);
    check_code(combine(pyds_m1(), zadeh_m1(), Rule::dempster), ErrorCode::invalid_argument);
    check_code(average({}), ErrorCode::empty_input);
  }

  TEST_CASE("a step that would form too many products is refused") {
    std::mt19937_64 rng(64);
    std::vector<MassFunction> sources;
    for (int s = 0; s < 2; ++s) {
      std::vector<FocalElement> elements;
      for (int i = 0; i < 3000; ++i) elements.push_back({rng() | 1, 1.0 / 3000});
      sources.push_back(mass(64, elements));
    }
    for (Rule rule : {Rule::dempster, Rule::pcr5, Rule::murphy}) {
      check_code(combine_all(sources, rule), ErrorCode::invalid_argument);
    }
  }

  TEST_CASE("small and large frames combine to the same bits") {
    // Frames of up to 6 hypotheses keep every subset in an array, larger ones
    // a sorted list: the same sources (without Θ, which differs) must agree.
    std::mt19937_64 rng(8);
    std::vector<MassFunction> small;
    std::vector<MassFunction> large;
    for (int i = 0; i < 6; ++i) {
      const auto m = random_mass(rng, 4, 4, /*with_theta=*/false);
      small.push_back(m);
      std::vector<FocalElement> elements(m.focal_elements().begin(), m.focal_elements().end());
      large.push_back(mass(12, elements));
    }
    for (Rule rule : {Rule::dempster, Rule::conjunctive, Rule::disjunctive, Rule::dubois_prade,
                      Rule::pcr5, Rule::murphy}) {
      CAPTURE(to_string(rule));
      const auto s = combine_all(small, rule);
      const auto l = combine_all(large, rule);
      REQUIRE(s.ok() == l.ok());
      if (!s.ok()) continue;
      CHECK(s->conflict == l->conflict);
      REQUIRE(s->result.focal_elements().size() == l->result.focal_elements().size());
      for (std::size_t i = 0; i < s->result.focal_elements().size(); ++i) {
        CHECK(s->result.focal_elements()[i] == l->result.focal_elements()[i]);
      }
    }
  }

  // ---- discounting and Murphy ---------------------------------------------------------------

  TEST_CASE("Shafer discounting moves 1 - reliability to the frame") {
    const auto m = mass(3, {{A, 0.6}, {B, 0.3}, {7, 0.1}});
    auto d = discount(m, 0.8);
    REQUIRE(d.ok());
    check_masses(*d, {{A, 0.48}, {B, 0.24}, {7, 0.28}});
    auto certain = discount(mass(3, {{A, 1.0}}), 0.5);
    REQUIRE(certain.ok());
    check_masses(*certain, {{A, 0.5}, {7, 0.5}});
    CHECK(identical(*discount(m, 1.0), m));
    check_masses(*discount(m, 0.0), {{7, 1.0}});
    check_code(discount(m, 1.5), ErrorCode::invalid_parameter);
    check_code(discount(m, std::numeric_limits<double>::quiet_NaN()), ErrorCode::invalid_parameter);
    // Discounting softens Zadeh's paradox: Dempster no longer gives T certainty.
    const auto soft =
        combined(*discount(zadeh_m1(), 0.9), *discount(zadeh_m2(), 0.9), Rule::dempster);
    CHECK(soft.result.mass(kT) < 0.1);
  }

  TEST_CASE("Murphy's rule: the average combined with itself n - 1 times") {
    const auto m1 = mass(2, {{A, 0.6}, {A | B, 0.4}});
    const auto m2 = mass(2, {{B, 0.6}, {A | B, 0.4}});
    auto mean = average(std::vector<MassFunction>{m1, m2});
    REQUIRE(mean.ok());
    check_masses(*mean, {{A, 0.3}, {B, 0.3}, {A | B, 0.4}});
    // mean ⊕ mean: a = .09 + 2·.3·.4 = .33, b = .33, Θ = .16, K = .18.
    const auto murphy = combined(m1, m2, Rule::murphy);
    check_masses(murphy.result, {{A, 0.33 / 0.82}, {B, 0.33 / 0.82}, {A | B, 0.16 / 0.82}});
    check_close(murphy.conflict, 0.36, 1e-12);  // the sources' own conflict, .6 · .6

    // Zadeh: the mean {M: .495, C: .495, T: .01} with itself.
    const auto zadeh = combined(zadeh_m1(), zadeh_m2(), Rule::murphy);
    check_masses(zadeh.result,
                 {{kM, 0.245025 / 0.49015}, {kC, 0.245025 / 0.49015}, {kT, 0.0001 / 0.49015}});
    // Three sources: mean ⊕ mean ⊕ mean.
    const std::vector<MassFunction> three{m1, m2, m1};
    auto mean3 = average(three);
    REQUIRE(mean3.ok());
    const auto twice = combined(*mean3, *mean3, Rule::dempster).result;
    const auto thrice = combined(twice, *mean3, Rule::dempster).result;
    const auto murphy3 = combined_all(three, Rule::murphy);
    for (FocalSet s = 1; s <= 3; ++s) check_close(murphy3.result.mass(s), thrice.mass(s), 1e-12);
  }

  // ---- measures -----------------------------------------------------------------------------

  TEST_CASE("belief, plausibility, commonality and BetP of pyds' m1") {
    const auto m = pyds_m1();
    check_close(belief(m, A), 0.4, 1e-12);
    check_close(belief(m, A | D), 0.5, 1e-12);
    check_close(belief(m, A | B | C | D), 1.0, 1e-12);
    check_close(plausibility(m, A), 0.8, 1e-12);
    check_close(plausibility(m, B), 0.5, 1e-12);
    check_close(plausibility(m, C), 0.3, 1e-12);
    CHECK(plausibility(m, 0) == 0.0);
    check_close(commonality(m, A), 0.8, 1e-12);
    check_close(commonality(m, A | D), 0.4, 1e-12);
    check_close(commonality(m, A | B), 0.3, 1e-12);
    check_close(commonality(m, 0), 1.0, 1e-12);
    check_close(*pignistic(m, A | B), 0.8, 1e-12);
    check_close(*pignistic(m, A | B | C | D), 1.0, 1e-12);
  }

  TEST_CASE("Bel <= BetP <= Pl, duality and normalisation on random mass functions") {
    std::mt19937_64 rng(2024);
    for (std::size_t n : {2u, 3u, 5u, 8u}) {
      for (int trial = 0; trial < 20; ++trial) {
        const auto m = random_mass(rng, n, 1 + rng() % 6, trial % 2 == 0);
        const FocalSet theta = full_set(n);
        auto betp = pignistic(m);
        REQUIRE(betp.ok());
        double sum = 0.0;
        for (double p : *betp) sum += p;
        check_close(sum, 1.0, 1e-12);
        for (FocalSet s = 0; s <= theta; ++s) {
          const double bel = belief(m, s);
          const double pl = plausibility(m, s);
          const double bet = *pignistic(m, s);
          CHECK(bel <= bet + 1e-12);
          CHECK(bet <= pl + 1e-12);
          check_close(bel, 1.0 - plausibility(m, theta & ~s), 1e-12);
          if (s != 0) CHECK(commonality(m, s) <= pl + 1e-12);
        }
        check_close(belief(m, theta), 1.0, 1e-12);
      }
    }
  }

  TEST_CASE("the conjunctive rule multiplies commonalities") {
    std::mt19937_64 rng(99);
    for (int trial = 0; trial < 20; ++trial) {
      const auto a = random_mass(rng, 4, 1 + rng() % 5);
      const auto b = random_mass(rng, 4, 1 + rng() % 5);
      const auto c = combined(a, b, Rule::conjunctive).result;
      for (FocalSet s = 0; s <= 15; ++s) {
        check_close(commonality(c, s), commonality(a, s) * commonality(b, s), 1e-12);
      }
    }
  }

  // ---- belief bins --------------------------------------------------------------------------

  TEST_CASE("belief bins map scores to bullish, bearish, neutral and unknown") {
    constexpr FocalSet bull = BeliefBins::kBullish, bear = BeliefBins::kBearish,
                       neutral = BeliefBins::kNeutral, unknown = 7;
    CHECK(BeliefBins::frame().hypotheses()[0] == "bullish");
    CHECK(BeliefBins::frame().hypotheses()[1] == "bearish");
    CHECK(BeliefBins::frame().hypotheses()[2] == "neutral");
    auto bins = BeliefBins::create({});  // edges -1 / +1, margin 0.25, reliability 0.9
    REQUIRE(bins.ok());
    const auto at = [&](double score) {
      auto m = bins->mass(score);
      REQUIRE(m.ok());
      return *m;
    };
    check_masses(at(-2.0), {{bear, 0.9}, {unknown, 0.1}});
    check_masses(at(0.0), {{neutral, 0.9}, {unknown, 0.1}});
    check_masses(at(3.0), {{bull, 0.9}, {unknown, 0.1}});
    // On an edge the two bins cannot be told apart; across the margin the mass
    // moves linearly to the bin the score is in.
    check_masses(at(-1.0), {{bear | neutral, 0.9}, {unknown, 0.1}});
    check_masses(at(-1.125), {{bear, 0.45}, {bear | neutral, 0.45}, {unknown, 0.1}});
    check_masses(at(1.2), {{bull, 0.72}, {bull | neutral, 0.18}, {unknown, 0.1}});
    check_masses(at(0.8), {{neutral, 0.72}, {bull | neutral, 0.18}, {unknown, 0.1}});
    // Continuous at the band's border.
    check_close(at(-1.25 + 1e-9).mass(bear), 0.9, 1e-7);
    check_close(at(-0.75 - 1e-9).mass(neutral), 0.9, 1e-7);

    auto crisp = BeliefBins::create({-0.5, 0.5, 0.0, 1.0});
    REQUIRE(crisp.ok());
    check_masses(*crisp->mass(-0.5), {{neutral, 1.0}});
    check_masses(*crisp->mass(0.5), {{neutral, 1.0}});
    check_masses(*crisp->mass(-0.5000001), {{bear, 1.0}});
    check_masses(*crisp->mass(0.5000001), {{bull, 1.0}});
  }

  TEST_CASE("bad bin edges and scores give typed errors") {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    check_code(BeliefBins::create({1.0, -1.0, 0.0, 0.9}), ErrorCode::invalid_parameter);
    check_code(BeliefBins::create({-1.0, 1.0, 1.5, 0.9}), ErrorCode::invalid_parameter);
    check_code(BeliefBins::create({-1.0, 1.0, -0.1, 0.9}), ErrorCode::invalid_parameter);
    check_code(BeliefBins::create({-1.0, 1.0, 0.25, 1.1}), ErrorCode::invalid_parameter);
    check_code(BeliefBins::create({nan, 1.0, 0.25, 0.9}), ErrorCode::invalid_parameter);
    CHECK(BeliefBins::create({-1.0, 1.0, 1.0, 0.9}).ok());  // bands touching at 0
    check_code(BeliefBins::create({})->mass(nan), ErrorCode::non_finite_value);
  }

  TEST_CASE("several detectors' bins fuse into one assessment") {
    auto bins = BeliefBins::create({});
    REQUIRE(bins.ok());
    const std::vector<MassFunction> detectors{*bins->mass(1.8), *bins->mass(1.1), *bins->mass(0.9)};
    for (Rule rule : {Rule::dempster, Rule::pcr5, Rule::murphy}) {
      const auto c = combined_all(detectors, rule);
      auto betp = pignistic(c.result);
      REQUIRE(betp.ok());
      CHECK((*betp)[0] > (*betp)[2]);  // bullish ahead of neutral
      CHECK((*betp)[2] > (*betp)[1]);  // neutral ahead of bearish
      CHECK_FALSE(c.contested);
    }
    // Opposite strong signals are contested.
    const std::vector<MassFunction> split{*bins->mass(3.0), *bins->mass(-3.0)};
    CHECK(combined_all(split, Rule::pcr5).contested);
  }

  // ---- voting -------------------------------------------------------------------------------

  TEST_CASE("answers are normalised for whitespace, case and numeric equivalence") {
    CHECK(normalise_answer("  Paris \n") == "paris");
    CHECK(normalise_answer("New \t  York") == "new york");
    for (const char* spelling :
         {"42", "42.0", "4.2e1", "4.2E1", "+42", "420E-1", "0042", " 42.000 ", "4.2e+1"}) {
      CHECK_MESSAGE(normalise_answer(spelling) == "42", spelling);
    }
    CHECK(normalise_answer("0.50") == "0.5");
    CHECK(normalise_answer(".5") == "0.5");
    CHECK(normalise_answer("5.") == "5");
    CHECK(normalise_answer("-0") == "0");
    CHECK(normalise_answer("-0.0e5") == "0");
    CHECK(normalise_answer("-4.20E+01") == "-42");
    CHECK(normalise_answer("1e21") == "1e+21");
    CHECK(normalise_answer("1e20") == "100000000000000000000");
    CHECK(normalise_answer("0.000001") == "0.000001");
    CHECK(normalise_answer("1e-7") == "1e-7");
    CHECK(normalise_answer("123456789012345678901234") == "1.23456789012345678901234e+23");
    // Exact decimal digits: no rounding through binary floating point.
    CHECK(normalise_answer("0.1000000000000000055511151231257827") ==
          "0.1000000000000000055511151231257827");
    // Not numbers: kept as (normalised) text.
    CHECK(normalise_answer("1,000") == "1,000");
    CHECK(normalise_answer("42 KG") == "42 kg");
    CHECK(normalise_answer("1/2") == "1/2");
    CHECK(normalise_answer("e5") == "e5");
    CHECK(normalise_answer(".") == ".");
    CHECK(normalise_answer("4.2e") == "4.2e");
    CHECK(normalise_answer("1e99999999999") == "1e99999999999");
    CHECK(normalise_answer("") == "");
  }

  TEST_CASE("entropy-weighted voting degrades to majority on unanimous inputs") {
    // Same answer everywhere: one group, no divergence.
    const std::vector<Vote> same{{"yes", 0.1}, {"Yes", 2.0}, {" YES", 0.7}};
    auto unanimous = entropy_weighted_vote(same);
    REQUIRE(unanimous.ok());
    CHECK(unanimous->winner == "yes");
    CHECK(unanimous->majority == "yes");
    CHECK(unanimous->weight_share == 1.0);
    CHECK(unanimous->majority_share == 1.0);
    CHECK_FALSE(unanimous->divergent);
    REQUIRE(unanimous->groups.size() == 1);
    CHECK(unanimous->groups[0].count == 3);

    // Equal entropies: every weight is equal and the vote is the majority vote.
    const std::vector<Vote> equal{{"a", 0.5}, {"b", 0.5}, {"b", 0.5},
                                  {"c", 0.5}, {"a", 0.5}, {"b", 0.5}};
    auto plain = entropy_weighted_vote(equal);
    REQUIRE(plain.ok());
    CHECK(plain->winner == "b");
    CHECK(plain->majority == "b");
    check_close(plain->weight_share, 0.5, 1e-15);
    CHECK(plain->majority_share == 0.5);
    CHECK_FALSE(plain->divergent);
    // ... ties included: the first answer to appear wins both ways.
    const std::vector<Vote> tied{{"x", 1.0}, {"y", 1.0}, {"y", 1.0}, {"x", 1.0}};
    auto tie = entropy_weighted_vote(tied);
    REQUIRE(tie.ok());
    CHECK(tie->winner == "x");
    CHECK(tie->majority == "x");
    CHECK_FALSE(tie->divergent);
  }

  TEST_CASE("confident samples can outvote the majority, and the vote says so") {
    // Three hesitant "A" (H = 3, weight .25) against two confident "B" (H = 0, weight 1).
    const std::vector<Vote> votes{{"A", 3.0}, {"B", 0.0}, {"A", 3.0}, {"B", 0.0}, {"A", 3.0}};
    auto outcome = entropy_weighted_vote(votes);
    REQUIRE(outcome.ok());
    CHECK(outcome->winner == "b");
    check_close(outcome->weight_share, 2.0 / 2.75, 1e-15);
    CHECK(outcome->majority == "a");
    check_close(outcome->majority_share, 0.6, 1e-15);
    CHECK(outcome->divergent);
    REQUIRE(outcome->groups.size() == 2);
    CHECK(outcome->groups[0].answer == "b");
    CHECK(outcome->groups[0].first_index == 1);
    check_close(outcome->groups[1].weight, 0.75, 1e-15);
    CHECK(vote_weight(0.0) == 1.0);
    CHECK(vote_weight(1.0) == 0.5);
  }

  TEST_CASE("numerically equal answers vote together") {
    const std::vector<Vote> votes{{"42", 1.0}, {"41", 0.0}, {"42.0", 1.0}, {"4.2e1", 1.0}};
    auto outcome = entropy_weighted_vote(votes);
    REQUIRE(outcome.ok());
    CHECK(outcome->winner == "42");  // 3 × 0.5 = 1.5 against 1
    REQUIRE(outcome->groups.size() == 2);
    CHECK(outcome->groups[0].count == 3);
    CHECK(outcome->groups[0].first_index == 0);
    CHECK_FALSE(outcome->divergent);
    // Similar text is not the same answer.
    const std::vector<Vote> similar{{"colour", 0.0}, {"color", 0.0}};
    CHECK(entropy_weighted_vote(similar)->groups.size() == 2);
  }

  TEST_CASE("per-token entropies and bad votes") {
    const std::vector<double> tokens{0.5, 1.5, 1.0};
    check_close(*mean_entropy(tokens), 1.0, 1e-15);
    check_code(mean_entropy({}), ErrorCode::empty_input);
    const std::vector<double> negative{0.5, -0.1};
    check_code(mean_entropy(negative), ErrorCode::invalid_argument);
    check_code(entropy_weighted_vote({}), ErrorCode::empty_input);
    const std::vector<Vote> bad_entropy{{"a", -1.0}};
    check_code(entropy_weighted_vote(bad_entropy), ErrorCode::invalid_argument);
    const std::vector<Vote> nan_entropy{{"a", std::numeric_limits<double>::quiet_NaN()}};
    check_code(entropy_weighted_vote(nan_entropy), ErrorCode::invalid_argument);
    const std::vector<Vote> blank{{"a", 0.0}, {"  \t ", 0.0}};
    const auto empty_answer = entropy_weighted_vote(blank);
    check_code(empty_answer, ErrorCode::invalid_argument);
    CHECK(empty_answer.error().message.find("vote 1") != std::string::npos);
  }

  // ---- gating -------------------------------------------------------------------------------

  TEST_CASE("the gate selects the top k when a challenger clearly wins") {
    auto gate = Gate::create({{"base", "x", "y", "z"}, "base", 2, 0.05, {}});
    REQUIRE(gate.ok());
    const std::vector<ExpertReport> reports{
        {"base", 0.5, {}}, {"x", 0.9, {}}, {"y", 0.7, {}}, {"z", 0.1, {}}};
    auto d = gate->select(reports);
    REQUIRE(d.ok());
    CHECK(d->reason == GateReason::challenger);
    CHECK(d->selected == std::vector<std::string>{"x", "y"});
    CHECK(*d->challenger == "x");
    check_close(*d->margin, 0.4, 1e-15);
    REQUIRE(d->ranking.size() == 4);
    CHECK(d->ranking[3].expert == "z");
    CHECK(to_string(d->reason) == "challenger");
  }

  TEST_CASE("the gate keeps the baseline when the challenger's margin is small") {
    auto gate = Gate::create({{"base", "x", "y"}, "base", 1, 0.1, {}});
    REQUIRE(gate.ok());
    const std::vector<ExpertReport> close{{"base", 0.60, {}}, {"x", 0.65, {}}, {"y", 0.2, {}}};
    auto kept = gate->select(close);
    REQUIRE(kept.ok());
    CHECK(kept->reason == GateReason::baseline_kept);
    CHECK(kept->selected == std::vector<std::string>{"base"});
    check_close(*kept->margin, 0.05, 1e-15);
    // With k = 2 the kept baseline comes first, then the best challenger.
    auto pair = Gate::create({{"base", "x", "y"}, "base", 2, 0.1, {}});
    CHECK(pair->select(close)->selected == std::vector<std::string>{"base", "x"});
    // The baseline ranked first (ties included) is simply the best.
    const std::vector<ExpertReport> tie{{"x", 0.6, {}}, {"base", 0.6, {}}};
    auto best = gate->select(tie);
    CHECK(best->reason == GateReason::baseline_best);
    CHECK(best->selected == std::vector<std::string>{"base"});
    CHECK(*best->margin == 0.0);
    // No baseline report: the best of the others.
    const std::vector<ExpertReport> absent{{"y", 0.3, {}}, {"x", 0.2, {}}};
    auto without = gate->select(absent);
    CHECK(without->reason == GateReason::no_baseline);
    CHECK(without->selected == std::vector<std::string>{"y"});
    CHECK_FALSE(without->margin.has_value());
    // The baseline alone.
    const std::vector<ExpertReport> alone{{"base", 0.3, {}}};
    auto only = gate->select(alone);
    CHECK(only->reason == GateReason::baseline_best);
    CHECK_FALSE(only->challenger.has_value());
  }

  TEST_CASE("the gate counts selections per expert; failed calls count nothing") {
    auto gate = Gate::create({{"base", "x"}, "", 1, 0.1, {}});
    REQUIRE(gate.ok());
    CHECK(gate->config().baseline == "base");  // defaults to the first expert
    const std::vector<ExpertReport> switch_to_x{{"base", 0.2, {}}, {"x", 0.9, {}}};
    const std::vector<ExpertReport> stay{{"base", 0.5, {}}, {"x", 0.55, {}}};
    const std::vector<ExpertReport> bad{{"base", 0.5, {}}, {"nobody", 0.55, {}}};
    REQUIRE(gate->select(switch_to_x).ok());
    REQUIRE(gate->select(stay).ok());
    REQUIRE(gate->select(switch_to_x).ok());
    check_code(gate->select(bad), ErrorCode::invalid_argument);
    CHECK(gate->decisions() == 3);
    REQUIRE(gate->selection_counts().size() == 2);
    CHECK(gate->selection_counts()[0] == 1);
    CHECK(gate->selection_counts()[1] == 2);
  }

  TEST_CASE("evidence features add their configured weight to the score") {
    auto gate = Gate::create({{"base", "x"}, "base", 1, 0.1, {{"accuracy", 0.5}, {"age", -0.1}}});
    REQUIRE(gate.ok());
    const std::vector<ExpertReport> reports{{"base", 0.6, {{"age", 1.0}}},
                                            {"x", 0.55, {{"accuracy", 0.4}}}};
    auto d = gate->select(reports);
    REQUIRE(d.ok());
    // base: 0.6 - 0.1 = 0.5; x: 0.55 + 0.2 = 0.75; margin 0.25 > 0.1.
    CHECK(d->reason == GateReason::challenger);
    check_close(d->ranking[0].score, 0.75, 1e-15);
    check_close(d->ranking[1].score, 0.5, 1e-15);
  }

  TEST_CASE("the gate's configuration is checked once, its reports on every call") {
    check_code(Gate::create({{}, "", 1, 0.1, {}}), ErrorCode::empty_input);
    check_code(Gate::create({{"a", "a"}, "", 1, 0.1, {}}), ErrorCode::invalid_parameter);
    check_code(Gate::create({{"a", ""}, "", 1, 0.1, {}}), ErrorCode::invalid_parameter);
    check_code(Gate::create({{"a", "b"}, "c", 1, 0.1, {}}), ErrorCode::invalid_parameter);
    check_code(Gate::create({{"a", "b"}, "a", 0, 0.1, {}}), ErrorCode::invalid_parameter);
    check_code(Gate::create({{"a", "b"}, "a", 3, 0.1, {}}), ErrorCode::invalid_parameter);
    check_code(Gate::create({{"a", "b"}, "a", 1, -0.1, {}}), ErrorCode::invalid_parameter);
    check_code(Gate::create({{"a"}, "a", 1, 0.1, {{"f", 1.0}, {"f", 2.0}}}),
               ErrorCode::invalid_parameter);
    check_code(Gate::create({{"a"}, "a", 1, 0.1, {{"f", std::numeric_limits<double>::infinity()}}}),
               ErrorCode::invalid_parameter);

    auto gate = Gate::create({{"a", "b"}, "a", 2, 0.1, {{"f", 1.0}}});
    REQUIRE(gate.ok());
    check_code(gate->select({}), ErrorCode::empty_input);
    const std::vector<std::vector<ExpertReport>> bad{
        {{"c", 0.5, {}}},
        {{"a", 0.5, {}}, {"a", 0.4, {}}},
        {{"a", 1.5, {}}},
        {{"a", -0.5, {}}},
        {{"a", 0.5, {{"g", 1.0}}}},
        {{"a", 0.5, {{"f", 1.0}, {"f", 1.0}}}},
        {{"a", 0.5, {{"f", std::numeric_limits<double>::quiet_NaN()}}}},
    };
    for (const auto& reports : bad) check_code(gate->select(reports), ErrorCode::invalid_argument);
    CHECK(gate->decisions() == 0);
    // Fewer reports than k: all of them.
    const std::vector<ExpertReport> one{{"b", 0.5, {}}};
    CHECK(gate->select(one)->selected == std::vector<std::string>{"b"});
  }

  // ---- API routes ---------------------------------------------------------------------------

  TEST_CASE("the fusion error codes have stable spellings and HTTP statuses") {
    CHECK(lf::to_string(ErrorCode::invalid_mass_function) == "invalid_mass_function");
    CHECK(lf::to_string(ErrorCode::unknown_hypothesis) == "unknown_hypothesis");
    CHECK(lf::to_string(ErrorCode::total_conflict) == "total_conflict");
    CHECK(lf::api::http_status(ErrorCode::invalid_mass_function) == 400);
    CHECK(lf::api::http_status(ErrorCode::unknown_hypothesis) == 400);
    CHECK(lf::api::http_status(ErrorCode::total_conflict) == 422);
  }

  TEST_CASE("the fuse, gate and vote routes are registered in alphabetical order") {
    const auto names = lf::api::route_names();
    CHECK(std::is_sorted(names.begin(), names.end()));
    for (std::string_view route : {"fuse", "gate", "vote"}) {
      CHECK(std::find(names.begin(), names.end(), route) != names.end());
    }
  }

  TEST_CASE("fuse route: pyds under Dempster's rule, every measure") {
    const json body = ok_body("fuse", pyds_request());
    CHECK(body["rule"] == "dempster");
    CHECK(body["hypotheses"] == json({"a", "b", "c", "d"}));
    check_close(body["conflict"].get<double>(), 0.45, 1e-12);
    check_close(body["weight_of_conflict"].get<double>(), -std::log(0.55), 1e-12);
    CHECK(body["contested"] == false);
    CHECK(body["contested_threshold"] == 0.7);
    REQUIRE(body["masses"].size() == 4);
    CHECK(body["masses"][0]["set"] == json({"a"}));
    CHECK(body["masses"][3]["set"] == json({"a", "c"}));
    check_close(mass_of(body["masses"], {"a"}), 0.15 / 0.55, 1e-12);
    check_close(mass_of(body["masses"], {"a", "c"}), 0.09 / 0.55, 1e-12);
    REQUIRE(body["measures"].size() == 4);  // each hypothesis by default
    const json& a = body["measures"][0];
    CHECK(a["set"] == json({"a"}));
    check_close(a["belief"].get<double>(), 0.15 / 0.55, 1e-12);
    check_close(a["plausibility"].get<double>(), 0.24 / 0.55, 1e-12);
    check_close(a["commonality"].get<double>(), 0.24 / 0.55, 1e-12);
    check_close(a["pignistic"].get<double>(), 0.195 / 0.55, 1e-12);
    CHECK(body["measures"][3]["plausibility"] == 0);
    REQUIRE(body["sources"].size() == 2);
    CHECK(body["sources"][0]["name"] == "m1");
    CHECK(body["sources"][1]["masses"].size() == 3);
  }

  TEST_CASE("fuse route: Zadeh under every rule, requested measures and sets") {
    json request = json::parse(R"({
      "hypotheses": ["M", "C", "T"],
      "sources": [{"masses": [{"set": ["M"], "mass": 0.99}, {"set": ["T"], "mass": 0.01}]},
                  {"masses": [{"set": ["C"], "mass": 0.99}, {"set": ["T"], "mass": 0.01}]}],
      "rule": "dempster", "measures": ["pignistic"], "sets": [["T"], ["M", "C"]]})");
    json body = ok_body("fuse", request);
    CHECK(body["contested"] == true);
    check_close(body["conflict"].get<double>(), 0.9999, 1e-12);
    CHECK(mass_of(body["masses"], {"T"}) == 1.0);
    REQUIRE(body["measures"].size() == 2);
    CHECK(body["measures"][0].size() == 2);  // set + pignistic only
    CHECK(body["measures"][1]["set"] == json({"M", "C"}));

    request["rule"] = "yager";
    body = ok_body("fuse", request);
    check_close(mass_of(body["masses"], {"T"}), 0.0001, 1e-12);
    check_close(mass_of(body["masses"], {"M", "C", "T"}), 0.9999, 1e-12);
    request["rule"] = "dubois_prade";
    body = ok_body("fuse", request);
    check_close(mass_of(body["masses"], {"M", "C"}), 0.9801, 1e-12);
    check_close(mass_of(body["masses"], {"M", "T"}), 0.0099, 1e-12);
    check_close(mass_of(body["masses"], {"C", "T"}), 0.0099, 1e-12);
    request["rule"] = "pcr5";
    body = ok_body("fuse", request);
    check_close(mass_of(body["masses"], {"M"}), 0.499851, 1e-6);
    check_close(mass_of(body["masses"], {"C"}), 0.499851, 1e-6);
    check_close(mass_of(body["masses"], {"T"}), 0.000298, 1e-6);
    request["contested_threshold"] = 1;
    CHECK(ok_body("fuse", request)["contested"] == false);
  }

  TEST_CASE("fuse route: signals through belief bins, reliability, unnormalised sources") {
    const json signals = json::parse(R"({
      "sources": [{"name": "momentum", "signal": 1.8},
                  {"name": "flow", "signal": 1.2, "reliability": 0.5},
                  {"name": "sentiment", "signal": 0.4,
                   "bins": {"bearish_below": -0.5, "bullish_above": 0.5, "margin": 0}}],
      "rule": "pcr5"})");
    const json body = ok_body("fuse", signals);
    CHECK(body["hypotheses"] == json({"bullish", "bearish", "neutral"}));
    REQUIRE(body["sources"].size() == 3);
    check_close(mass_of(body["sources"][0]["masses"], {"bullish"}), 0.9, 1e-12);
    check_close(mass_of(body["sources"][1]["masses"], {"bullish"}), 0.5 * 0.8, 1e-12);
    check_close(mass_of(body["sources"][2]["masses"], {"neutral"}), 0.9, 1e-12);
    CHECK(body["measures"][0]["pignistic"].get<double>() >
          body["measures"][2]["pignistic"].get<double>());

    // A mass source with reliability is discounted.
    json discounted = pyds_request();
    discounted["sources"][1]["reliability"] = 0.5;
    const json d = ok_body("fuse", discounted);
    check_close(mass_of(d["sources"][1]["masses"], {"b"}), 0.25, 1e-12);
    check_close(mass_of(d["sources"][1]["masses"], {"a", "b", "c", "d"}), 0.5, 1e-12);

    // Open world: mass on the empty set with the conjunctive rule.
    json open = pyds_request();
    open["unnormalised"] = true;
    open["rule"] = "conjunctive";
    open["sources"][0]["masses"][3]["mass"] = 0.2;
    open["sources"][0]["masses"].push_back({{"set", json::array()}, {"mass", 0.1}});
    const json o = ok_body("fuse", open);
    CHECK(o["masses"][0]["set"] == json::array());
    CHECK(o["masses"][0]["mass"].get<double>() > 0.45);
  }

  TEST_CASE("vote route") {
    const json request = json::parse(R"({"samples": [
      {"answer": "42", "entropy": 2.0}, {"answer": " 4.2E1 ", "entropy": 2.0},
      {"answer": "41", "token_entropies": [0.0, 0.1]}]})");
    const json body = ok_body("vote", request);
    CHECK(body["samples"] == 3);
    CHECK(body["winner"] == "41");
    CHECK(body["majority"] == "42");
    CHECK(body["divergent"] == true);
    check_close(body["weight_share"].get<double>(), (1 / 1.05) / (1 / 1.05 + 2.0 / 3.0), 1e-12);
    check_close(body["majority_share"].get<double>(), 2.0 / 3.0, 1e-15);
    REQUIRE(body["groups"].size() == 2);
    const json& g = body["groups"][1];
    CHECK(g["answer"] == "42");
    CHECK(g["count"] == 2);
    CHECK(g["first_index"] == 0);
    check_close(g["weight"].get<double>(), 2.0 / 3.0, 1e-15);
    check_close(g["share"].get<double>(), (2.0 / 3.0) / (1 / 1.05 + 2.0 / 3.0), 1e-12);
  }

  TEST_CASE("gate route: decisions, reasons and counts over rounds") {
    const json request = json::parse(R"({
      "experts": ["base", "x", "y"], "top_k": 1, "margin": 0.1,
      "feature_weights": {"accuracy": 0.5},
      "rounds": [
        [{"expert": "base", "confidence": 0.6}, {"expert": "x", "confidence": 0.65}],
        [{"expert": "base", "confidence": 0.6},
         {"expert": "x", "confidence": 0.65, "features": {"accuracy": 0.2}}],
        [{"expert": "y", "confidence": 0.1}]]})");
    const json body = ok_body("gate", request);
    CHECK(body["config"]["baseline"] == "base");
    CHECK(body["config"]["top_k"] == 1);
    CHECK(body["config"]["feature_weights"]["accuracy"] == 0.5);
    REQUIRE(body["decisions"].size() == 3);
    CHECK(body["decisions"][0]["reason"] == "baseline_kept");
    CHECK(body["decisions"][0]["selected"] == json({"base"}));
    CHECK(body["decisions"][0]["challenger"] == "x");
    check_close(body["decisions"][0]["margin"].get<double>(), 0.05, 1e-12);
    CHECK(body["decisions"][1]["reason"] == "challenger");
    CHECK(body["decisions"][1]["selected"] == json({"x"}));
    CHECK(body["decisions"][1]["ranking"][0]["expert"] == "x");
    CHECK(body["decisions"][2]["reason"] == "no_baseline");
    CHECK(body["decisions"][2]["margin"].is_null());
    CHECK(body["counts"] == json::parse(R"([{"expert": "base", "selections": 1},
      {"expert": "x", "selections": 1}, {"expert": "y", "selections": 1}])"));
  }

  TEST_CASE("fuse, vote and gate routes: every error is typed") {
    const auto with = [&](const std::string& key, const json& value) {
      json request = pyds_request();
      request[key] = value;
      return request.dump();
    };
    const auto source = [&](const json& s) {
      json request = pyds_request();
      request["sources"][1] = s;
      return request.dump();
    };
    // Malformed and mis-shaped requests.
    check_error("fuse", "{\"sources\": [", 400, "json_parse_error");
    check_error("fuse", "[]", 400, "schema_error");
    check_error("fuse", "{}", 400, "schema_error");
    check_error("fuse", with("extra", 1), 400, "schema_error");
    check_error("fuse", with("sources", "m1"), 400, "schema_error");
    check_error("fuse", with("rule", 5), 400, "schema_error");
    check_error("fuse", with("measures", {"belief", "doubt"}), 400, "schema_error");
    check_error("fuse", with("measures", {"belief", "belief"}), 400, "schema_error");
    check_error("fuse", with("sets", json::parse(R"([["a", 1]])")), 400, "schema_error");
    check_error("fuse", with("sets", json::parse(R"(["a"])")), 400, "schema_error");
    check_error("fuse", with("unnormalised", "yes"), 400, "schema_error");
    check_error("fuse", source({{"masses", {{{"set", {"a"}}, {"mass", "1"}}}}}), 400,
                "schema_error");
    check_error("fuse", source({{"masses", {{{"set", "a"}, {"mass", 1}}}}}), 400, "schema_error");
    check_error("fuse", source({{"masses", {{{"set", {"a"}}}}}}), 400, "schema_error");
    check_error("fuse", source({{"masses", {{{"set", {"a"}}, {"mass", 1}}}}, {"signal", 1}}), 400,
                "schema_error");
    check_error("fuse", source({{"name", "x"}}), 400, "schema_error");
    check_error("fuse",
                source({{"masses", {{{"set", {"a"}}, {"mass", 1}}}}, {"bins", json::object()}}),
                400, "schema_error");
    // Frames and hypotheses.
    check_error("fuse", with("hypotheses", {"a", "b", "c", "d", "a"}), 400, "invalid_argument");
    json many = json::array();
    for (int i = 0; i < 65; ++i) many.push_back(hypothesis_name(i));
    check_error("fuse", with("hypotheses", many), 400, "invalid_argument");
    check_error("fuse", with("hypotheses", json::array()), 422, "empty_input");
    check_error("fuse", source({{"masses", {{{"set", {"e"}}, {"mass", 1}}}}}), 400,
                "unknown_hypothesis");
    check_error("fuse", with("sets", json::parse(R"([["a", "zz"]])")), 400, "unknown_hypothesis");
    check_error("fuse", source({{"signal", 0.5}}), 400, "invalid_argument");  // not the bin frame
    check_error("fuse", with("rule", "shafer"), 400, "invalid_argument");
    // Mass functions.
    check_error("fuse", source({{"masses", {{{"set", {"a"}}, {"mass", 1.5}}}}}), 400,
                "invalid_mass_function");
    check_error(
        "fuse",
        source({{"masses", {{{"set", {"a"}}, {"mass", -0.5}}, {{"set", {"b"}}, {"mass", 1.5}}}}}),
        400, "invalid_mass_function");
    check_error("fuse", source({{"masses", {{{"set", {"a"}}, {"mass", 0.5}}}}}), 400,
                "invalid_mass_function");
    check_error(
        "fuse",
        source({{"masses",
                 {{{"set", json::array()}, {"mass", 0.5}}, {{"set", {"a"}}, {"mass", 0.5}}}}}),
        400, "invalid_mass_function");
    check_error(
        "fuse",
        source({{"masses", {{{"set", {"a"}}, {"mass", 0.5}}, {{"set", {"a"}}, {"mass", 0.5}}}}}),
        400, "invalid_mass_function");
    {
      json request = pyds_request();
      request["unnormalised"] = true;  // allowed in the source, refused by Dempster's rule
      request["sources"][1]["masses"][0] = {{"set", json::array()}, {"mass", 0.5}};
      check_error("fuse", request.dump(), 400, "invalid_mass_function");
    }
    check_error("fuse", source({{"masses", json::array()}}), 422, "empty_input");
    check_error("fuse", with("sources", json::array()), 422, "empty_input");
    // Parameters.
    check_error("fuse", with("contested_threshold", 1.5), 400, "invalid_parameter");
    check_error("fuse", with("tolerance", 0.5), 400, "invalid_parameter");
    check_error("fuse", source({{"masses", {{{"set", {"a"}}, {"mass", 1}}}}, {"reliability", 2}}),
                400, "invalid_parameter");
    check_error(
        "fuse",
        R"({"sources": [{"signal": 0, "bins": {"bearish_below": 1, "bullish_above": -1}}]})", 400,
        "invalid_parameter");
    check_error("fuse", R"({"sources": [{"signal": 0, "reliability": -1}]})", 400,
                "invalid_parameter");
    // Total conflict under Dempster's rule is a data problem: 422.
    const std::string opposite =
        R"({"hypotheses": ["up", "down"], "sources": [
             {"masses": [{"set": ["up"], "mass": 1}]}, {"masses": [{"set": ["down"], "mass": 1}]}]})";
    check_error("fuse", opposite, 422, "total_conflict");
    {
      json request = json::parse(opposite);
      request["rule"] = "yager";
      const json body = ok_body("fuse", request);
      CHECK(body["conflict"] == 1);
      CHECK(body["weight_of_conflict"].is_null());
      CHECK(body["contested"] == true);
      request["rule"] = "conjunctive";
      check_error("fuse", request.dump(), 422, "total_conflict");  // BetP undefined
      request["measures"] = {"belief", "plausibility"};
      CHECK(ok_body("fuse", request)["masses"][0]["set"] == json::array());
    }

    check_error("vote", "{}", 400, "schema_error");
    check_error("vote", R"({"samples": [{"answer": 42, "entropy": 0}]})", 400, "schema_error");
    check_error("vote", R"({"samples": [{"answer": "a"}]})", 400, "schema_error");
    check_error("vote", R"({"samples": [{"answer": "a", "entropy": 0, "token_entropies": [0]}]})",
                400, "schema_error");
    check_error("vote", R"({"samples": [{"answer": "a", "entropy": 0, "why": 1}]})", 400,
                "schema_error");
    check_error("vote", R"({"samples": []})", 422, "empty_input");
    check_error("vote", R"({"samples": [{"answer": "a", "token_entropies": []}]})", 422,
                "empty_input");
    check_error("vote", R"({"samples": [{"answer": "a", "entropy": -1}]})", 400,
                "invalid_argument");
    check_error("vote", R"({"samples": [{"answer": " ", "entropy": 0}]})", 400, "invalid_argument");
    check_error("vote", R"({"samples": [{"answer": "a", "token_entropies": [-1]}]})", 400,
                "invalid_argument");

    const std::string rounds = R"("rounds": [[{"expert": "a", "confidence": 0.5}]])";
    check_error("gate", std::string("{") + rounds + "}", 400, "schema_error");
    check_error("gate", R"({"experts": ["a"]})", 400, "schema_error");
    check_error("gate", R"({"experts": "a", )" + rounds + "}", 400, "schema_error");
    check_error("gate", R"({"experts": ["a"], "top_k": "1", )" + rounds + "}", 400, "schema_error");
    check_error("gate", R"({"experts": ["a"], "feature_weights": {"f": "x"}, )" + rounds + "}", 400,
                "schema_error");
    check_error("gate", R"({"experts": ["a"], "rounds": [[{"expert": "a"}]]})", 400,
                "schema_error");
    check_error("gate", R"({"experts": ["a"], "rounds": [{"expert": "a", "confidence": 1}]})", 400,
                "schema_error");
    check_error("gate", R"({"experts": [], )" + rounds + "}", 422, "empty_input");
    check_error("gate", R"({"experts": ["a"], "rounds": []})", 422, "empty_input");
    check_error("gate", R"({"experts": ["a"], "rounds": [[]]})", 422, "empty_input");
    check_error("gate", R"({"experts": ["a", "a"], )" + rounds + "}", 400, "invalid_parameter");
    check_error("gate", R"({"experts": ["a"], "baseline": "b", )" + rounds + "}", 400,
                "invalid_parameter");
    check_error("gate", R"({"experts": ["a"], "top_k": 1.5, )" + rounds + "}", 400,
                "invalid_parameter");
    check_error("gate", R"({"experts": ["a"], "top_k": 2, )" + rounds + "}", 400,
                "invalid_parameter");
    check_error("gate", R"({"experts": ["a"], "margin": -1, )" + rounds + "}", 400,
                "invalid_parameter");
    check_error("gate", R"({"experts": ["a"], "rounds": [[{"expert": "b", "confidence": 0.5}]]})",
                400, "invalid_argument");
    check_error("gate", R"({"experts": ["a"], "rounds": [[{"expert": "a", "confidence": 2}]]})",
                400, "invalid_argument");
    check_error(
        "gate",
        R"({"experts": ["a"], "rounds": [[{"expert": "a", "confidence": 1, "features": {"f": 1}}]]})",
        400, "invalid_argument");
  }
}
