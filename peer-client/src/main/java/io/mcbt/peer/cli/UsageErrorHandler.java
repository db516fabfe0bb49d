package io.mcbt.peer.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Reports wrong arguments in one or two lines instead of the whole usage text. */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

  @Override
  public int handleParseException(CommandLine.ParameterException error, String[] args) {
    CommandLine command = error.getCommandLine();
    PrintWriter err = command.getErr();
    err.println(command.getColorScheme().errorText("error: " + error.getMessage()));
    if (!(error instanceof UsageException)) {
      CommandLine.UnmatchedArgumentException.printSuggestions(error, err);
      err.println(
          "Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    }
    err.flush();
    return ExitCodes.USAGE;
  }
}
