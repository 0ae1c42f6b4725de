#include "app/gl_context.h"

#include <glad/gl.h>
// glad first: GLFW must not pull in the system GL header.
#include <GLFW/glfw3.h>

#include <string>

namespace convviz {

Status with_offscreen_gl(const std::function<Status()>& work) {
  static std::string last_error;
  glfwSetErrorCallback([](int, const char* text) { last_error = text; });
  if (!glfwInit()) {
    return Error{
        "cannot open an OpenGL context: no display found (set DISPLAY, or run "
        "headless under xvfb-run) [" +
        last_error + "]"};
  }
  glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  GLFWwindow* window = glfwCreateWindow(64, 64, "ConvViz export", nullptr, nullptr);
  if (!window) {
    glfwTerminate();
    return Error{"cannot create an OpenGL 3.3 context for the export"};
  }
  glfwMakeContextCurrent(window);
  Status result = gladLoadGL(glfwGetProcAddress)
                      ? work()
                      : Status{Error{"cannot load OpenGL 3.3 functions for the export"}};
  glfwDestroyWindow(window);
  glfwTerminate();
  return result;
}

}  // namespace convviz
