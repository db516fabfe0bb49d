package io.mcbt.peer.cli;

import io.mcbt.peer.index.IndexClient;
import io.mcbt.peer.index.SearchPage;
import io.mcbt.peer.index.TorrentSummary;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code search}: lists the torrents whose names match. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Searches the index by name, newest first.",
      "Every word must begin a word of the name, ignoring case: \"ubu 24\" finds"
          + " \"Ubuntu-24.04-server.iso\"."
    })
final class SearchCommand implements Callable<Integer> {
  static final int MAX_PAGE_SIZE = 100;
  private static final String ROW = "%-40s  %9s  %5s  %-16s  %s%n";
  private static final DateTimeFormatter ADDED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  @Spec CommandSpec spec;

  @Parameters(
      arity = "0..*",
      paramLabel = "QUERY",
      description = "Words of the name; none lists every torrent.")
  List<String> words;

  @Mixin ServerOption server;

  @Option(
      names = "--page",
      paramLabel = "N",
      defaultValue = "1",
      description = "Which page, from 1 (default: ${DEFAULT-VALUE}).")
  int page;

  @Option(
      names = "--size",
      paramLabel = "N",
      defaultValue = "20",
      description = "Torrents per page, 1 to 100 (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(names = "--json", description = "Print the server's JSON answer as it is.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (page < 1) {
      throw new UsageException(spec.commandLine(), "--page must be 1 or more, got " + page);
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new UsageException(
          spec.commandLine(), "--size must be between 1 and " + MAX_PAGE_SIZE + ", got " + size);
    }
    String query = words == null ? "" : String.join(" ", words);
    IndexClient index = server.client();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(index.searchJson(query, page - 1, size));
    } else {
      print(index.search(query, page - 1, size), query, out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  private void print(SearchPage result, String query, PrintWriter out) {
    if (result.total() == 0) {
      out.println(query.isBlank() ? "the index is empty" : "no torrent matches \"" + query + "\"");
      return;
    }
    if (result.items().isEmpty()) {
      out.printf(
          "page %d is past the end: %d %s fill %d %s%n",
          page,
          result.total(),
          result.total() == 1 ? "torrent" : "torrents",
          result.pageCount(),
          result.pageCount() == 1 ? "page" : "pages");
      return;
    }
    printTable(result.items(), out);
    out.printf(
        "page %d of %d (%d %s)%n",
        page, result.pageCount(), result.total(), result.total() == 1 ? "torrent" : "torrents");
  }

  /** The table of torrents, also used by {@code fetch} to list several matches. */
  static void printTable(List<TorrentSummary> torrents, PrintWriter out) {
    out.printf(ROW, "INFO-HASH", "SIZE", "FILES", "ADDED", "NAME");
    for (TorrentSummary torrent : torrents) {
      out.printf(
          ROW,
          torrent.infoHash(),
          ByteSizes.human(torrent.totalSize()),
          torrent.fileCount(),
          added(torrent.addedAt()),
          torrent.name() + (torrent.privateTorrent() ? " (private)" : ""));
    }
  }

  private static String added(String instant) {
    if (instant == null) {
      return "";
    }
    try {
      return ADDED.format(Instant.parse(instant));
    } catch (DateTimeParseException e) {
      return instant;
    }
  }
}
