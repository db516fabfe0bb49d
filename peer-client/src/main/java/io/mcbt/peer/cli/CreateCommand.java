package io.mcbt.peer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code create}: makes a .torrent of a file or folder. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Creates a .torrent of a file or folder.")
final class CreateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "The file or folder to share.")
  Path source;

  @Mixin CreationOptions creation;

  @Override
  public Integer call() throws Exception {
    if (creation.announceUrls().isEmpty()) {
      throw new UsageException(
          spec.commandLine(),
          "Missing required option: '--announce=URL' (the tracker peers will announce to)");
    }
    PrintWriter out = spec.commandLine().getOut();
    TorrentMaker.Made made =
        new TorrentMaker(creation, spec.commandLine().getErr())
            .make(source, creation.announceUrls());
    TorrentDescription description = new TorrentDescription(out);
    description.line("created", made.file().toString());
    description.print(made.torrent().metainfo());
    out.flush();
    return ExitCodes.OK;
  }
}
