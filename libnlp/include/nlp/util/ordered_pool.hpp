#pragma once
// Parallel map over a stream of batches with output in input order.
//   nlp::run_ordered<Batch>(threads,
//       [&](Batch& b) { return fill(b); },                 // producer (calling thread)
//       [&](Batch& b, std::size_t worker) { work(b); },    // on a worker
//       [&](Batch& b) { write(b); });                      // consumer (calling thread, in order)
// The calling thread produces and consumes; `threads` workers process. At most 2 * threads
// batches are in flight, so memory is bounded whatever the input size. With threads <= 1
// everything runs on the calling thread. The first exception thrown by any of the three
// callables stops the run and is rethrown from run_ordered() after every worker has joined.
// `worker` (0 <= worker < max(threads, 1)) indexes per-worker state owned by the caller.
// Batches are recycled: after consume() a batch gets clear() and is produced into again, so a
// Batch whose clear() keeps its buffers (vector capacity, strings) allocates little per batch.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace nlp {

template <class Batch, class Produce, class Process, class Consume>
void run_ordered(std::size_t threads, Produce&& produce, Process&& process, Consume&& consume) {
  if (threads <= 1) {
    Batch batch;
    while (produce(batch)) {
      process(batch, std::size_t{0});
      consume(batch);
      batch.clear();
    }
    return;
  }

  struct Slot {
    Batch batch;
    bool done = false;
    std::exception_ptr error;
  };
  std::mutex mu;
  std::condition_variable work_cv, done_cv;
  std::deque<Slot*> queue;  // produced, not yet taken by a worker
  bool stop = false;

  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (std::size_t w = 0; w < threads; ++w) {
    workers.emplace_back([&, w] {
      for (;;) {
        Slot* slot;
        {
          std::unique_lock lock(mu);
          work_cv.wait(lock, [&] { return stop || !queue.empty(); });
          if (queue.empty()) return;
          slot = queue.front();
          queue.pop_front();
        }
        try {
          process(slot->batch, w);
        } catch (...) {
          slot->error = std::current_exception();
        }
        {
          std::lock_guard lock(mu);
          slot->done = true;
        }
        done_cv.notify_all();
      }
    });
  }

  std::deque<std::unique_ptr<Slot>> inflight;
  std::vector<std::unique_ptr<Slot>> spare;  // consumed slots, to be produced into again
  std::exception_ptr error;
  const std::size_t max_inflight = 2 * threads;
  try {
    bool more = true;
    while (more || !inflight.empty()) {
      if (more && inflight.size() < max_inflight) {
        std::unique_ptr<Slot> slot;
        if (spare.empty()) {
          slot = std::make_unique<Slot>();
        } else {
          slot = std::move(spare.back());
          spare.pop_back();
          slot->batch.clear();
          slot->done = false;
        }
        if (produce(slot->batch)) {
          {
            std::lock_guard lock(mu);
            queue.push_back(slot.get());
          }
          work_cv.notify_one();
          inflight.push_back(std::move(slot));
          continue;
        }
        more = false;
        continue;
      }
      Slot& front = *inflight.front();
      {
        std::unique_lock lock(mu);
        done_cv.wait(lock, [&] { return front.done; });
      }
      if (front.error) std::rethrow_exception(front.error);
      consume(front.batch);
      spare.push_back(std::move(inflight.front()));
      inflight.pop_front();
    }
  } catch (...) {
    error = std::current_exception();
  }
  {
    std::lock_guard lock(mu);
    stop = true;
    queue.clear();  // batches not started are abandoned
  }
  work_cv.notify_all();
  for (auto& t : workers) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace nlp
