// Key presses as GLFW reports them, kept until the next frame reads them.
// ImGui 1.86 only samples whether a key is down once per frame, so a tap
// shorter than a frame (a quick keystroke while the page renders at a few
// frames per second) would never register as a shortcut; GLFW's key
// callback sees every press.
#pragma once

struct GLFWwindow;

namespace lf::ui {

// Installs the capturing key callback. Call before ImGui's GLFW backend is
// initialised with its callbacks installed: ImGui then chains to it.
void capture_key_presses(GLFWwindow* window);

// Moves the presses recorded since the last call to "this frame".
void begin_key_frame();

// Whether `glfw_key` was pressed since the previous frame with exactly the
// modifiers `glfw_mods` (GLFW_MOD_* bits; Shift is ignored).
bool key_pressed(int glfw_key, int glfw_mods = 0);

}  // namespace lf::ui
