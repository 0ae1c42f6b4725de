#pragma once
// What a frame drew, as JSON for the tests and --layout: the named
// rectangles (panels, widgets, grids) and, cell by cell, what the canvas
// shows, at what size, and the connectors' paths.
//   {"window": [W, H], "text_px": 26, "canvas": [x0, y0, x1, y1],
//    "cells": [{"grid": "input", "n": 0, "c": 0, "y": 0, "x": 0, "padding": true,
//               "rect": [...], "text": "0", "value": 0.0, "text_px": 30}, ...],
//    "connectors": [[[x, y], ...], ...], "canvas.window": [x0, y0, x1, y1], ...,
//    "texts": {"status": "...", "step.expression": "...", ...}}
#include <nlohmann/json.hpp>

#include "ui/app_state.h"

namespace convviz::ui {

nlohmann::json layout_report(const AppState& state, float width, float height);

}  // namespace convviz::ui
