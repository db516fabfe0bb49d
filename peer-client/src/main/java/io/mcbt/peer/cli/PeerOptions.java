package io.mcbt.peer.cli;

import io.mcbt.peer.session.SessionConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --port}, {@code --bind} and {@code --quiet}: how {@code seed} and {@code get} meet peers.
 */
final class PeerOptions {
  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "" + SessionConfig.DEFAULT_PORT,
      description = "The TCP port to accept peers on (default: ${DEFAULT-VALUE}; 0 for any).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "0.0.0.0",
      converter = AddressConverter.class,
      description = "The local IP address to accept peers on (default: ${DEFAULT-VALUE}).")
  InetAddress bind;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress display; errors and the final line only.")
  boolean quiet;

  @Option(
      names = "--json",
      description = "Progress as one JSON object a second on standard error, for programs.")
  boolean json;

  SessionConfig config(CommandLine commandLine) {
    if (port < 0 || port > 0xFFFF) {
      throw new UsageException(commandLine, "--port: " + port + " is not a port (0 to 65535)");
    }
    return SessionConfig.of(bind, port);
  }

  /** Numeric addresses only: a host name would be looked up, and might name several. */
  static final class AddressConverter implements CommandLine.ITypeConverter<InetAddress> {
    @Override
    public InetAddress convert(String text) {
      String address = text.strip();
      if (!address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
        throw new CommandLine.TypeConversionException(
            "\"" + text + "\" is not an IP address like 127.0.0.1");
      }
      try {
        return InetAddress.getByName(address);
      } catch (UnknownHostException e) {
        throw new CommandLine.TypeConversionException(
            "\"" + text + "\" is not an IP address like 127.0.0.1");
      }
    }
  }
}
