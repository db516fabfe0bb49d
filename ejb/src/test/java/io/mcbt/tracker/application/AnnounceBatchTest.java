package io.mcbt.tracker.application;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mcbt.metainfo.InfoHash;
import io.mcbt.tracker.AnnounceEvent;
import io.mcbt.tracker.AnnounceRequest;
import io.mcbt.tracker.PeerEndpoint;
import io.mcbt.tracker.PeerId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnnounceBatchTest {
  private final Random random = new Random(7);

  @Test
  void whatASwarmKeepsSurvivesTheRoundTrip() {
    List<AnnounceRequest> announces = new ArrayList<>();
    for (AnnounceEvent event : AnnounceEvent.values()) {
      announces.add(announce(event, 4, random.nextLong(1L << 40)));
      announces.add(announce(event, 16, 0));
    }

    List<AnnounceRequest> decoded = AnnounceBatch.decode(AnnounceBatch.encode(announces));

    assertEquals(announces.size(), decoded.size());
    for (int i = 0; i < announces.size(); i++) {
      AnnounceRequest sent = announces.get(i);
      AnnounceRequest got = decoded.get(i);
      assertEquals(sent.infoHash(), got.infoHash());
      assertEquals(sent.peerId(), got.peerId());
      assertEquals(sent.endpoint(), got.endpoint());
      assertEquals(sent.left(), got.left());
      assertEquals(sent.event(), got.event());
    }
  }

  @Test
  void anEmptyBatchIsTwoBytes() {
    assertArrayEquals(new byte[2], AnnounceBatch.encode(List.of()));
    assertEquals(List.of(), AnnounceBatch.decode(new byte[2]));
  }

  @Test
  void damagedBatchesAreRefusedWithAReason() {
    byte[] batch = AnnounceBatch.encode(List.of(announce(AnnounceEvent.NONE, 4, 10)));

    assertThrows(IllegalArgumentException.class, () -> AnnounceBatch.decode(new byte[0]));
    assertThrows(
        IllegalArgumentException.class,
        () -> AnnounceBatch.decode(Arrays.copyOf(batch, batch.length - 1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> AnnounceBatch.decode(Arrays.copyOf(batch, batch.length + 1)));
    byte[] badAddress = batch.clone();
    badAddress[2 + 40] = 5;
    assertThrows(IllegalArgumentException.class, () -> AnnounceBatch.decode(badAddress));
    byte[] badEvent = batch.clone();
    badEvent[batch.length - 1] = 9;
    assertThrows(IllegalArgumentException.class, () -> AnnounceBatch.decode(badEvent));
    byte[] noPort = batch.clone();
    noPort[2 + 41 + 4] = 0;
    noPort[2 + 41 + 5] = 0;
    assertThrows(IllegalArgumentException.class, () -> AnnounceBatch.decode(noPort));
  }

  @Test
  void randomBytesNeverThrowAnythingElse() {
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(120)];
      random.nextBytes(bytes);
      try {
        AnnounceBatch.decode(bytes);
      } catch (IllegalArgumentException expected) {
        // refused with a reason: fine
      }
    }
  }

  private AnnounceRequest announce(AnnounceEvent event, int addressLength, long left) {
    byte[] hash = new byte[20];
    byte[] id = new byte[20];
    byte[] address = new byte[addressLength];
    random.nextBytes(hash);
    random.nextBytes(id);
    random.nextBytes(address);
    return new AnnounceRequest(
        new InfoHash(hash),
        new PeerId(id),
        new PeerEndpoint(address, 1 + random.nextInt(65535)),
        5,
        6,
        left,
        event,
        50,
        Optional.empty());
  }
}
