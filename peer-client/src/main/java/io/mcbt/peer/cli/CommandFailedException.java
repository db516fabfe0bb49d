package io.mcbt.peer.cli;

/** An expected failure that is neither the user's arguments nor a plain I/O error. */
final class CommandFailedException extends Exception {
  private static final long serialVersionUID = 1L;

  CommandFailedException(String message) {
    super(message);
  }

  CommandFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
