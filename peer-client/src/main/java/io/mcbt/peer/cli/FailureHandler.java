package io.mcbt.peer.cli;

import io.mcbt.peer.index.IndexException;
import io.mcbt.peer.storage.StorageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns what a command threw into one line on standard error and exit code 2. Stack traces appear
 * only with {@code --verbose}, or for failures that are bugs.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(
      Exception failure, CommandLine command, CommandLine.ParseResult parseResult) {
    PrintWriter err = command.getErr();
    Throwable cause = failure instanceof UncheckedIOException io ? io.getCause() : failure;
    String message = describe(cause);
    boolean expected = message != null;
    if (!expected) {
      message = "unexpected error: " + cause + " (please report it with the --verbose output)";
    }
    err.println(command.getColorScheme().errorText("error: " + message));
    if (verbose(parseResult)) {
      cause.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.FAILURE;
  }

  /** What to tell the user about an expected failure; null for a bug. */
  static String describe(Throwable failure) {
    if (failure instanceof IndexException
        || failure instanceof CommandFailedException
        || failure instanceof StorageException) {
      return failure.getMessage();
    }
    if (failure instanceof FileSystemException file) {
      return describe(file);
    }
    if (failure instanceof IOException io) {
      return io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage();
    }
    return null;
  }

  private static String describe(FileSystemException failure) {
    if (failure.getReason() != null) {
      return failure.getMessage();
    }
    if (failure instanceof NoSuchFileException) {
      return "no such file or folder: " + failure.getFile();
    }
    if (failure instanceof AccessDeniedException) {
      return "permission denied: " + failure.getFile();
    }
    if (failure instanceof FileAlreadyExistsException) {
      return failure.getFile() + " already exists";
    }
    return failure.getClass().getSimpleName() + ": " + failure.getMessage();
  }

  /** {@code --verbose} is inherited, so it may have been given to any command of the chain. */
  private static boolean verbose(CommandLine.ParseResult parseResult) {
    for (CommandLine.ParseResult result = parseResult;
        result != null;
        result = result.subcommand()) {
      if (result.hasMatchedOption(PeerClient.VERBOSE)) {
        return true;
      }
    }
    return false;
  }
}
