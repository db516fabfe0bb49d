package io.mcbt.peer.cli;

import io.mcbt.peer.index.IndexClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --server}: which index to talk to. */
final class ServerOption {
  @Option(
      names = "--server",
      paramLabel = "URL",
      defaultValue = "${env:MCBT_SERVER:-http://localhost:8080}",
      converter = ServerUrlConverter.class,
      description = "The index server (default: ${DEFAULT-VALUE}, or env MCBT_SERVER).")
  URI server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "${env:MCBT_TOKEN}",
      description =
          "The token that publishing needs, where the server asks for one (or env MCBT_TOKEN).")
  String token;

  IndexClient client() {
    return new IndexClient(
        server, "mcbt-peer-client/" + VersionProvider.version(), Optional.ofNullable(token));
  }

  /** Accepts absolute http and https URLs without query or fragment. */
  static final class ServerUrlConverter implements CommandLine.ITypeConverter<URI> {
    @Override
    public URI convert(String text) {
      URI uri;
      try {
        uri = new URI(text.strip());
      } catch (URISyntaxException e) {
        throw new CommandLine.TypeConversionException("\"" + text + "\" is not a URL");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw new CommandLine.TypeConversionException(
            "\"" + text + "\" is not a server URL like http://localhost:8080");
      }
      return uri;
    }
  }
}
