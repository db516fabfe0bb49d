package io.mcbt.peer.signal;

import io.mcbt.signal.SignalMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Messages to and from the tracker. */
public interface SignalChannel {
  void send(SignalMessage message) throws IOException;

  /** The next message within the timeout, if any. */
  Optional<SignalMessage> next(Duration timeout) throws InterruptedException;
}
