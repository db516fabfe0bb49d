package io.mcbt.peer.transfer;

import io.mcbt.transfer.StatusRequest;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A sender's account of its group: how many members it has (late joiners add to it), which said
 * they are complete, and the gathering of their answers to a status request, asked again (it may be
 * lost) until every member that is not complete answered or time is up. Used by the sending thread,
 * but for {@link #addMembers}.
 */
final class GroupAnswers {
  /** Sends a status request to the group. */
  @FunctionalInterface
  interface Asker {
    void ask(StatusRequest request) throws IOException;
  }

  private final NackInbox inbox;
  private final Asker asker;
  private final BooleanSupplier stopped;
  private final AtomicInteger members = new AtomicInteger();
  private final Set<SocketAddress> complete = new HashSet<>();

  GroupAnswers(NackInbox inbox, Asker asker, BooleanSupplier stopped) {
    this.inbox = inbox;
    this.asker = asker;
    this.stopped = stopped;
  }

  void addMembers(int count) {
    members.addAndGet(count);
  }

  int members() {
    return members.get();
  }

  int completeCount() {
    return complete.size();
  }

  boolean allComplete() {
    return members.get() > 0 && complete.size() >= members.get();
  }

  /**
   * Asks until every member answered, or until {@code deadlineNs}: how a session starts, since
   * members may hold much of the torrent already.
   */
  RoundAnswers everyone(StatusRequest request, long deadlineNs)
      throws IOException, InterruptedException {
    RoundAnswers heard = new RoundAnswers(request.round());
    while (!stopped.getAsBoolean()
        && heard.count() < members.get()
        && System.nanoTime() < deadlineNs) {
      asker.ask(request);
      NackInbox.Answer answer = inbox.poll(TimeUnit.MILLISECONDS.toNanos(50));
      while (answer != null) {
        take(answer, heard);
        answer = inbox.poll();
      }
    }
    return heard;
  }

  /**
   * Asks, again each {@code repeatNs}, until every member not yet complete answered or {@code
   * waitNs} passed.
   */
  RoundAnswers round(StatusRequest request, long waitNs, long repeatNs)
      throws IOException, InterruptedException {
    RoundAnswers answered = new RoundAnswers(request.round());
    long deadline = System.nanoTime() + waitNs;
    while (!stopped.getAsBoolean()) {
      asker.ask(request);
      long repeatAt = Math.min(deadline, System.nanoTime() + repeatNs);
      while (System.nanoTime() < repeatAt) {
        NackInbox.Answer answer = inbox.poll(repeatAt - System.nanoTime());
        if (answer != null) {
          take(answer, answered);
        }
        if (complete.size() + incompleteAnswered(answered) >= members.get()) {
          return answered;
        }
      }
      if (System.nanoTime() >= deadline) {
        return answered;
      }
    }
    return answered;
  }

  /** Hands every answer that came meanwhile to {@code answers}, noting who is complete. */
  void drain(Consumer<NackInbox.Answer> answers) {
    NackInbox.Answer answer;
    while ((answer = inbox.poll()) != null) {
      if (answer.nack().complete()) {
        complete.add(answer.from());
      }
      answers.accept(answer);
    }
  }

  private int incompleteAnswered(RoundAnswers answered) {
    Set<SocketAddress> heard = answered.members();
    heard.removeAll(complete);
    return heard.size();
  }

  private void take(NackInbox.Answer answer, RoundAnswers answered) {
    if (answer.nack().complete()) {
      complete.add(answer.from());
    }
    answered.add(answer.from(), answer.nack());
  }
}
