package org.storemanager.common.saga;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets the consumer lanes of one instance share their inbox transactions (a group commit, see
 * docs/adr/0006). A lane that brings an event while no shared transaction runs starts one, with
 * every event the other lanes brought meanwhile (at most {@code saga.group.commit.max}); the lanes
 * whose events it took wait until it committed. A lane that comes while one runs waits for it to
 * end, then the next transaction takes its event. Nothing waits on purpose: when the lanes are idle
 * a transaction holds one event, exactly as without this class; under load, several.
 *
 * <p>Each lane brings one event at a time and waits for its outcome, so one transaction never holds
 * two events of one partition, and each order's events are still handled in order. The guarantees
 * are the {@link Inbox}'s: every event of the transaction and its record commit together, or none
 * does. If a shared transaction fails, each of its events is delivered again alone ({@link
 * SharedFailure}): one event's failure (a copy, a poison event) must not cost the others an
 * attempt.
 */
@ApplicationScoped
public class GroupCommit {

  @Inject Inbox inbox;

  @Inject
  @ConfigProperty(name = "saga.group.commit.max", defaultValue = "16")
  int max;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition ended = lock.newCondition();
  private final List<Waiting> waiting = new ArrayList<>();
  private boolean running;

  /**
   * Delivers the event in a transaction shared with the other lanes' events; returns once it
   * committed. Throws what the transaction threw if it held this event alone, or {@link
   * SharedFailure} if it held others too.
   */
  public void deliver(Inbox.Delivery delivery) throws InterruptedException {
    Waiting mine = new Waiting(delivery);
    List<Waiting> batch;
    lock.lockInterruptibly();
    try {
      waiting.add(mine);
      try {
        while (running && mine.outcome == null) {
          ended.await();
        }
      } catch (InterruptedException e) {
        waiting.remove(mine); // not taken: no transaction will hold it
        throw e;
      }
      if (mine.outcome != null) {
        mine.rethrow();
        return;
      }
      batch = take(mine);
      running = true;
    } finally {
      lock.unlock();
    }
    RuntimeException failure = null;
    try {
      inbox.deliverAll(batch.stream().map(w -> w.delivery).toList());
    } catch (RuntimeException e) {
      failure = batch.size() == 1 ? e : new SharedFailure(batch.size(), e);
    } finally {
      lock.lock();
      try {
        for (Waiting w : batch) {
          w.outcome = failure == null ? Outcome.COMMITTED : Outcome.FAILED;
          w.failure = failure;
        }
        running = false;
        ended.signalAll();
      } finally {
        lock.unlock();
      }
    }
    mine.rethrow();
  }

  /** Events waiting for a transaction to take them (for tests). */
  int waiting() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  /** This lane's event first, then the others that wait, oldest first, up to {@link #max}. */
  private List<Waiting> take(Waiting mine) {
    List<Waiting> batch = new ArrayList<>();
    batch.add(mine);
    waiting.remove(mine);
    while (!waiting.isEmpty() && batch.size() < Math.max(1, max)) {
      batch.add(waiting.remove(0));
    }
    return batch;
  }

  private enum Outcome {
    COMMITTED,
    FAILED
  }

  private static final class Waiting {
    final Inbox.Delivery delivery;
    Outcome outcome;
    RuntimeException failure;

    Waiting(Inbox.Delivery delivery) {
      this.delivery = delivery;
    }

    void rethrow() {
      if (outcome == Outcome.FAILED) {
        throw failure;
      }
    }
  }

  /**
   * A shared transaction failed: any of its events may have caused it. The event was not handled
   * and counts no attempt; its lane delivers it again alone, at once.
   */
  public static final class SharedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SharedFailure(int events, RuntimeException cause) {
      super("a transaction shared by " + events + " events failed: " + cause, cause);
    }
  }
}
