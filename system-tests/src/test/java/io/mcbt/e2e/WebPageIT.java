package io.mcbt.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.peer.rtt.EchoResponder;
import io.mcbt.peer.rtt.RttProber;
import io.mcbt.peer.signal.GroupJoiner;
import io.mcbt.peer.signal.TrackerSocket;
import io.mcbt.signal.SignalMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real headless Chromium (Debian's chromium and chromedriver): publish a torrent
 * from the file picker, find it, open it, and watch a multicast group appear and finish while
 * simulated peers run. Screenshots go to target/e2e/screenshots.
 */
@EnabledIf("chromiumInstalled")
@Timeout(300)
class WebPageIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  private ServerProcess server;
  private WebDriver browser;
  private Path work;

  @BeforeEach
  void start() throws Exception {
    work = Files.createDirectories(Jars.workDir().resolve("web-" + UUID.randomUUID()));
    server =
        ServerProcess.start(
            work.resolve("server"), Map.of("MCBT_GROUPS_FORMATION_WINDOW_MS", "300"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1200,1400",
        "--user-data-dir=" + work.resolve("chromium"));
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(),
            options);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void publishFindOpenAndWatchAGroupFinish() throws Exception {
    String name = "Fedora-" + UUID.randomUUID().toString().substring(0, 6) + ".iso";
    Files.write(work.resolve(name), new byte[300_000]);
    PeerClientProcess.Result created =
        PeerClientProcess.run(
            work, "create", name, "--announce", server.baseUrl() + "/announce", "-q");
    assertEquals(0, created.exitCode(), created.err());
    InfoHash infoHash = InfoHash.fromHex(created.field("info-hash"));
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

    browser.get(server.baseUrl() + "/");
    browser.findElement(By.id("file")).sendKeys(work.resolve(name + ".torrent").toString());
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("upload-status"), "Published"));
    screenshot("1-published");

    browser.findElement(By.id("search")).sendKeys("fedora " + name.substring(7, 10));
    browser.findElement(By.cssSelector("#search-form button")).click();
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(By.id("torrents-summary"), "1 torrent"));
    // The list may render again (the upload's refresh, then the search) between find and click.
    wait.ignoring(StaleElementReferenceException.class)
        .until(
            page -> {
              page.findElement(By.linkText(name)).click();
              return true;
            });
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("torrent-name"), name));
    assertTrue(browser.findElement(By.id("torrent-files")).getText().contains(name));
    assertTrue(
        browser
            .findElement(By.id("torrent-magnet"))
            .getAttribute("href")
            .startsWith("magnet:?xt=urn:btih:" + infoHash.hex()));

    // The tracker takes a hello only for torrents announced from the peer's address.
    String announced = TrackerProbe.httpAnnounce(server.baseUrl() + "/announce", infoHash, 1);
    assertFalse(announced.contains("failure reason"), announced);
    try (EchoResponder control =
            EchoResponder.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TrackerSocket holder =
            TrackerSocket.connect(URI.create(server.baseUrl()), Duration.ofSeconds(10));
        TrackerSocket member =
            TrackerSocket.connect(URI.create(server.baseUrl()), Duration.ofSeconds(10))) {
      holder.send(
          new SignalMessage.Hello(
              "lab-seeder", List.of(), List.of(infoHash), 6881, control.port(), true));
      SignalMessage.GroupAssign assign =
          new GroupJoiner(member, new RttProber(3, Duration.ofMillis(2), Duration.ofMillis(500)))
              .join("lab-node-1", infoHash, 6882, 7002, Duration.ofSeconds(20))
              .orElseThrow();
      member.send(new SignalMessage.Progress(assign.groupId(), 150_000));

      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(By.id("torrent-groups"), "SENDING"));
      assertTrue(browser.findElement(By.id("groups")).getText().contains("lab-node-1"));
      screenshot("2-group-sending");

      member.send(new SignalMessage.Done(assign.groupId()));
      wait.until(
          ExpectedConditions.textToBePresentInElementLocated(By.id("torrent-groups"), "DONE"));
      screenshot("3-group-done");
    }
  }

  private void screenshot(String name) throws Exception {
    Path folder = Files.createDirectories(Jars.workDir().resolve("screenshots"));
    Files.write(
        folder.resolve(name + ".png"),
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  static boolean chromiumInstalled() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }
}
