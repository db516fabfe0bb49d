package io.mcbt.peer.cli;

import io.mcbt.metainfo.Metainfo;
import io.mcbt.peer.session.TorrentSession;
import io.mcbt.peer.storage.PieceTracker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code seed}: shares a torrent whose data is on disk, until Ctrl-C. */
@Command(
    name = "seed",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Shares a torrent's data with its swarm until Ctrl-C.",
      "--data is the folder that holds the torrent's content, as 'get -o' fills it: for a"
          + " torrent named NAME, the file or folder --data/NAME."
    })
final class SeedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE.torrent", description = "The torrent to seed.")
  Path torrent;

  @Option(
      names = {"-d", "--data"},
      paramLabel = "FOLDER",
      defaultValue = ".",
      description = "The folder that holds the torrent's content (default: here).")
  Path data;

  @Option(
      names = "--partial",
      description = "Start even if pieces are missing or damaged; they are fetched from peers.")
  boolean partial;

  @Mixin PeerOptions peer;

  @Mixin ServerOption server;

  @Mixin GroupOptions groupOptions;

  @Override
  public Integer call() throws Exception {
    Metainfo metainfo = TorrentSources.readFile(torrent);
    PrintWriter out = spec.commandLine().getOut();
    try (GroupParticipation groups =
        GroupParticipation.open(groupOptions, server.server, peer.bind, out)) {
      return new SwarmRunner(
              metainfo,
              data,
              peer.config(spec.commandLine()),
              peer.quiet,
              out,
              spec.commandLine().getErr())
          .jsonProgress(peer.json)
          .listener(
              new SwarmRunner.Listener() {
                @Override
                public void started(TorrentSession session, PieceTracker pieces) {
                  groups.offer(metainfo, session, pieces.store());
                }
              })
          .run(!partial, false);
    }
  }
}
