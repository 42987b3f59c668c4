#include "ui/key_presses.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <utility>
#include <vector>

namespace lf::ui {
namespace {

struct Press {
  int key;
  int mods;
};

// One window, one UI thread: the callback and the frame run on it.
std::vector<Press> g_recorded;
std::vector<Press> g_this_frame;

constexpr int kModifiers = GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER;

void on_key(GLFWwindow*, int key, int, int action, int mods) {
  if (action == GLFW_PRESS) g_recorded.push_back({key, mods & kModifiers});
}

}  // namespace

void capture_key_presses(GLFWwindow* window) {
  glfwSetKeyCallback(window, on_key);
}

void begin_key_frame() {
  g_this_frame = std::move(g_recorded);
  g_recorded.clear();
}

bool key_pressed(int glfw_key, int glfw_mods) {
  return std::any_of(g_this_frame.begin(), g_this_frame.end(), [&](const Press& press) {
    return press.key == glfw_key && press.mods == (glfw_mods & kModifiers);
  });
}

}  // namespace lf::ui
