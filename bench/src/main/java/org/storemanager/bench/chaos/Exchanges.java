package org.storemanager.bench.chaos;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import org.storemanager.bench.StoreClient.Answer;
import org.storemanager.bench.chaos.Facts.HttpAnswer;

/**
 * Every HTTP exchange of a run, with when it was sent and answered: the 5xx check needs all of
 * them, not only the orders. A call that gets no answer (refused, timed out) completes with status
 * 0 instead of failing.
 */
final class Exchanges {

  private final RunClock clock;
  private final Queue<HttpAnswer> answers = new ConcurrentLinkedQueue<>();

  Exchanges(RunClock clock) {
    this.clock = clock;
  }

  CompletableFuture<Answer> track(
      String request, String subject, Supplier<CompletableFuture<Answer>> call) {
    long sent = clock.now();
    CompletableFuture<Answer> answer;
    try {
      answer = call.get();
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return answer.handle(
        (a, error) -> {
          Answer got = error == null ? a : new Answer(0, String.valueOf(error));
          answers.add(new HttpAnswer(request, subject, sent, clock.now(), got.status()));
          return got;
        });
  }

  List<HttpAnswer> all() {
    return List.copyOf(answers);
  }
}
