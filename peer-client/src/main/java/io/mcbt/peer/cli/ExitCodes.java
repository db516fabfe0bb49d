package io.mcbt.peer.cli;

/** What the process's exit code tells a script. */
final class ExitCodes {
  /** Done. */
  static final int OK = 0;

  /** The arguments were wrong: fix the command line. */
  static final int USAGE = 1;

  /** The server, the network or the file system failed: the command line was fine. */
  static final int FAILURE = 2;

  private ExitCodes() {}
}
