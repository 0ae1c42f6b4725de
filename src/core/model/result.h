#pragma once
// Errors as values: a sentence a student understands, never an exception
// across layer boundaries (see STYLE.md).
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace convviz {

struct Error {
  std::string message;
};

// A value or the Error explaining why there is none. A stand-in for
// std::expected, which C++20 on GCC 12 does not have.
template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(state_); }
  const T& value() const { return std::get<T>(state_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

// For operations that produce nothing but may fail.
using Status = std::optional<Error>;

}  // namespace convviz
