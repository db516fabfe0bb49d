package io.mcbt.peer.cli;

import io.mcbt.metainfo.Metainfo;
import io.mcbt.peer.session.TorrentSession;
import io.mcbt.peer.storage.PieceTracker;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code get}: downloads a torrent's data from its swarm, then seeds it. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Downloads a torrent's data from its peers, then keeps seeding until Ctrl-C.",
      "Give a .torrent file, or an info-hash or magnet link whose .torrent the index has.",
      "What is already in the output folder is checked first, so an interrupted download resumes."
    })
final class GetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "TORRENT",
      description = "A .torrent file, an info-hash (40 hex digits) or a magnet link.")
  String target;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FOLDER",
      defaultValue = ".",
      description = "The folder to download into; it gets the torrent's NAME (default: here).")
  Path output;

  @Option(names = "--exit-when-done", description = "Exit once the download is complete.")
  boolean exitWhenDone;

  @Mixin ServerOption server;

  @Mixin PeerOptions peer;

  @Mixin GroupOptions groupOptions;

  @Override
  public Integer call() throws Exception {
    Metainfo metainfo = TorrentSources.resolve(target, server, spec.commandLine());
    Files.createDirectories(output);
    PrintWriter out = spec.commandLine().getOut();
    try (GroupParticipation groups =
        GroupParticipation.open(groupOptions, server.server, peer.bind, out)) {
      return new SwarmRunner(
              metainfo,
              output,
              peer.config(spec.commandLine()),
              peer.quiet,
              out,
              spec.commandLine().getErr())
          .jsonProgress(peer.json)
          .listener(
              new SwarmRunner.Listener() {
                @Override
                public void started(TorrentSession session, PieceTracker pieces)
                    throws InterruptedException {
                  groups.join(metainfo, session, pieces);
                }

                @Override
                public void progress(long verifiedBytes) {
                  groups.progress(verifiedBytes);
                }

                @Override
                public void completed() {
                  groups.done();
                }
              })
          .run(false, exitWhenDone);
    }
  }
}
