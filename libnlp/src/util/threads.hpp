#pragma once
// Runs job(t) for t in [0, threads) on as many threads and waits for all; the first exception
// (by thread number) is rethrown once every thread has ended.
#include <exception>
#include <thread>
#include <vector>

namespace nlp::detail {

template <typename Job>
void run_threads(unsigned threads, Job&& job) {
  if (threads <= 1) {
    job(0u);
    return;
  }
  std::vector<std::exception_ptr> errors(threads);
  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      try {
        job(t);
      } catch (...) {
        errors[t] = std::current_exception();
      }
    });
  for (auto& w : workers) w.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace nlp::detail
