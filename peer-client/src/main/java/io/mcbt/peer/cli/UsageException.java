package io.mcbt.peer.cli;

import picocli.CommandLine;

/**
 * The arguments parse but make no sense together, and the message says all the user needs: no hint
 * to {@code --help} follows it.
 */
final class UsageException extends CommandLine.ParameterException {
  private static final long serialVersionUID = 1L;

  UsageException(CommandLine commandLine, String message) {
    super(commandLine, message);
  }
}
