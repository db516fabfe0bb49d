package io.mcbt.peer.cli;

import java.io.OutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The peer's command line: {@code create}, {@code publish}, {@code search} and {@code fetch}
 * torrents of an mcbt index; {@code seed} and {@code get} their data with BitTorrent peers.
 */
@Command(
    name = "peer-client",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Creates, publishes, searches and fetches torrents of an mcbt index,",
      "and seeds and downloads their data with BitTorrent peers."
    },
    subcommands = {
      CreateCommand.class,
      PublishCommand.class,
      SearchCommand.class,
      FetchCommand.class,
      SeedCommand.class,
      GetCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeOnInvalidInput = ExitCodes.USAGE,
    exitCodeOnExecutionException = ExitCodes.FAILURE,
    footerHeading = "%nExit codes:%n",
    footer = {"  0  done", "  1  wrong arguments", "  2  the server, network or a file failed"})
public final class PeerClient {
  static final String VERBOSE = "--verbose";

  @Option(
      names = VERBOSE,
      scope = ScopeType.INHERIT,
      description = "Show the stack trace when a command fails.")
  boolean verbose;

  private final OutputStream binaryOut;

  public PeerClient() {
    this(System.out);
  }

  /**
   * @param binaryOut where {@code fetch -o -} writes the torrent's bytes
   */
  PeerClient(OutputStream binaryOut) {
    this.binaryOut = binaryOut;
  }

  public static void main(String[] args) {
    System.exit(commandLine(new PeerClient()).execute(args));
  }

  /** The command line with this client's error reporting and exit codes. */
  public static CommandLine commandLine(PeerClient client) {
    return new CommandLine(client)
        .setExecutionExceptionHandler(new FailureHandler())
        .setParameterExceptionHandler(new UsageErrorHandler());
  }

  OutputStream binaryOut() {
    return binaryOut;
  }
}
